"""The limits on uploaded files are checked before anything is parsed or stored: a zip bomb from
its zip directory alone, a huge workbook from the cells its sheets declare, and what slips past
those while it is read, a row at a time. Each entry point has its own test in its area."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from monitoring import table_upload, upload_limits
from tests import hostile_files

MEMORY_BOUND = 50 * 1024 * 1024  # generous: parsing a million cells takes some 600 MB


def peak_while(action) -> int:
    tracemalloc.start()
    try:
        action()
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


def refused(action) -> str:
    with pytest.raises(ValidationError) as error:
        action()
    return " ".join(error.value.messages)


def test_a_zip_bomb_is_refused_from_its_directory_alone():
    bomb = SimpleUploadedFile("sop.docx", hostile_files.zip_bomb(garbage=True))
    # Its packed data cannot be unpacked at all: only the directory was read.
    with zipfile.ZipFile(io.BytesIO(bomb.read())) as archive, pytest.raises(zipfile.zlib.error):
        archive.open("word/document.xml").read(1024)
    bomb.seek(0)
    message = refused(lambda: upload_limits.check_document(bomb))
    assert message == "The file takes 1024 MB once unpacked; the limit is 200 MB."
    assert bomb.tell() == 0


def test_a_zip_bomb_is_refused_within_a_small_memory_bound():
    bomb = SimpleUploadedFile("sop.docx", hostile_files.zip_bomb())
    assert peak_while(lambda: refused(lambda: upload_limits.check_document(bomb))) < MEMORY_BOUND


def test_a_part_packed_like_a_bomb_is_refused_under_the_total(settings):
    settings.UPLOAD_ZIP_MAX_UNPACKED_BYTES = 2 * 1024**3
    bomb = SimpleUploadedFile("sop.docx", hostile_files.zip_bomb(garbage=True))
    message = refused(lambda: upload_limits.check_document(bomb))
    assert "packed suspiciously tightly" in message and "the limit is 100" in message


def test_too_many_parts_are_refused(settings):
    settings.UPLOAD_ZIP_MAX_ENTRIES = 5
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(6):
            archive.writestr(f"word/part{n}.xml", "<x/>")
    message = refused(
        lambda: upload_limits.check_document(SimpleUploadedFile("a.docx", buffer.getvalue()))
    )
    assert message == "The file is made of 6 parts; the limit is 5."


def test_a_million_cell_workbook_is_refused_by_the_cells_it_declares():
    content = hostile_files.million_cell_workbook()
    assert len(content) < 200_000

    def check():
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            upload_limits.check_workbook(archive)

    assert refused(check).startswith("The workbook has 1000000 cells; at most 200000 are read.")
    assert peak_while(lambda: refused(check)) < MEMORY_BOUND


@pytest.mark.parametrize("declared", ["A1", None], ids=["understated", "undeclared"])
def test_a_workbook_that_hides_its_size_is_stopped_while_it_is_read(settings, declared):
    settings.UPLOAD_WORKBOOK_MAX_CELLS = 1000
    content = hostile_files.workbook(100, 20, declared=declared)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        upload_limits.check_workbook(archive)  # nothing declared gives it away
    message = refused(lambda: upload_limits.read_workbook(content))
    assert message.startswith("The workbook has more than 1000 cells; at most 1000 are read.")
    assert (
        len(
            upload_limits.read_workbook(hostile_files.workbook(10, 20, declared=declared))
            .worksheets[0]
            .rows
        )
        == 10
    )


def test_the_table_reader_refuses_a_million_cells_within_a_small_memory_bound():
    upload = SimpleUploadedFile("t.xlsx", hostile_files.million_cell_workbook())

    def read():
        upload.seek(0)
        return refused(
            lambda: table_upload.read_table(
                upload, columns=[("a", False)], max_bytes=5 << 20, max_rows=10
            )
        )

    assert "1000000 cells" in read()
    assert peak_while(read) < MEMORY_BOUND


def read_csv(content: bytes, max_rows=100):
    return table_upload.read_table(
        SimpleUploadedFile("t.csv", content),
        columns=[("a", True)],
        max_bytes=5 << 20,
        max_rows=max_rows,
    )


def test_a_csv_is_bounded_in_columns_rows_and_cells(settings):
    settings.UPLOAD_TABLE_MAX_COLUMNS = 10
    wide = ",".join(["a"] + [f"c{n}" for n in range(20)]).encode() + b"\n1\n"
    assert refused(lambda: read_csv(wide)) == "The file has 21 columns; at most 10 are read."
    long = b"a\n" + b"1\n" * 101
    assert refused(lambda: read_csv(long)) == (
        "The file has more than 100 rows; import at most 100 at a time."
    )
    blank_lines = b"a\n1\n" + b"\n" * (4 << 20)
    assert "more than 200000 cells" in refused(lambda: read_csv(blank_lines))
    assert read_csv(b"a\n1\n\n2\n") == [{"row": 2, "a": "1"}, {"row": 4, "a": "2"}]


def test_a_column_named_twice_is_refused():
    assert refused(lambda: read_csv(b"a,b,a\n1,2,3\n")) == "These columns appear twice: a."


def test_the_refusals_speak_russian():
    bomb = SimpleUploadedFile("sop.docx", hostile_files.zip_bomb(garbage=True))
    with translation.override("ru"):
        message = refused(lambda: upload_limits.check_document(bomb))
        csv_message = refused(lambda: read_csv(b"a,a\n1,2\n"))
    assert message == ("В распакованном виде файл занимает 1024 МБ; допускается не более 200 МБ.")
    assert csv_message == "Эти столбцы встречаются дважды: a."


def test_a_workbook_with_a_damaged_sheet_is_refused_clearly():
    content = bytearray(hostile_files.workbook(20, 20))
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as archive:
        sheet = archive.getinfo("xl/worksheets/sheet1.xml")
    start = sheet.header_offset + 30 + len(sheet.filename)
    content[start : start + sheet.compress_size] = b"\xff" * sheet.compress_size
    upload = SimpleUploadedFile("t.xlsx", bytes(content))
    message = refused(
        lambda: table_upload.read_table(
            upload, columns=[("a", False)], max_bytes=1 << 20, max_rows=9
        )
    )
    assert (
        message == "The XLSX file could not be read. Save it again from your spreadsheet program."
    )


def test_empty_cells_after_the_last_column_do_not_count_as_columns(settings):
    settings.UPLOAD_TABLE_MAX_COLUMNS = 3
    assert read_csv(b"a,,,,,,\n1,,,,,,\n") == [{"row": 2, "a": "1"}]
