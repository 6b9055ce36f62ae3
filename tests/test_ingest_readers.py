"""Reading real files: text in several encodings, Markdown, web pages, PDFs, and every
kind of bad input, each refused with one line naming the file and the reason."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from blocwatch.errors import (
    DocumentDecodeError,
    DocumentTooLargeError,
    EmptyDocumentError,
    InputError,
    UnsupportedFormatError,
    UsageError,
)
from blocwatch.ingest import iter_paths, paths_from_lines, read_document
from ingest_testdata import (
    ARTICLE_PARAGRAPHS,
    COMMENTARY_PAGES,
    RUNNING_HEADER,
    draw_image_only_pdf,
    draw_pdf,
    encrypt_pdf,
    feature_page,
    news_page,
)
from skips import ROOT_READS_ANY_FILE

SENTENCE = "Pakistan’s foreign minister met his Russian counterpart in Moscow on 27 February."


def check_spans(document) -> None:  # type: ignore[no-untyped-def]
    assert document.paragraphs
    for start, end in document.paragraphs:
        assert "\n" not in document.text[start:end]
    assert "\n\n".join(document.text[s:e] for s, e in document.paragraphs) == document.text


# -- text -------------------------------------------------------------------------------

def test_readers_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(f"Talks in Moscow\n\n{SENTENCE}\nBoth sides\nagreed to meet again.\n", "utf-8")
    document = read_document(path)
    assert document.format == "txt"
    assert document.path == str(path)
    assert document.title == "Talks in Moscow"
    assert document.text.split("\n\n") == [
        "Talks in Moscow",
        "Pakistan's foreign minister met his Russian counterpart in Moscow on 27 February. "
        "Both sides agreed to meet again.",
    ]
    check_spans(document)


def test_readers_utf8_bom_and_utf16(tmp_path: Path) -> None:
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"))
    assert read_document(bom).text.startswith("Pakistan's")
    wide = tmp_path / "wide.txt"
    wide.write_bytes(SENTENCE.encode("utf-16"))
    assert read_document(wide).text.startswith("Pakistan's foreign minister")


def test_readers_cp1252_text_decoded_as_it_most_likely_is(tmp_path: Path) -> None:
    text = ("The minister’s “visit” to Zürich – a café meeting – was naïve, said Ms Müller.\n"
            "Ankara’s envoy said the résumé of talks was “constructive”.\n")
    path = tmp_path / "windows.txt"
    path.write_bytes(text.encode("cp1252"))
    document = read_document(path)
    assert 'The minister\'s "visit" to Zürich – a café meeting – was naïve, said Ms Müller.' in document.text
    assert "résumé" in document.text


def test_readers_latin1_text(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Les ministres se sont réunis à Genève pour la réunion annuelle.".encode("latin-1"))
    assert "réunis à Genève" in read_document(path).text


def test_readers_short_latin1_text_not_read_as_a_dos_code_page(tmp_path: Path) -> None:
    # charset-normalizer's best guess for these bytes is cp775 (Baltic DOS): "Cafķ".
    path = tmp_path / "short.txt"
    path.write_bytes(b"Caf\xe9 talk. NEW DELHI, 3 January 2021 \x96 India criticised China on Tuesday "
                     b"over the border clash. Na\xefve.\n")
    text = read_document(path).text
    assert text.startswith("Café talk.")
    assert "2021 – India" in text
    assert text.endswith("Naïve.")


def test_readers_cyrillic_cp1251_text(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    text = "Министр иностранных дел России встретился с коллегой из Пакистана в Москве."
    path.write_bytes(text.encode("cp1251"))
    assert read_document(path).text == text


def test_readers_markdown(tmp_path: Path) -> None:
    path = tmp_path / "brief.md"
    path.write_text(
        "---\ntitle: Ankara and Moscow\ndate: 2024-07-10\n---\n"
        "# Ankara and *Moscow* talk gas\n\n"
        "![Erdogan and Putin](photo.jpg)\n\n"
        "Turkey's **foreign minister** met [Sergey Lavrov](https://example.org/lavrov) in\n"
        "Moscow on _Tuesday_.\n\n"
        "## Next steps\n"
        "- a gas hub\n- grain exports\n",
        "utf-8",
    )
    document = read_document(path)
    assert document.format == "md"
    assert document.title == "Ankara and Moscow"
    assert (document.pub_date, document.pub_date_source) == ("2024-07-10", "header")
    assert document.text.split("\n\n") == [
        "Ankara and Moscow talk gas",
        "Turkey's foreign minister met Sergey Lavrov in Moscow on Tuesday.",
        "Next steps",
        "a gas hub",
        "grain exports",
    ]


def test_readers_markdown_title_from_first_heading(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text("Intro line.\n\n## Pakistan and China\n\nThey met.\n", "utf-8")
    assert read_document(path).title == "Pakistan and China"


# -- HTML -------------------------------------------------------------------------------

def test_readers_html_main_text_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(news_page(), "utf-8")
    document = read_document(path)
    assert document.format == "html"
    assert document.title == "Russia expels Bulgarian diplomats"
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0] == "Russia expels Bulgarian diplomats"
    assert paragraphs[1:] == [p.replace("’", "'") for p in ARTICLE_PARAGRAPHS]
    for noise in ("Home", "Subscribe", "Cheap flights", "Most read", "gardening", "Copyright", "Privacy"):
        assert noise not in document.text
    # The dateline in the first paragraph is the publication date.
    assert (document.pub_date, document.pub_date_source) == ("2024-07-10", "dateline")
    check_spans(document)


@pytest.mark.parametrize("charset", ["utf-8", "windows-1252"])
def test_readers_html_lead_kept_caption_and_boxes_dropped(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "feature.html"
    path.write_bytes(feature_page(charset).encode("cp1252" if charset != "utf-8" else "utf-8"))
    document = read_document(path)
    paragraphs = document.text.split("\n\n")
    assert paragraphs[0] == document.title == "Saudi Arabia and Iran agree to restore ties"
    assert paragraphs[1] == ("BEIJING, 10 March 2023 - Saudi Arabia and Iran agreed on Friday to restore "
                             "diplomatic relations after seven years, in a deal brokered by China's government.")
    assert "in the région." in document.text
    assert paragraphs[-1].startswith("The United States welcomed the agreement")
    for noise in ("Photo: Reuters", "ADVERTISEMENT", "newsletter", "Gulf Desk", "Sport"):
        assert noise not in document.text
    assert document.pub_date == "2023-03-10"


def test_readers_html_metadata_date_without_dateline(tmp_path: Path) -> None:
    page = news_page(published="2024-07-11").replace("MOSCOW, 10 July 2024 - ", "")
    path = tmp_path / "page.htm"
    path.write_text(page, "utf-8")
    document = read_document(path)
    assert (document.pub_date, document.pub_date_source) == ("2024-07-11", "header")


def test_readers_html_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(EmptyDocumentError, match=f"{path}: .*no main text"):
        read_document(path)


# -- PDF --------------------------------------------------------------------------------

def test_readers_pdf_repaired(tmp_path: Path) -> None:
    path = draw_pdf(tmp_path / "commentary.pdf", COMMENTARY_PAGES, title="Pakistan and Russia")
    document = read_document(path)
    assert document.format == "pdf"
    assert document.title == "Pakistan and Russia"
    text = document.text
    assert RUNNING_HEADER not in text and "Commentary No." not in text
    assert "its government would buy wheat" in text                  # hyphen across a line
    assert "envoys of European and other Western countries urged" in text  # across the page
    # The vertical gap before it on page 2 makes a new paragraph; pypdf's text has none.
    assert "The long-planned visit had been prepared for months." in text.split("\n\n")
    assert "Diplomatic Reactions" in text.split("\n\n")
    assert not any(p.strip().isdigit() for p in text.split("\n\n"))   # page numbers gone
    assert (document.pub_date, document.pub_date_source) == ("2022-03-03", "dateline")
    check_spans(document)


def test_readers_pdf_untitled_metadata_falls_back_to_heading(tmp_path: Path) -> None:
    path = draw_pdf(tmp_path / "untitled.pdf", COMMENTARY_PAGES)
    assert read_document(path).title == "Pakistan and Russia Draw Closer"


def test_readers_pdf_encrypted_with_empty_password_is_read(tmp_path: Path) -> None:
    plain = draw_pdf(tmp_path / "plain.pdf", COMMENTARY_PAGES)
    locked = encrypt_pdf(plain, tmp_path / "owner-only.pdf", user_password="")
    assert "envoys of European and other Western" in read_document(locked).text


def test_readers_pdf_encrypted_with_password_refused(tmp_path: Path) -> None:
    plain = draw_pdf(tmp_path / "plain.pdf", COMMENTARY_PAGES)
    locked = encrypt_pdf(plain, tmp_path / "locked.pdf", user_password="secret")
    with pytest.raises(DocumentDecodeError, match=f"^{locked}: encrypted PDF"):
        read_document(locked)


def test_readers_pdf_truncated_refused(tmp_path: Path) -> None:
    data = draw_pdf(tmp_path / "full.pdf", COMMENTARY_PAGES).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DocumentDecodeError, match=f"^{path}: broken PDF"):
        read_document(path)


def test_readers_pdf_with_damaged_body_refused(tmp_path: Path) -> None:
    data = draw_pdf(tmp_path / "full.pdf", COMMENTARY_PAGES).read_bytes()
    path = tmp_path / "damaged.pdf"
    # Keep the header and the end marker, destroy everything in between.
    path.write_bytes(data[:16] + b"\x00garbage" * 200 + b"\n%%EOF\n")
    with pytest.raises(InputError, match=f"^{path}: "):
        read_document(path)


def test_readers_binary_named_pdf_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo.pdf"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(DocumentDecodeError, match=f"^{path}: not a PDF"):
        read_document(path)


def test_readers_scanned_pdf_without_text_refused(tmp_path: Path) -> None:
    path = draw_image_only_pdf(tmp_path / "scan.pdf")
    with pytest.raises(EmptyDocumentError, match=f"^{path}: PDF has no extractable text"):
        read_document(path)


def test_readers_pdf_warnings_do_not_reach_stderr(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    data = draw_pdf(tmp_path / "full.pdf", COMMENTARY_PAGES).read_bytes()
    # A start-of-xref pointer a few bytes off: pypdf warns ("incorrect startxref
    # pointer"), repairs, and reads the file. The warning must not be printed.
    tail = data.rindex(b"startxref")
    offset = int(re.search(rb"startxref\s+(\d+)", data[tail:]).group(1))  # type: ignore[union-attr]
    path = tmp_path / "badxref.pdf"
    path.write_bytes(data[:tail] + b"startxref\n%d\n%%%%EOF\n" % (offset + 3))
    assert "envoys of European and other Western countries" in read_document(path).text
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


# -- bad input of every kind ------------------------------------------------------------

@pytest.mark.parametrize(
    ("content", "suffix"),
    [(content, suffix) for content in (b"", b"   \n\t\n  ") for suffix in (".txt", ".md", ".pdf", ".html")]
    + [("\ufeff\n".encode(), ".txt"), ("\ufeff \n".encode(), ".md")],
)
def test_readers_empty_files_refused(tmp_path: Path, content: bytes, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(content)
    with pytest.raises(EmptyDocumentError, match=f"^{path}: "):
        read_document(path)


def test_readers_binary_text_file_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(b"\x00\x01\x02\xff\xfe\x00" * 100)
    with pytest.raises(DocumentDecodeError, match=f"^{path}: binary data"):
        read_document(path)


def test_readers_size_limit_argument(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(SENTENCE * 10, "utf-8")
    with pytest.raises(DocumentTooLargeError, match=f"^{path}: file too large .*limit is 100"):
        read_document(path, max_bytes=100)
    assert read_document(path, max_bytes=10_000).text


def test_readers_size_limit_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text(SENTENCE * 10, "utf-8")
    monkeypatch.setenv("BLOCWATCH_MAX_BYTES", "200")
    with pytest.raises(DocumentTooLargeError, match="BLOCWATCH_MAX_BYTES"):
        read_document(path)


def test_readers_size_limit_environment_not_a_number(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(SENTENCE, "utf-8")
    monkeypatch.setenv("BLOCWATCH_MAX_BYTES", "50MB")
    with pytest.raises(UsageError, match="BLOCWATCH_MAX_BYTES='50MB' is not a number"):
        read_document(path)


def test_readers_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nowhere.txt")


def test_readers_empty_path_is_no_file_not_the_current_folder() -> None:
    with pytest.raises(InputError, match="^'': an empty path names no file$"):
        read_document("")


def test_readers_directory_given_as_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(InputError, match=f"^{folder}: is a directory"):
        read_document(folder)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason=ROOT_READS_ANY_FILE)
def test_readers_permission_denied(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(SENTENCE, "utf-8")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            read_document(path)
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("name", ["report.docx", "table.csv", "README"])
def test_readers_unsupported_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(SENTENCE, "utf-8")
    with pytest.raises(UnsupportedFormatError, match=f"^{path}: unsupported file type"):
        read_document(path)


# -- standard input and path lists -------------------------------------------------------

def test_readers_stdin_stream_sniffed(tmp_path: Path) -> None:
    document = read_document("-", stdin=io.BytesIO(SENTENCE.encode("utf-8")))
    assert document.path == "-" and document.format == "txt"
    pdf = draw_pdf(tmp_path / "c.pdf", COMMENTARY_PAGES).read_bytes()
    assert read_document("-", stdin=io.BytesIO(pdf)).format == "pdf"
    assert read_document("-", stdin=io.BytesIO(news_page().encode())).format == "html"
    with pytest.raises(EmptyDocumentError, match="^-: empty input"):
        read_document("-", stdin=io.BytesIO(b"  \n"))


def test_readers_stdin_markdown_sniffed_and_its_markup_removed() -> None:
    source = ("# Moscow and Tehran\n\n*Published 12 March 2022*\n\n"
              "Russia **threatened** Ukraine with new strikes on Monday.\n\n- Iran offered aid to Russia.\n")
    document = read_document("-", stdin=io.BytesIO(source.encode("utf-8")))
    assert document.format == "md"
    assert "Russia threatened Ukraine" in document.text and "*" not in document.text
    assert document.title == "Moscow and Tehran"
    # Prose with a stray asterisk or hash is still plain text.
    plain = "Talks on 5 May #diplomacy went well, a 5* hotel said.\n"
    assert read_document("-", stdin=io.BytesIO(plain.encode("utf-8"))).format == "txt"


def test_readers_iter_paths_expands_folders(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    for name in ["a/one.txt", "a/b/two.PDF", "a/b/three.html", "a/skip.docx", ".hidden/x.txt", "a/.dot.txt"]:
        (tmp_path / name).write_text("x")
    expanded = iter_paths([tmp_path, "-", str(tmp_path / "given.docx")])
    assert expanded == [
        str(tmp_path / "a/b/three.html"), str(tmp_path / "a/b/two.PDF"), str(tmp_path / "a/one.txt"),
        "-", str(tmp_path / "given.docx"),
    ]


def test_readers_paths_from_lines() -> None:
    stream = io.StringIO("a.txt\n\n  b.pdf  \n# a comment\nc d.md\n")
    assert paths_from_lines(stream) == ["a.txt", "b.pdf", "c d.md"]
