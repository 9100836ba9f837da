"""The public writers refuse a withheld passage on its way into the file (desktop.reports.guard).

The model blanks withheld text and the finished file is checked again before it is renamed into place
(test_report_export); these tests make the model let a passage through and see the writer stop the export
itself, before the file is finished, leaving no file behind."""

import dataclasses

import pytest

from desktop.app import export as export_module
from desktop.app.export import ExportFormat, Selection, export_report
from desktop.reports.guard import WithheldInOutput
from tests.reports.sheetkit import SECRET, mark, sheet


@pytest.fixture
def stored(repo):
    survey = repo.survey
    marked = sheet(survey, "続く施策", with_ids=False, content="国際指針の普及。" + SECRET)
    mark(marked, "content", SECRET)
    other = sheet(survey, "外務省の施策", ministry="外務省", with_ids=False)
    return repo.save_sheets([marked, other])


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def _leaky(monkeypatch, change):
    """Make export_report's public model carry the withheld passage where ``change(report)`` puts it."""
    real = export_module.build_report
    checked = []
    monkeypatch.setattr(export_module, "build_report", lambda *a, **kw: change(real(*a, **kw)))
    real_verifier = export_module.leak_verifier

    def verifier(*a, **kw):
        verify = real_verifier(*a, **kw)
        return lambda temp: (checked.append(temp), verify(temp))[1]

    monkeypatch.setattr(export_module, "leak_verifier", verifier)
    return checked


def _in_section(report):
    """A model bug: the first section's 担当部局 and first KPI's source print the passage unblanked."""
    chapter = report.chapters[0]
    first = chapter.sections[0]
    kpis = (dataclasses.replace(first.kpis[0], data_source=f"出典は{SECRET}"), *first.kpis[1:])
    changed = dataclasses.replace(first, bureau=f"国際戦略局（{SECRET}）", kpis=kpis)
    chapters = (dataclasses.replace(chapter, sections=(changed, *chapter.sections[1:])), *report.chapters[1:])
    return dataclasses.replace(report, chapters=chapters)


@pytest.mark.parametrize("fmt", [ExportFormat.DOCX, ExportFormat.XLSX, ExportFormat.CSV])
def test_a_withheld_passage_reaching_the_writer_is_refused_and_no_file_is_left(repo, stored, out, fmt,
                                                                               monkeypatch):
    checked = _leaky(monkeypatch, _in_section)
    target = out / f"公開{fmt.suffix}"
    with pytest.raises(WithheldInOutput) as caught:
        export_report(repo, fmt, target, selection=Selection(year=2025), include_unaccepted=True)
    message = str(caught.value)
    assert "続く施策" in message and "ファイルは作成・変更されていません" in message
    assert list(out.iterdir()) == []          # neither the report nor its temporary file
    assert checked == []                      # stopped while writing, before the file check


@pytest.mark.parametrize("fmt", [ExportFormat.DOCX, ExportFormat.XLSX])
def test_an_existing_report_stays_as_it_was_when_the_writer_refuses(repo, stored, out, fmt, monkeypatch):
    target = out / f"公開{fmt.suffix}"
    export_report(repo, fmt, target, selection=Selection(year=2025), include_unaccepted=True)
    before = target.read_bytes()
    _leaky(monkeypatch, _in_section)
    with pytest.raises(WithheldInOutput):
        export_report(repo, fmt, target, selection=Selection(year=2025), include_unaccepted=True)
    assert target.read_bytes() == before and list(out.iterdir()) == [target]


@pytest.mark.parametrize("fmt", [ExportFormat.DOCX, ExportFormat.XLSX])
def test_a_withheld_passage_in_the_reports_own_title_is_refused(repo, stored, out, fmt, monkeypatch):
    _leaky(monkeypatch, lambda report: dataclasses.replace(report, title=f"報告書　{SECRET}"))
    with pytest.raises(WithheldInOutput):
        export_report(repo, fmt, out / f"公開{fmt.suffix}", selection=Selection(year=2025), include_unaccepted=True,
                      title="報告書")
    assert list(out.iterdir()) == []


def test_the_passage_is_found_as_a_reader_reads_it(repo, stored, out, monkeypatch):
    # Full-width, a zero-width space and a line break inside: the guard compares in the reader form.
    disguised = SECRET.replace("2", "２").replace("業界", "業\u200b界").replace("団体は", "団体\nは")
    _leaky(monkeypatch, lambda report: dataclasses.replace(report, ministry_label=disguised))
    with pytest.raises(WithheldInOutput):
        export_report(repo, "xlsx", out / "公開.xlsx", selection=Selection(year=2025), include_unaccepted=True)
    assert list(out.iterdir()) == []


def test_internal_reports_and_clean_public_ones_are_written(repo, stored, out):
    for audience in ("public", "internal"):
        for fmt in ("docx", "xlsx", "csv"):
            result = export_report(repo, fmt, out / f"{audience}.{fmt}", audience=audience,
                                   selection=Selection(year=2025), include_unaccepted=True)
            assert result.path.exists()
