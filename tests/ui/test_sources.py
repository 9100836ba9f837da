"""The source panel: search the library, cite into a field, KPI candidates, adding documents."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.ui.editor.text_field import OBJECT_CHAR
from tests.ui.helpers import TIMEOUT_MS, new_sheet, text_edit, type_into, wait_saved

QUERY = "国際標準 人材"


def _search(qtbot, app, query=QUERY):
    panel = app.window.source_panel
    app.window.actions.find_sources.trigger()
    assert panel.search.hasFocus()
    panel.search.setText(query)
    qtbot.waitUntil(lambda: panel.results.count() > 0, timeout=TIMEOUT_MS)
    return panel


def test_search_shows_highlighted_snippets_with_title_and_heading(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    panel = _search(qtbot, app)
    label = panel.results.itemWidget(panel.results.item(0))
    assert "background:#ffe082" in label.text()          # the matched words are marked
    assert "国際標準" in panel.message.text()
    panel.results.setCurrentRow(0)
    assert panel.current_passage_id() == panel.results.item(0).data(Qt.ItemDataRole.UserRole)
    assert panel.viewer.toPlainText()                      # the passage with its neighbours
    assert panel.location.text()


def test_cite_a_passage_into_the_focused_field_at_the_cursor(qtbot, make_app, seeded_db, read_repo):
    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    background = text_edit(app, "background")
    type_into(qtbot, background, "背景：")
    panel = _search(qtbot, app)
    panel.results.setCurrentRow(0)
    passage_id = panel.current_passage_id()
    passage = app.services.library().passage(passage_id)
    quote = passage.text[:12]
    assert panel.select_in_viewer(quote)
    panel.cite_button.click()

    editor_field = app.window.editor.texts["background"]
    assert background.toPlainText() == "背景：" + quote + OBJECT_CHAR   # quote, then the numbered marker
    assert "[1]" in editor_field.citations_label.text()
    assert passage.title in editor_field.citations_label.text() or "出典" in editor_field.citations_label.text()
    wait_saved(qtbot, app)
    stored = read_repo(seeded_db).get_sheet(doc.sheet_id)
    assert stored.fields["background"] == "背景：" + quote
    [citation] = stored.citations
    assert (citation.field_key, citation.passage_id, citation.quoted_text) == ("background", passage_id, quote)
    assert citation.position == len("背景：" + quote)
    assert citation.reference.startswith("出典：")

    # Typing before the marker moves it; the stored position follows.
    cursor = background.textCursor()
    cursor.setPosition(0)
    background.setTextCursor(cursor)
    type_into(qtbot, background, "【】")
    wait_saved(qtbot, app)
    [moved] = read_repo(seeded_db).get_sheet(doc.sheet_id).citations
    assert moved.position == len("【】背景：" + quote)
    assert moved.id == citation.id                      # the same citation row, updated

    # Clicking the citation opens the passage with the quote highlighted.
    panel.viewer.clear()
    uid = doc.placed("background")[0][0]
    editor_field.citations_label.linkActivated.emit(f"cite:{uid}")
    assert panel.current_passage_id() == passage_id
    assert quote in panel.viewer.toPlainText()
    found = panel.viewer.document().find(quote)
    assert found.charFormat().background().color().name() == "#ffe082"

    # Deleting the marker removes the citation; undo brings it back.
    app.window.actions.undo.trigger()
    assert doc.placed("background")[0][1] == len("背景：" + quote)


def test_citing_needs_a_field_with_the_cursor(qtbot, make_app, seeded_db, dialogs):
    app = make_app(seeded_db)
    new_sheet(qtbot, app)
    app.window.editor._last_text_key = None
    panel = _search(qtbot, app)
    panel.results.setCurrentRow(0)
    panel.cite_button.click()
    assert dialogs.of("information")
    assert app.workspace.doc.placed("background") == ()


def test_kpi_candidate_becomes_a_kpi_with_its_citation(qtbot, make_app, seeded_db, read_repo):
    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    panel = app.window.source_panel
    panel.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: panel.candidates.count() > 0, timeout=TIMEOUT_MS)
    panel.candidates.setCurrentRow(0)
    candidate = panel.candidates.item(0).data(Qt.ItemDataRole.UserRole)
    panel.candidate_button.click()

    [item] = doc.sheet.items
    [kpi] = item.kpis
    assert (kpi.indicator, kpi.unit, kpi.target_year) == (candidate.indicator, candidate.unit, candidate.target_year)
    row = app.window.editor.kpi_editor.cards[0].rows[0]
    assert row.lines["indicator"].text() == candidate.indicator
    wait_saved(qtbot, app)
    stored = read_repo(seeded_db).get_sheet(doc.sheet_id)
    assert stored.items[0].kpis[0].indicator == candidate.indicator
    [citation] = stored.citations
    assert citation.field_key == app.window.editor.kpi_editor.field_key
    assert citation.passage_id == candidate.passage_id
    assert citation.quoted_text == candidate.text

    app.window.actions.undo.trigger()          # one step takes back the KPI and its citation
    assert doc.sheet.items == [] and doc.placed(citation.field_key) == ()


def test_a_rank_candidate_keeps_its_qualifier_and_is_judged_downwards(qtbot, make_app, seeded_db):
    from desktop.survey.sheet import Direction, Qualifier

    app = make_app(seeded_db)
    doc = new_sheet(qtbot, app)
    panel = app.window.source_panel
    panel.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: panel.candidates.count() > 0, timeout=TIMEOUT_MS)
    row = next(r for r in range(panel.candidates.count())
               if "4位以内" in panel.candidates.item(r).text().split("\n")[0])   # shown as it is meant
    panel.candidates.setCurrentRow(row)
    panel.candidate_button.click()
    [kpi] = doc.sheet.items[0].kpis
    assert (kpi.target_value, kpi.qualifier, kpi.direction) == ("4", Qualifier.WITHIN, Direction.DOWN)
    editor_row = app.window.editor.kpi_editor.cards[0].rows[0]
    assert editor_row.qualifier.currentData() == Qualifier.WITHIN.value


def test_add_a_document_by_dialog_and_by_drop(qtbot, make_app, seeded_db, tmp_path, dialogs):
    app = make_app(seeded_db)
    first = tmp_path / "メモ1.txt"
    first.write_text("# 追加資料\n\n量子暗号の国際標準化に向けた工程表を策定する。\n", encoding="utf-8")
    second = tmp_path / "メモ2.md"
    second.write_text("# 別資料\n\nフュージョンエネルギーの規格開発を進める。\n", encoding="utf-8")
    broken = tmp_path / "壊れた.pdf"
    broken.write_bytes(b"not a pdf")

    dialogs.answer("open_files", ([str(first)], ""))
    app.window.actions.add_document.trigger()
    qtbot.waitUntil(lambda: any(d.file_name == first.name for d in app.services.library().documents()),
                    timeout=TIMEOUT_MS)

    panel = app.window.source_panel
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second)), QUrl.fromLocalFile(str(broken))])
    # QDragEnterEvent takes an integer QPoint, QDropEvent a QPointF (PySide6 6.11).
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, drop)
    qtbot.waitUntil(lambda: bool(dialogs.of("warning")), timeout=TIMEOUT_MS)
    names = {d.file_name for d in app.services.library().documents()}
    assert second.name in names and broken.name not in names
    assert broken.name in dialogs.of("warning")[0][2]
    _search(qtbot, app, "量子暗号")


def _answered(qtbot, app, query):
    """Search and wait for this query's answer (results of an earlier one may still be listed)."""
    panel = app.window.source_panel
    panel.run_search(query)
    qtbot.waitUntil(lambda: panel.message.text().startswith(f"「{query}」"), timeout=TIMEOUT_MS)
    return panel


def test_counts_say_what_the_list_holds(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    panel = _answered(qtbot, app, "AI")
    total = app.services.library().search("AI", limit=50).total
    assert total > 50
    assert panel.results.count() == 50
    assert panel.message.text() == f"「AI」: 上位 50 件／全 {total} 件"
    panel = _answered(qtbot, app, "フォローアップのフォーマット案")
    assert panel.message.text() == f"「フォローアップのフォーマット案」: 全 {panel.results.count()} 件"


def test_no_passage_with_every_word_shows_the_closest_labelled_as_such(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    panel = _answered(qtbot, app, "日本発コンテンツの海外市場規模の目標はいくらか")
    assert panel.message.text() == "「日本発コンテンツの海外市場規模の目標はいくらか」: 完全に一致する箇所はありません。近い箇所:"
    assert panel.results.count() > 0


def test_a_search_typed_over_is_cancelled(qtbot, make_app, seeded_db):
    app = make_app(seeded_db)
    panel = app.window.source_panel
    panel.run_search("海賊版")
    first = app.sources._search_task
    panel = _answered(qtbot, app, "海賊版対策")
    assert first.cancel_requested and first is not app.sources._search_task
    assert panel.results.count() > 0
