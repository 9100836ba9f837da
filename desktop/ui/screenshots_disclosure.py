"""Screenshots of non-public marking: the editor with a marked passage and KPI, and the review view.

    python -m desktop.ui.screenshots_disclosure docs/screenshots

Like desktop.ui.screenshots: offscreen, on a throw-away demo database.
"""

from __future__ import annotations

from pathlib import Path

from desktop.ui.screenshots import Shots, _settle, demo_application, main


def take(out_dir: Path) -> list[Path]:
    from desktop.survey.definition import FieldKind

    out_dir.mkdir(parents=True, exist_ok=True)
    app, application = demo_application()
    shots = Shots(app, application, out_dir)
    window = application.window
    window.source_dock.hide()
    window.validation_dock.hide()
    ws, editor = application.workspace, window.editor
    marked = next(s for s in application.services.repository().load_sheets() if s.marks)
    ws.open_sheet(marked.id)
    _settle(app, application)
    # A KPI marked too, as a user would from the KPI's context menu.
    editor.marks.ask_reason = lambda *_a, **_k: "目標値が関係省庁と調整中のため"
    if ws.doc.sheet.all_kpis():
        editor.marks.mark_kpi(ws.doc.sheet.all_kpis()[0][1])

    # 1. The marked passage: shaded, with the bar in the margin.
    mark = ws.doc.sheet.marks[0]
    editor.marks.reveal(mark)
    text = editor.texts[mark.field_key].edit
    cursor = text.textCursor()
    cursor.clearSelection()
    text.setTextCursor(cursor)
    editor.scroll_to_section(mark.field_key)
    shots.save(window, "disclosure-editor")

    # 2. The 公開範囲に関する希望 section listing the marks with their reasons.
    editor.scroll_to_section(application.survey.first_field_of_kind(FieldKind.DISCLOSURE).key)
    shots.save(window, "disclosure-section")

    # 3. The review of every mark of the year.
    window.actions.review_marks.trigger()
    dialog = application.disclosure.dialog
    _settle(app, application, 300)
    shots.save(dialog, "disclosure-review")
    dialog.close()
    return shots.close()


if __name__ == "__main__":
    main(take)
