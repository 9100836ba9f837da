import json

from desktop.cli import main
from desktop.store.database import open_database
from desktop.store.repository import Repository, SheetFilter
from desktop.survey.progress import KpiStatus, numeric_actuals, sheet_progress
from desktop.survey.sheet import Status
from desktop.survey.validation import Severity, validate_sheet


def test_demo_builds_sample_sheets_from_the_seeds(db_target, capsys, survey):
    target = db_target
    assert main(["--db", str(target), "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", str(target), "sheets", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) >= 8 and all(r["sample"] for r in rows)
    assert {r["fiscal_year"] for r in rows} >= {2025}
    assert len({r["ministry"] for r in rows}) >= 3
    assert len({r["classification"] for r in rows}) >= 3

    db = open_database(target)
    try:
        repo = Repository(db)
        sheets = repo.load_sheets(SheetFilter(year=2025))
        incomplete = [s for s in sheets if any(p.severity is Severity.ERROR for p in validate_sheet(survey, s))]
        assert len(incomplete) >= 1
        assert any(s.marks for s in sheets)
        assert all(s.citations for s in sheets)
        assert sum(len(s.citations) for s in sheets) >= 10
        assert all(c.passage_id and c.reference.startswith("出典：") for s in sheets for c in s.citations)
        targets = {(k.indicator, k.target_value, k.unit, k.target_year) for s in sheets for _, k in s.all_kpis()}
        assert ("日本発コンテンツの海外市場規模", "20", "兆円", 2033) in targets

        # two fiscal years: most 2025 sheets follow a 2024 one, whose actuals they show
        previous = {s.id: s for s in repo.load_sheets(SheetFilter(year=2024))}
        linked = [s for s in sheets if s.predecessor_id]
        assert len(linked) > len(sheets) / 2 and all(s.predecessor_id in previous for s in linked)
        for sheet in linked:
            before = previous[sheet.predecessor_id]
            assert before.fields["title"] == sheet.fields["title"] and before.status is Status.ACCEPTED   # last year: published
            assert before.fields["results"] != sheet.fields["results"]
            for (_, old), (_, new) in zip(before.all_kpis(), sheet.all_kpis()):
                assert {y: v for y, v in new.actuals.items() if y <= 2024} == old.actuals
                assert 2025 not in old.actuals
        # charts: some KPIs have three years of actuals; some are behind, with and without a cause written
        assert sum(len(numeric_actuals(k)) >= 3 for s in sheets for _, k in s.all_kpis()) >= 2
        behind = [(s, p) for s in sheets for _, _, _, p in sheet_progress(s) if p.status is KpiStatus.BEHIND]
        assert any(s.text("issues") for s, _ in behind) and any(not s.text("issues") for s, _ in behind)
        assert {p.status for s in sheets for _, _, _, p in sheet_progress(s)} == set(KpiStatus)
        # and one sheet has a history of edits to compare and restore
        assert any(len(repo.revisions(s.id)) >= 4 for s in sheets)
    finally:
        db.close()

    # running it again rebuilds the samples instead of duplicating them
    assert main(["--db", str(target), "demo"]) == 0
    capsys.readouterr()
    main(["--db", str(target), "sheets", "list", "--json"])
    assert len(json.loads(capsys.readouterr().out)) == len(rows)

    assert main(["--db", str(target), "validate", "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert {"background", "outcome"} <= {p["field"] for p in problems if p["severity"] == "error"}
