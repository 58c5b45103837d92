"""Hostile uploads, built in memory: a workbook of a million cells that packs into a few hundred
kilobytes, and zip bombs (office documents with a part of 1 GiB of zeros packed into about 1 MB).

The bomb's part is real deflate data, built fast: one MiB of zeros is compressed once and closed
with a full flush (which forgets the history), so the same bytes can follow each other 1,024
times; any unzip program unpacks them to 1 GiB of zeros.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from functools import cache

GIB = 1 << 30
CHUNK = 1 << 20

OOXML = "http://schemas.openxmlformats.org"
OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
RELATIONSHIP = f"{OOXML}/officeDocument/2006/relationships"
CONTENT_TYPES = (
    f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{OOXML}/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{OFFICE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{OFFICE}.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{OOXML}/package/2006/'
    f'relationships"><Relationship Id="rId1" Type="{RELATIONSHIP}/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{OOXML}/spreadsheetml/2006/main" '
    f'xmlns:r="{RELATIONSHIP}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>'
    "</workbook>"
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{OOXML}/package/2006/'
    f'relationships"><Relationship Id="rId1" Type="{RELATIONSHIP}/worksheet" '
    'Target="worksheets/sheet1.xml"/></Relationships>'
)
SHEET_START = (
    f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{OOXML}/spreadsheetml/2006/main">'
)


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def workbook(rows: int, columns: int, *, declared: str | None = "") -> bytes:
    """An XLSX of one sheet of `rows` x `columns` number cells, its sheet XML streamed into the
    zip a row at a time. `declared` is the `<dimension ref>` it states: "" for the truth, None
    for none, or a lie such as "A1"."""
    ref = f"A1:{_column(columns)}{rows}" if declared == "" else declared
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(SHEET_START.encode())
            if ref is not None:
                sheet.write(f'<dimension ref="{ref}"/>'.encode())
            sheet.write(b"<sheetData>")
            cells = b"<c><v>7</v></c>" * columns
            for row in range(1, rows + 1):
                sheet.write(b'<row r="%d">' % row + cells + b"</row>")
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


@cache
def million_cell_workbook() -> bytes:
    """1,000 rows of 1,000 cells, as declared."""
    return workbook(1000, 1000)


@cache
def _zeros() -> tuple[bytes, int]:
    """1 GiB of zeros as raw deflate data (about 1 MB), and its CRC-32."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(CHUNK)) + compressor.flush(zlib.Z_FULL_FLUSH)
    data = block * (GIB // CHUNK) + b"\x03\x00"  # an empty final block ends the stream
    crc, chunk = 0, bytes(CHUNK * 16)
    for _ in range(GIB // len(chunk)):
        crc = zlib.crc32(chunk, crc)
    return data, crc


def _zip(parts: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of (name, deflate data, unpacked size, CRC-32) parts, written by hand (zipfile
    would compress the gigabyte itself)."""
    out, directory = io.BytesIO(), io.BytesIO()
    for name, data, size, crc in parts:
        encoded = name.encode()
        offset = out.tell()
        fields = (20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded))
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + encoded + data)
        directory.write(
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHHHHHII", *fields, 0, 0, 0, 0, 0, offset)
            + encoded
        )
    start = out.tell()
    listing = directory.getvalue()
    out.write(listing)
    out.write(
        struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(listing), start, 0)
    )
    return out.getvalue()


def _small(name: str, text: str) -> tuple[str, bytes, int, int]:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    content = text.encode()
    return (
        name,
        compressor.compress(content) + compressor.flush(),
        len(content),
        zlib.crc32(content),
    )


def zip_bomb(kind: str = "docx", *, garbage: bool = False) -> bytes:
    """A DOCX (its `word/document.xml`) or an XLSX (its sheet) that unpacks to 1 GiB. With
    `garbage`, the same zip directory over packed bytes that no unzip program can unpack: a
    check that refuses it has read the directory only."""
    zeros, crc = _zeros()
    if garbage:
        zeros = b"\xff" * len(zeros)
    if kind == "docx":
        parts = [_small("[Content_Types].xml", "<Types/>"), ("word/document.xml", zeros, GIB, crc)]
    else:
        parts = [
            _small("[Content_Types].xml", CONTENT_TYPES),
            _small("_rels/.rels", ROOT_RELS),
            _small("xl/workbook.xml", WORKBOOK),
            _small("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", zeros, GIB, crc),
        ]
    return _zip(parts)
