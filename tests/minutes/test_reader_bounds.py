"""Every file is bounded: hostile files, built here, are refused quickly with one line, and a
batch goes on with the next file."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument

from minutes.readers import Limits, UnreadableDocument, read_document, read_structured
from tests.minutes.documents import write_pdf


def refused(path: Path, **limits) -> str:
    started = time.monotonic()
    with pytest.raises(UnreadableDocument) as raised:
        if limits:
            read_structured(path, limits=Limits(**limits))
        else:
            read_document(path)
    assert time.monotonic() - started < 5, "a refusal must be quick"
    message = str(raised.value)
    assert path.name in message and "\n" not in message
    return message


def test_symlink_to_a_device_is_refused(tmp_path):
    link = tmp_path / "minutes.txt"
    link.symlink_to("/dev/zero")
    assert "not a regular file" in refused(link)


def test_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "minutes.md"
    os.mkfifo(fifo)
    assert "a pipe, not a regular file" in refused(fifo)


def test_folder_is_refused(tmp_path):
    folder = tmp_path / "minutes.html"
    folder.mkdir()
    assert "a folder" in refused(folder)


def _zip_bomb(path: Path, megabytes: int) -> Path:
    """A real Word document whose body is padded with megabytes of XML that compress to
    almost nothing."""
    buffer = io.BytesIO()
    WordDocument().save(buffer)
    padding = b"<w:p/>" * (megabytes * 1024 * 1024 // 6)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w",
                                                               zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + padding)
            out.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_docx_unpacking_to_too_much_xml_is_refused(tmp_path):
    bomb = _zip_bomb(tmp_path / "bomb.docx", 80)
    assert bomb.stat().st_size < 1024 * 1024  # small on disk
    assert "unpacks to" in refused(bomb)


def test_docx_with_too_many_elements_is_refused(tmp_path):
    crowded = _zip_bomb(tmp_path / "crowded.docx", 2)
    assert "XML elements" in refused(crowded, max_elements=100_000)


def test_deeply_nested_html_is_refused_fast(tmp_path):
    page = tmp_path / "nested.html"
    page.write_text("<div>" * 200_000 + "ACTION: Jade to report" + "</div>" * 200_000)
    assert "nested more than 256" in refused(page)


def test_nesting_under_the_limit_reads_in_linear_time(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text(("<div>" * 250 + "x" + "</div>" * 250 + "\n") * 80)
    started = time.monotonic()
    read_structured(page)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("hostile", ["<p>x" + "<a" * 500_000, "<!" * 500_000,
                                     "<b></b>" * 200_000 + "<p>ACTION: Jade to report</p>"])
def test_html_that_stalls_some_parsers_reads_fast(hostile, tmp_path):
    """Unclosed tag openings made the standard library's parser take minutes on 1 MB."""
    page = tmp_path / "hostile.html"
    page.write_text(hostile)
    started = time.monotonic()
    try:
        read_structured(page)
    except UnreadableDocument as refusal:
        assert "no text found" in str(refusal)
    assert time.monotonic() - started < 5


def test_time_budget_stops_a_long_read(tmp_path):
    page = tmp_path / "long.html"
    page.write_text("<p>ACTION: Jade Hodgson to share the report.</p>" * 20_000)
    assert "took longer than" in refused(page, seconds=0.001)


def test_pdf_reader_past_its_time_is_stopped(tmp_path, monkeypatch):
    """A PDF whose layout never ends (here: a page reader that hangs) is killed at the
    document's time limit and refused."""
    import minutes.readers.pdf as pdf

    path = write_pdf("ACTION: Jade Hodgson to share the report.", tmp_path / "slow.pdf")
    monkeypatch.setattr(pdf, "_read_page", lambda *args: time.sleep(60))
    assert "took longer than 1 s" in refused(path, seconds=1)


def test_pdf_page_and_character_caps(tmp_path):
    path = write_pdf("\n".join(f"Line {n} of the minutes." for n in range(200)),
                     tmp_path / "long.pdf")
    assert "pages, over the limit of 2" in refused(path, max_pages=2)
    assert "characters of text" in refused(path, max_chars=500)


def test_batch_reports_hostile_files_and_goes_on(app, tmp_path):
    """Worker processes read the batch: a symlink to /dev/zero and a FIFO each fail alone with
    their reason, and the documents around them are stored."""
    from minutes.ingest import ingest_files
    from tests.conftest import SAMPLES
    from tests.minutes_loader.test_samples import LBBD

    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    paths = [SAMPLES / LBBD[0], zero, fifo, SAMPLES / LBBD[1]]
    started = time.monotonic()
    outcomes = [outcome for _, outcome in ingest_files(app.uow, paths, board=app.clerk.board,
                                                        workers=1)]
    assert time.monotonic() - started < 30
    assert str(outcomes[1]) == "zero.txt: is a device, not a regular file; not read"
    assert str(outcomes[2]) == "pipe.md: is a pipe, not a regular file; not read"
    stored = [outcome.meeting_date.isoformat() for outcome in (outcomes[0], outcomes[3])]
    assert stored == ["2020-12-09", "2021-09-01"]
