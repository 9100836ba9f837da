"""Screenshots of the annual cycle (year-over-year comparison, KPI chart, history) on the demo data.

    python -m desktop.ui.screenshots_annual docs/screenshots

Like desktop.ui.screenshots: offscreen, on a throw-away demo database.
"""

from __future__ import annotations

from pathlib import Path

from desktop.ui.screenshots import Shots, _settle, demo_application, main


def take(out_dir: Path) -> list[Path]:
    from desktop.store.repository import SheetFilter
    from desktop.survey.definition import FieldKind

    out_dir.mkdir(parents=True, exist_ok=True)
    app, application = demo_application()
    window = application.window
    window.source_dock.hide()      # room for the editor
    window.validation_dock.hide()
    shots = Shots(app, application, out_dir)

    repo = application.services.repository()
    survey = application.survey
    sheets = repo.load_sheets(SheetFilter(survey_key=survey.key, year=max(repo.years())))
    ws, editor = application.workspace, window.editor

    # 1. Year over year: the background of a sheet carried over from last year, compared.
    rewritten = next(s for s in sheets if s.predecessor_id and "content" in s.fields
                     and s.fields.get("background") != repo.get_sheet(s.predecessor_id).fields.get("background"))
    ws.open_sheet(rewritten.id)
    editor.compares["background"].toggle.setChecked(True)
    _settle(app, application, 600)   # the list's KPI column is counted in the background
    editor.scroll_to_section("background")
    shots.save(window, "annual-compare")

    # 2. The KPI editor and the chart of a KPI with three years of actuals.
    charted = max(sheets, key=lambda s: max((len(k.actuals) for _i, k in s.all_kpis()), default=0))
    ws.open_sheet(charted.id)
    kpi_key = survey.first_field_of_kind(FieldKind.KPI_ITEMS).key
    editor.kpi_editor.kpiSelected.emit(ws.doc.sheet.all_kpis()[0][1])
    _settle(app, application, 400)
    editor.scroll_to_section(kpi_key)
    shots.save(window, "annual-chart")

    # 3. The history of a sheet after a few saves: the revision list and a side-by-side diff.
    ws.open_sheet(rewritten.id)

    def append(key: str, text: str) -> None:
        edit = editor.texts[key].edit
        cursor = edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        edit.setTextCursor(cursor)
        edit.insertPlainText(text)
        ws.save_now()
        ws.wait_saved()
        _settle(app, application)

    append("issues", "また、領域別国際標準戦略の策定を他の領域に広げるため、説明会を開催する。")
    append("content", "令和8年度からは支援の成果を横展開する。")
    append("issues", "説明会の結果は次回のフォローアップで報告する。")
    application.annual.history()
    dialog = application.annual.history_dialog
    dialog.resize(1100, 700)
    dialog.show()
    dialog.revisions.setCurrentItem(dialog.revisions.topLevelItem(0))   # the latest change…
    _settle(app, application)
    dialog.left_version.setCurrentIndex(0)                              # …against the version before any change
    shots.save(dialog, "annual-history")

    dialog.close()
    return shots.close()


if __name__ == "__main__":
    main(take)
