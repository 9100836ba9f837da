"""Screenshots of the export dialog and of the import preview on the demo data.

    python -m desktop.ui.screenshots_reports docs/screenshots

Like desktop.ui.screenshots: offscreen, on a throw-away demo database; the
import preview reads a form written by ``write_template`` and filled in here
the way a ministry would (one change, one new measure, one mistyped choice);
the KPI review reads another tool's form whose KPIs are free text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from desktop.survey.wareki import format_fiscal_year
from desktop.ui.screenshots import Shots, _settle, demo_application, main


def _fill(path: Path, rows: dict[int, dict[str, str]]) -> None:
    """Type into the form's 一覧 by heading, as a person does."""
    import openpyxl

    from desktop.reports.form import HEADER_ROW, SHEET_LIST

    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET_LIST]
    columns = {c.value: c.column for c in ws[HEADER_ROW] if c.value}
    for row, values in rows.items():
        for label, value in values.items():
            cell = ws.cell(HEADER_ROW + row, columns[label])
            cell.value = value
            cell.data_type = "s"
    wb.save(path)


def take(out_dir: Path) -> list[Path]:
    from desktop.app.export import ExportFormat, write_template

    out_dir.mkdir(parents=True, exist_ok=True)
    app, application = demo_application()
    shots = Shots(app, application, out_dir)
    repo = application.services.repository()
    work = Path(tempfile.mkdtemp(prefix="sesaku-report-shots-"))
    application.settings.set_folder("reports", work)

    # 1. The export dialog: Word, public, one year and ministry.
    application.window.actions.export_report.trigger()
    dialog = application.reports.export_dialog
    dialog.format.setCurrentIndex(dialog.format.findData(ExportFormat.DOCX.value))
    dialog.year.setCurrentIndex(dialog.year.findData(max(repo.years())))
    dialog.ministry.setCurrentIndex(dialog.ministry.findData("総務省"))
    dialog.show_message("公開版は、出力の前に非公開の内容が含まれていないかを確認します。")
    shots.save(dialog, "report-export-dialog")
    dialog.reject()

    # 2. The import preview of a returned form.
    year = max(repo.years())
    form = work / "調査票_総務省.xlsx"
    write_template(repo, form, year=year, ministry="総務省")
    survey = application.survey
    _fill(form, {
        1: {"施策内容": "G7各国と連携し、広島AIプロセスの国際指針及び行動規範の普及・展開を行う。"
                        "\nGPAI日本センターを通じて途上国の参加を支援する。"},
        2: {"施策分類": "国際標準"},
        3: {"No.": "3", "府省庁": "総務省", "施策名": "AIセーフティ評価手法の国際標準提案",
            "施策分類": survey.classification_display(survey.choices[0].code),
            "施策内容": "AIの安全性評価手法を国際標準として提案する。"},
    })
    application.reports.settings.set_folder("forms", work)
    from PySide6.QtWidgets import QFileDialog

    original = QFileDialog.getOpenFileNames
    QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: ([str(form)], ""))
    try:
        application.window.actions.import_forms.trigger()
    finally:
        QFileDialog.getOpenFileNames = original
    dialog = application.reports.import_dialog
    _settle(app, application, 400)
    shots.save(dialog, "report-import-preview")
    dialog.reject()

    # 3. The review of KPIs read from another tool's free text, one of them corrected.
    import openpyxl

    foreign = work / "他様式_環境省.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "調査票"
    ws["A1"] = f"{format_fiscal_year(year)} フォローアップ調査票"
    ws.append(["府省庁名", "担当課室", "施策名", "施策内容", "実施項目・KPI"])
    ws.append(["環境省", "地球環境局", "脱炭素技術の国際標準化", "国際標準を提案する。",
               "・国際標準提案件数 令和5年度 12件 → 令和9年度 30件\n・研修修了者数：令和9年度までに累計100名\n"
               "・GII 4位以内\n・温室効果ガス排出量を2030年度に2013年度比46%削減\n・関係機関との連携を深める"])
    wb.save(foreign)
    QFileDialog.getOpenFileNames = staticmethod(lambda *a, **k: ([str(foreign)], ""))
    try:
        application.window.actions.import_forms.trigger()
    finally:
        QFileDialog.getOpenFileNames = original
    dialog = application.reports.import_dialog
    _settle(app, application, 400)
    dialog.resize(1200, 620)
    table = dialog.kpi_review.tables[0] if dialog.kpi_review.tables else None
    if table is not None:
        table.item(1, 4).setText("120")
    _settle(app, application, 100)
    shots.save(dialog, "report-import-kpi-review")
    dialog.reject()
    return shots.close()


if __name__ == "__main__":
    main(take)
