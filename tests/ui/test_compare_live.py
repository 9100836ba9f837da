"""「前年度と比較」 follows typing without working on each key, and never shows another sheet's comparison."""

from __future__ import annotations

import desktop.ui.editor.compare as compare_module
from desktop.store.repository import SheetFilter
from tests.ui.helpers import type_into

SUPPORT = "標準活用加速化支援事業"    # demo sheet of 2025 whose 施策が必要となる背景 was rewritten since 2024
PIRACY = "海賊版対策の強化"          # another demo sheet of 2025 with a predecessor


def _open(app, read_repo, db, title: str):
    repo = read_repo(db)
    sheet = next(s for s in repo.load_sheets(SheetFilter(survey_key=repo.survey.key, year=2025))
                 if s.text(repo.survey.title_field).startswith(title))
    return app.workspace.open_sheet(sheet.id)


def _shows(compare, text: str) -> bool:
    return not compare.is_pending() and compare.diff.right.toPlainText() == text


def _counting(monkeypatch) -> list[tuple[str, str]]:
    calls: list[tuple[str, str]] = []
    real = compare_module.diff_texts

    def counted(old, new):
        calls.append((old, new))
        return real(old, new)

    monkeypatch.setattr(compare_module, "diff_texts", counted)
    return calls


def test_typing_does_not_diff_per_key_and_the_comparison_catches_up(qtbot, make_app, demo_db, read_repo,
                                                                    monkeypatch):
    app = make_app(demo_db)
    doc = _open(app, read_repo, demo_db, SUPPORT)
    compare = app.window.editor.compares["background"]
    compare.toggle.setChecked(True)
    qtbot.waitUntil(lambda: _shows(compare, doc.sheet.text("background")), timeout=5000)
    calls = _counting(monkeypatch)

    edit = app.window.editor.texts["background"].edit
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    type_into(qtbot, edit, "ABCDEFGHIJKLMNOPQRST")
    assert calls == []                       # twenty keys, no diff yet: it waits for the pause
    assert compare.is_pending()

    final = doc.sheet.text("background")
    assert final.endswith("ABCDEFGHIJKLMNOPQRST")
    qtbot.waitUntil(lambda: _shows(compare, final), timeout=5000)
    assert len(calls) == 1 and calls[0][1] == final      # one diff, of the final text
    assert compare.diff.diff is not None and compare.diff.diff.new == final
    right = compare.diff.right
    assert any(s.cursor.selectedText().endswith("ABCDEFGHIJKLMNOPQRST") for s in right.extraSelections())

    # Deleting what was typed brings back exactly the stored comparison.
    for _ in range(20):
        qtbot.keyClick(edit, "\b")
    original = doc.sheet.text("background")
    assert not original.endswith("T")
    qtbot.waitUntil(lambda: _shows(compare, original), timeout=5000)
    assert len(calls) == 2


def test_switching_sheets_mid_pause_shows_no_stale_comparison(qtbot, make_app, demo_db, read_repo, monkeypatch):
    app = make_app(demo_db)
    first = _open(app, read_repo, demo_db, SUPPORT)
    compare = app.window.editor.compares["background"]
    compare.toggle.setChecked(True)
    qtbot.waitUntil(lambda: _shows(compare, first.sheet.text("background")), timeout=5000)

    type_into(qtbot, app.window.editor.texts["background"].edit, "XYZ")
    assert compare.is_pending()
    second = _open(app, read_repo, demo_db, PIRACY)    # before the pause is over
    assert app.window.editor.compares["background"] is compare
    stale = first.sheet.text("background")
    assert compare.diff.right.toPlainText() != stale and "XYZ" not in compare.diff.right.toPlainText()

    seen: list[str] = []
    qtbot.waitUntil(lambda: seen.append(compare.diff.right.toPlainText())
                    or _shows(compare, second.sheet.text("background")), timeout=5000)
    assert all("XYZ" not in text and text != stale for text in seen)
    previous = read_repo(demo_db).get_sheet(second.sheet.predecessor_id)
    assert compare.diff.left.toPlainText() == previous.text("background")
    assert compare.diff.left_title.text() == "前年度（令和6年度）"


def test_text_typed_while_a_diff_runs_is_compared_when_it_is_done(qtbot, make_app, demo_db, read_repo):
    app = make_app(demo_db)
    doc = _open(app, read_repo, demo_db, SUPPORT)
    compare = app.window.editor.compares["background"]
    compare.toggle.setChecked(True)
    qtbot.waitUntil(lambda: _shows(compare, doc.sheet.text("background")), timeout=5000)
    edit = app.window.editor.texts["background"].edit
    type_into(qtbot, edit, "A")
    compare.update_now()                  # the pause is over: a diff of "…A" is under way
    assert compare.is_pending()
    type_into(qtbot, edit, "B")           # typed meanwhile
    final = doc.sheet.text("background")
    assert "AB" in final
    qtbot.waitUntil(lambda: _shows(compare, final), timeout=5000)
    assert compare.diff.diff is not None and compare.diff.diff.new == final


def test_long_fields_and_their_comparison_skip_shaping_but_keep_the_windows_font(qtbot, make_app, demo_db,
                                                                                 read_repo):
    """A long paragraph is laid out again on every key: the fields skip the shaping Japanese does not need
    (half of that layout), and still show the window's own family and size."""
    from PySide6.QtGui import QFont

    app = make_app(demo_db)
    _open(app, read_repo, demo_db, SUPPORT)
    compare = app.window.editor.compares["background"]
    compare.toggle.setChecked(True)
    window_font = app.window.font()
    for widget in (app.window.editor.texts["background"].edit, compare.diff.left, compare.diff.right):
        assert widget.font().styleStrategy() & QFont.StyleStrategy.PreferNoShaping
        assert widget.font().family() == window_font.family()
        assert widget.font().pointSizeF() == window_font.pointSizeF()
