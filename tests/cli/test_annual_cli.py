import json

import pytest

from desktop.cli import main
from desktop.samples import build_demo
from desktop.store.repository import Repository


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_target(seeded_db):
    """A database holding the two sample years; the CLI opens it by --db as staff would."""
    build_demo(Repository(seeded_db))
    return seeded_db.target


def test_new_year_twice_is_idempotent(capsys, demo_target):
    code, out, err = run(capsys, "--db", demo_target, "new-year", "--from", "2025", "--to", "令和8年度", "--json")
    assert code == 0, err
    first = json.loads(out)
    assert (first["from_year"], first["to_year"], first["dry_run"]) == (2025, 2026, False)
    assert len(first["created"]) == 10 and first["existing"] == [] and first["excluded"] == []
    assert all(r["id"] and r["predecessor_id"] and r["title"] for r in first["created"])

    code, out, _ = run(capsys, "--db", demo_target, "new-year", "--from", "2025")      # --to: the next year
    assert code == 0
    assert "令和8年度（2026年度）の施策シートを0件作成しました" in out and "作成済みのため省略 10件" in out
    code, out, _ = run(capsys, "--db", demo_target, "sheets", "list", "--year", "2026", "--json")
    assert len(json.loads(out)) == 10


def test_new_year_dry_run_and_exclude(capsys, demo_target):
    code, out, _ = run(capsys, "--db", demo_target, "sheets", "list", "--year", "2025", "--json")
    ids = [r["id"] for r in json.loads(out)]
    code, out, _ = run(capsys, "--db", demo_target, "new-year", "--from", "2025", "--dry-run",
                       "--exclude", str(ids[0]), "--exclude", str(ids[1]))
    assert code == 0
    assert "試行のため保存していません" in out and "8件作成します" in out and "除外 2件" in out
    assert "海賊版対策の強化" in out
    code, out, _ = run(capsys, "--db", demo_target, "sheets", "list", "--year", "2026", "--json")
    assert json.loads(out) == []

    code, out, _ = run(capsys, "--db", demo_target, "new-year", "--from", "2025", "--exclude", str(ids[0]))
    assert code == 0 and "9件作成しました" in out and "「当年度の実績」と各KPIの実績値を入力してください" in out


@pytest.mark.parametrize("args, message", [
    (["--from", "2030"], "令和12年度の施策シートがありません"),
    (["--from", "2025", "--to", "2025"], "より後の年度"),
    (["--from", "2025", "--exclude", "99999"], "除外に指定したID 99999"),
])
def test_new_year_refusals_exit_2_in_japanese(capsys, demo_target, args, message):
    code, _, err = run(capsys, "--db", demo_target, "new-year", *args)
    assert code == 2 and message in err and err.startswith("エラー: ")


def test_history(capsys, demo_target):
    code, out, _ = run(capsys, "--db", demo_target, "sheets", "list", "--year", "2025", "--json")
    piracy = next(r["id"] for r in json.loads(out) if r["title"].startswith("海賊版"))
    code, out, _ = run(capsys, "--db", demo_target, "history", str(piracy), "--json")
    assert code == 0
    entries = json.loads(out)
    assert [(e["author"], e["label"]) for e in entries if e["field"] == "field:results"] == [
        ("著作 五郎", "当年度の実績"), ("著作 五郎", "当年度の実績")]
    assert set(entries[0]) == {"revision_id", "version", "at", "author", "field", "label", "old_value", "new_value"}

    code, out, _ = run(capsys, "--db", demo_target, "history", str(piracy), "--field", "issues")
    assert code == 0 and "進捗における課題と解決の方向性（計画）" in out and "2件" in out and "当年度の実績" not in out

    code, _, err = run(capsys, "--db", demo_target, "history", "99999")
    assert code == 2 and "施策シート 99999 が見つかりません" in err


def test_overview(capsys, demo_target):
    code, out, _ = run(capsys, "--db", demo_target, "overview", "--year", "令和7年度", "--json")
    assert code == 0
    o = json.loads(out)
    assert (o["fiscal_year"], o["sheets"], o["with_errors"]) == (2025, 10, 1)
    assert o["kpis"] == {"achieved": 1, "on_track": 4, "behind": 3, "no_data": 2, "total": 10}
    assert o["status"] == {"draft": 4, "review": 3, "submitted": 1, "returned": 1, "accepted": 1}
    assert {m["ministry"]: m["with_errors"] for m in o["ministries"]}["経済産業省"] == 1
    assert next(a for a in o["areas"] if a["code"] == "digital-ai")["kpis"]["behind"] == 1

    code, out, _ = run(capsys, "--db", demo_target, "overview")        # the latest year
    assert code == 0
    assert "令和7年度: 施策シート 10件（エラーのあるシート 1件）、KPI 10件" in out
    for header in ("府省庁", "施策分類", "戦略領域・重要領域", "達成", "順調", "遅れ", "データなし", "差戻し"):
        assert header in out


def test_overview_to_excel_with_the_summary_sheet(capsys, demo_target, tmp_path):
    import openpyxl

    target = tmp_path / "集計.xlsx"
    code, out, _ = run(capsys, "--db", demo_target, "overview", "--year", "2025", "--xlsx", str(target))
    assert code == 0 and "集計シート付き" in out
    rows = list(openpyxl.load_workbook(target)["集計"].iter_rows(values_only=True))
    total = dict(zip(rows[1], rows[-1]))
    assert (total["区分"], total["施策数"], total["エラーあり"], total["遅れ"]) == ("合計", 10, 1, 3)

    code, _, err = run(capsys, "--db", demo_target, "overview", "--xlsx", str(tmp_path / "missing" / "x.xlsx"))
    assert code == 2 and "見つかりません" in err
