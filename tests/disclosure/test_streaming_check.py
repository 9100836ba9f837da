"""The leak check reads a file once, member by member (read_batches), and finds what it found reading the
whole file at once: passages inside a unit, split over adjacent paragraphs, and in members sharing a name."""

import warnings
import zipfile

from desktop.disclosure.leakcheck import check_file
from desktop.disclosure.needles import NeedleSet
from desktop.disclosure.package import read_batches, read_units
from desktop.disclosure.withhold import Owner

SECRET = "参加予定の業界団体は電機・自動車の2団体である。"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document(*paragraphs: str) -> str:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'


def _needles() -> NeedleSet:
    return NeedleSet([(SECRET, Owner("lineage-1", 7, "続く施策"))])


def _package(path, members):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # zipfile warns about a duplicate name: that is the point
        with zipfile.ZipFile(path, "w") as z:
            for name, text in members:
                z.writestr(name, text)
    return path


def test_batches_hold_every_unit_read_units_holds(tmp_path):
    path = _package(tmp_path / "a.docx", [("word/document.xml", _document("概要", SECRET)),
                                          ("word/footnotes.xml", _document("注記"))])
    batches = list(read_batches(path))
    assert len(batches) == 3                     # the members' names, then one batch per member
    assert [u for b in batches for u in b] == read_units(path)


def test_a_passage_split_over_two_paragraphs_of_one_member_is_found(tmp_path):
    half = len(SECRET) // 2
    path = _package(tmp_path / "a.docx", [("word/document.xml", _document("前文", SECRET[:half], SECRET[half:])),
                                          ("word/styles.xml", _document("様式"))])
    leaks = check_file(path, _needles())
    assert [(leak.part, leak.sheet_id) for leak in leaks] == [("word/document.xml", 7)]


def test_a_passage_split_over_two_members_of_the_same_name_is_found(tmp_path):
    half = len(SECRET) // 2
    path = _package(tmp_path / "a.docx", [("word/document.xml", _document(SECRET[:half])),
                                          ("word/styles.xml", _document("様式")),
                                          ("word/document.xml", _document(SECRET[half:]))])
    assert [leak.part for leak in check_file(path, _needles())] == ["word/document.xml"]


def test_a_clean_file_has_no_leaks_and_an_unreadable_one_is_still_refused(tmp_path):
    import pytest

    from desktop.disclosure.package import UnreadablePackage

    clean = _package(tmp_path / "a.docx", [("word/document.xml", _document("公開できる文"))])
    assert check_file(clean, _needles()) == []
    broken = tmp_path / "b.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(UnreadablePackage):
        check_file(broken, NeedleSet())


def test_a_large_member_parsed_as_it_is_inflated_reads_as_when_read_whole(tmp_path, monkeypatch):
    from desktop.disclosure import package

    half = len(SECRET) // 2
    filler = [f"段落{i}の本文。" * 20 for i in range(3000)]           # several chunks of inflated XML
    path = _package(tmp_path / "a.docx", [("word/document.xml",
                                           _document(*filler[:1500], SECRET[:half], SECRET[half:], *filler[1500:])),
                                          ("word/broken.xml", "<w:p><w:t>閉じていない" + "。" * 3000)])
    whole = read_units(path)
    leaks_whole = check_file(path, _needles())
    monkeypatch.setattr(package, "CHUNK", 4096)
    monkeypatch.setattr(package, "STREAM_FROM", 0)
    assert read_units(path) == whole
    assert check_file(path, _needles()) == leaks_whole and [leak.part for leak in leaks_whole] == ["word/document.xml"]
