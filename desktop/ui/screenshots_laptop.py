"""Screenshots at 1366×768, the common government laptop: the editor must fit, nothing cut off.

    python -m desktop.ui.screenshots_laptop docs/screenshots

Like desktop.ui.screenshots: offscreen, on a throw-away demo database, a sheet
with KPIs open. Shows the default arrangement (資料 panel folded to its button),
the find-in-sheet bar, and the 資料 panel opened beside a narrow editor, where
the KPI rows take two columns.
"""

from __future__ import annotations

from pathlib import Path

from desktop.ui.screenshots import Shots, _settle, demo_application, main

SIZE = (1366, 768)


def take(out_dir: Path) -> list[Path]:
    from desktop.survey.definition import FieldKind

    out_dir.mkdir(parents=True, exist_ok=True)
    app, application = demo_application()
    window = application.window
    window.source_dock.hide()
    window.resize(*SIZE)
    shots = Shots(app, application, out_dir)
    ws, editor = application.workspace, window.editor
    repo = application.services.repository()
    sheets = {i: repo.get_sheet(i) for i in application.list_model.ids()}
    rich = next((i for i, s in sheets.items() if len(s.all_kpis()) >= 2), next(iter(sheets)))
    kpi_key = application.survey.first_field_of_kind(FieldKind.KPI_ITEMS).key
    ws.open_sheet(rich)
    _settle(app, application)

    # 1. The KPI editor at 1366×768, the default arrangement.
    editor.scroll_to_section(kpi_key)
    shots.save(window, "laptop-1366-kpi-editor")

    # 2. The editor from the top, with the find bar: Ctrl+F, a word of the sheet, its matches counted.
    editor.scroll.verticalScrollBar().setValue(0)
    window.actions.find.trigger()
    editor.find_bar.query.setText("KPI")
    if not editor.find_bar.matches:
        editor.find_bar.query.setText("の")
    shots.save(window, "laptop-1366-find")
    editor.find_bar.close_bar()

    # 3. The 資料 panel opened beside the editor: the KPI rows wrap onto two columns.
    window.show_sources()
    _settle(app, application)
    editor.scroll_to_section(kpi_key)
    shots.save(window, "laptop-1366-sources-open")
    return shots.close()


if __name__ == "__main__":
    main(take)
