"""Building realistic sheets for tests without repeating the shape everywhere."""

from desktop.survey.sheet import ItemData, KpiData, SheetData, Status


def complete_sheet(survey, **overrides) -> SheetData:
    """A sheet that passes validation with no error."""
    sheet = SheetData(
        survey_key=survey.key,
        fiscal_year=2025,
        ministry="総務省",
        bureau="国際戦略局",
        person="担当 一郎",
        contact="03-0000-0000",
        status=Status.DRAFT,
        classification=survey.choices[0].code,
        areas=[survey.areas[0].code],
        fields={
            "title": "広島AIプロセスの推進",
            "content": "国際指針及び行動規範の普及・展開を行う。",
            "background": "生成AIの国際ルール形成が進んでいる。",
            "outcome": "行動規範が広く受け入れられること。",
            "results": "調査プロジェクトを3件実施した。",
        },
        items=[ItemData(title="調査・分析プロジェクト", kpis=[KpiData(
            indicator="プロジェクト実施件数", unit="件", baseline_value="0", baseline_year=2023,
            target_value="5", target_year=2027, actuals={2025: "3"})])],
    )
    for key, value in overrides.items():
        setattr(sheet, key, value)
    return sheet
