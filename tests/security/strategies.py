"""Hypothesis strategies for hostile user input: any text (control characters included),
number-like text from the harmless to the absurd, and malformed query strings."""

from urllib.parse import quote

from hypothesis import strategies as st

# Any Unicode text except lone surrogates (they cannot reach Django: a request is UTF-8).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
control_text = st.text(st.characters(max_codepoint=0x20) | st.sampled_from("\u00a0\u2028\ufeff"))

# Numbers as people (and attackers) type them.
huge_digits = st.builds(
    lambda digit, count, sign: sign + digit * count,
    st.sampled_from("123456789"),
    st.integers(min_value=10, max_value=6000),
    st.sampled_from(["", "-", "+"]),
)
number_text = st.one_of(
    st.integers().map(str),
    st.integers(min_value=-(10**40), max_value=10**40).map(lambda n: f"{n:,}".replace(",", " ")),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=False).map(str),
    huge_digits,
    st.sampled_from(
        [
            "1e999999999",
            "1E-999999999",
            "9e9999999999999999999",
            "NaN",
            "sNaN",
            "-Infinity",
            "0x10",
            "1_000",
            "١٢٣",  # Arabic-Indic digits
            "１２",  # full-width digits
            "12,5",
            "12.",
            ".5",
            "--1",
            "1e",
            "\u00a01 000\u00a0",
        ]
    ),
)
date_text = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: f"{d.day:02}.{d.month:02}.{d.year:04}"),
    st.sampled_from(
        ["31.02.2024", "0000-01-01", "9999-12-31", "2024-13-01", "1.1.1", "٢٠٢٤-٠١-٠١"]
    ),
)
hostile_text = st.one_of(any_text, control_text, number_text, date_text)


def _percent_mangled(text: str) -> str:
    return quote(text, safe="=&%+;") + "%"


# A query string as it may arrive on the wire: bytes read as Latin-1 (what WSGI hands Django),
# percent-encoded text with broken escapes, or sensible keys with hostile values.
raw_query = st.one_of(
    st.binary(max_size=200).map(lambda data: data.decode("latin-1")),
    any_text.map(_percent_mangled),
)


# Text for a PDF: reportlab's paragraph markup (images, fonts, links, its own tags), broken
# tags and entities, mixed with Latin, Cyrillic (Kazakh and Kyrgyz letters too) and control
# characters. No NUL: PostgreSQL refuses it and Django's forms strip it before any model.
PDF_MARKUP = [
    '<img src="x" onerror="y">',
    '<img src="{image}"/>',
    '<img src="{image}" width="30" height="30" valign="top"/>',
    '<font face="Courier" color="red" size="30">',
    "</font>",
    '<a href="file:///etc/passwd">',
    '<a href="pdf:/etc/passwd.pdf">',
    '<a href="{image}">',
    "</a>",
    '<link href="https://example.org/">',
    "</link>",
    '<a name="p-1"/>',
    "<para>",
    "</para>",
    "<br/>",
    "<br>",
    "<b>",
    "</i>",
    "<strike>",
    '<onDraw name="drawTOCEntryEnd" label="1,0,x"/>',
    '<seq id="s"/>',
    '<span class="footnote">',
    "</span>",
    "<script>alert(1)</script>",
    "<unknown x=1>",
    "<",
    ">",
    "</",
    "/>",
    "&",
    "&amp;",
    "&lt;img&gt;",
    "&#0;",
    "&#x3c;img src=x&#x3e;",
    "&nbsp;",
    "&bogus;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    '"',
    "'",
]
pdf_letters = st.text(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E)
    | st.characters(min_codepoint=0x410, max_codepoint=0x44F)
    | st.sampled_from("ЁёҢңӨөҮүӘәҚқҒғҰұҺһІі«»—№")
    | st.sampled_from("\t\n\r\x01\x08\x0b\x1b\x1f\x7f\x85\u00a0\u2028\ufeff"),
    max_size=16,
)


def pdf_text(image: str, *, max_parts: int = 5) -> st.SearchStrategy[str]:
    """Hostile text for a PDF; `image` is the path of an image on the server, the file an
    `<img src=…>` would try to embed."""
    markup = st.sampled_from([piece.format(image=image) for piece in PDF_MARKUP])
    return st.lists(markup | pdf_letters, min_size=1, max_size=max_parts).map("".join)
