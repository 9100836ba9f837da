"""Previous years stay withheld: a value or passage withheld in an earlier year is withheld in every later
report that shows it, whether it was marked before or after the new year was started."""

from __future__ import annotations

import pytest

from desktop.app.export import Selection, export_report
from desktop.app.new_year import start_new_year
from desktop.survey.parts import Part
from desktop.survey.sheet import MarkData
from tests.factories import complete_sheet
from tests.reports.sheetkit import package_text


def _public(repo, tmp_path, sheet_id, name):
    target = tmp_path / name
    export_report(repo, "docx", target, selection=Selection(sheet_id=sheet_id), include_unaccepted=True)
    return package_text(target)


@pytest.mark.parametrize("marked_when", ["before", "after"])
def test_last_years_withheld_actual_is_not_printed_or_plotted_next_year(repo, survey, tmp_path, marked_when):
    sheet = complete_sheet(survey)
    kpi = sheet.items[0].kpis[0]
    kpi.actuals = {2024: "2", 2025: "617"}
    old = repo.create_sheet(sheet)
    mark = MarkData(reason="公表前の数値", part=Part.actual(kpi.key, 2025))
    if marked_when == "before":
        old.marks.append(mark)
        old = repo.save_sheet(old)
    [made] = start_new_year(repo, 2025, 2026, author="事務局").created
    if marked_when == "after":          # the predecessor is marked once next year's sheet exists
        old = repo.get_sheet(old.id)
        old.marks.append(mark)
        repo.save_sheet(old)
    new = repo.get_sheet(made.sheet_id)
    new.items[0].kpis[0].actuals[2026] = "700"
    repo.save_sheet(new)
    text = _public(repo, tmp_path, made.sheet_id, "2026.docx")
    assert "617" not in text and "（非公開）" in text
    assert "700" in text                                  # this year's own actual is not withheld
    from docx import Document

    assert not Document(str(tmp_path / "2026.docx")).inline_shapes   # no chart: it would plot the value


def test_a_passage_marked_in_results_and_repeated_in_issues_stays_withheld_next_year(repo, survey, tmp_path):
    sheet = complete_sheet(survey)
    secret = "Ω社の工場で実証した"
    sheet.fields["results"] = f"今年度は{secret}。"
    sheet.fields["issues"] = f"{secret}成果の横展開が課題。"
    start = sheet.fields["results"].index(secret)
    sheet.marks = [MarkData(reason="企業名", part=Part.field("results"), start=start, end=start + len(secret))]
    repo.create_sheet(sheet)
    [made] = start_new_year(repo, 2025, 2026, author="事務局").created
    new = repo.get_sheet(made.sheet_id)
    assert "results" not in new.fields and secret in new.fields["issues"]
    new.fields["results"] = f"来年度も{secret}い。"          # typed again in the cleared field
    repo.save_sheet(new)
    text = _public(repo, tmp_path, made.sheet_id, "2026.docx")
    assert secret not in text
