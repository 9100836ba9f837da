"""The report model: order, content, and above all what the public version may contain."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.reports.errors import DisclosureRefused
from desktop.reports.model import (
    KPI_HEADERS,
    NONPUBLIC_END,
    NONPUBLIC_START,
    Audience,
    Report,
    RunKind,
    build_report,
)
from desktop.disclosure.reader_form import mapped, reader_form
from desktop.survey.loader import default_survey
from desktop.survey.parts import Part
from desktop.survey.sheet import MarkData
from tests.reports.sheetkit import SECRET, cite, mark, sheet

REF = "出典：知的財産戦略推進事務局「論点について」（令和7年11月）"


def everything(report: Report) -> str:
    """All text of a report model, as any writer could print it."""
    parts = [report.title, report.fiscal_year_label, report.ministry_label]
    for c in report.chapters:
        parts.append(c.heading)
        for s in c.sections:
            parts += [s.heading, s.classification, s.ministry, s.bureau, s.person, s.contact, s.areas]
            parts += [f.text for f in s.fields]
            parts += [cell for k in s.kpis for cell in k.cells] + [k.data_source for k in s.kpis]
            parts += [v or "" for k in s.kpis for _, v in k.actuals]
            parts += [n.text + n.quoted_text for n in s.footnotes]
    # Apart, as a reader sees them: a passage is not "printed" by the end of one field and the start of the next.
    # (〓, the geta mark, is outside the generated alphabet and survives the reader's form.)
    return "〓".join(parts)


def test_sections_follow_classification_order_then_ministry_then_title(survey):
    codes = [c.code for c in survey.choices]
    sheets = [
        sheet(survey, "い施策", classification=codes[2], ministry="総務省"),
        sheet(survey, "あ施策", classification=codes[0], ministry="総務省"),
        sheet(survey, "う施策", classification=codes[0], ministry="内閣府"),
        sheet(survey, "え施策", classification=codes[0], ministry="内閣府"),
    ]
    report = build_report(survey, sheets, Audience.INTERNAL)
    assert [s.heading for s in report.sections] == ["う施策", "え施策", "あ施策", "い施策"]
    assert [s.number for s in report.sections] == [1, 2, 3, 4]
    assert [c.heading for c in report.chapters] == [survey.classification_display(codes[0]),
                                                    survey.classification_display(codes[2])]


def test_fields_are_the_surveys_fields_in_order_with_its_labels(survey):
    report = build_report(survey, [sheet(survey)], "internal", created=date(2026, 4, 1))
    section = report.sections[0]
    assert [(f.key, f.label) for f in section.fields] == [(f.key, f.label) for f in survey.fields]
    assert section.field("content").text == "国際指針及び行動規範の普及・展開を行う。\nGPAI日本センターを立ち上げる。"
    assert len(section.field("content").paragraphs) == 2
    assert report.created_label == "令和8年4月1日"
    assert report.fiscal_year_label == "令和7年度"
    assert report.ministry_label == "全府省庁"


def test_kpi_rows_carry_values_with_years_in_wareki(survey):
    section = build_report(survey, [sheet(survey)], "internal").sections[0]
    assert len(KPI_HEADERS) == 7
    kpi, plan = section.kpis
    assert kpi.cells == ("調査・分析プロジェクト", "プロジェクト実施件数", "件", "0\n（令和5年度）",
                         "5\n（令和9年度）", "3", "1")
    assert not plan.has_kpi and "令和8年度に指標を設定する予定" in plan.indicator


def test_citations_become_numbered_footnotes_at_their_positions(survey):
    a, b = sheet(survey, "あ"), sheet(survey, "い")
    cite(a, "content", "行う。", "引用A", REF + "A")
    cite(a, "background", None, "引用B", REF + "B")
    cite(b, "content", None, "引用C", REF + "C")
    report = build_report(survey, [b, a], "internal")
    first, second = report.sections
    assert [n.number for n in first.footnotes] == [1, 2]
    assert [n.number for n in second.footnotes] == [3]
    runs = first.field("content").paragraphs[0]
    assert [r.kind for r in runs] == [RunKind.TEXT, RunKind.FOOTNOTE]
    assert runs[0].text.endswith("行う。") and runs[1].footnote == 1
    assert first.field("content").text.startswith("国際指針及び行動規範の普及・展開を行う。※1")
    assert first.footnotes[0].text == REF + "A" and first.footnotes[0].quoted_text == "引用A"


def test_internal_flags_marked_text_and_lists_reasons(survey):
    s = sheet(survey, content="公開部分。" + SECRET + "後半。")
    mark(s, "content", SECRET, reason="交渉中のため")
    section = build_report(survey, [s], "internal").sections[0]
    content = section.field("content")
    assert content.text == f"公開部分。{NONPUBLIC_START}{SECRET}{NONPUBLIC_END}後半。"
    assert [r.kind for r in content.paragraphs[0]] == [RunKind.TEXT, RunKind.NONPUBLIC, RunKind.TEXT]
    disclosure = section.field("disclosure").text
    assert "交渉中のため" in disclosure and "施策内容" in disclosure
    assert section.person and section.contact


def test_public_replaces_marked_span_and_drops_reasons_and_personal_data(survey):
    s = sheet(survey, content="公開部分。" + SECRET + "後半。", disclosure="団体名は非公開を希望。理由は交渉中。")
    mark(s, "content", SECRET, reason="交渉中のため")
    report = build_report(survey, [s], Audience.PUBLIC)
    section = report.sections[0]
    assert section.field("content").text == "公開部分。（非公開）後半。"
    # 公開範囲に関する希望 is internal workflow (internal = true in the survey file): not printed at all
    assert "disclosure" not in [f.key for f in section.fields]
    assert "disclosure" not in dict(report.field_labels)
    text = everything(report)
    assert SECRET not in text and "交渉中" not in text and "団体名" not in text
    assert section.person == "" and section.contact == "" and section.status == ""
    assert not report.shows_status
    assert "公開部分。" in text and "後半。" in text


@pytest.mark.parametrize("spans, expected", [
    ([(0, 4)], "（非公開）EFGHIJ"),                       # at the start
    ([(6, 10)], "ABCDEF（非公開）"),                      # at the end
    ([(2, 5), (4, 7)], "AB（非公開）HIJ"),                # overlapping
    ([(2, 4), (4, 6)], "AB（非公開）GHIJ"),               # adjacent: one placeholder
    ([(2, 3), (5, 6)], "AB（非公開）DE（非公開）GHIJ"),
    ([(3, 3)], "ABCDEFGHIJ"),                             # empty span: nothing marked
    ([(5, 99)], "（非公開）"),                            # past the end: whole field, to be safe
    ([(7, 2)], "（非公開）"),                             # reversed: whole field
])
def test_span_marks_start_end_overlapping_adjacent_and_broken(survey, spans, expected):
    s = sheet(survey, content="ABCDEFGHIJ")
    s.marks = [MarkData(reason="r", part=Part.field("content"), start=a, end=b) for a, b in spans]
    assert build_report(survey, [s], "public").sections[0].field("content").text == expected


def test_half_given_span_withholds_the_whole_field(survey):
    s = sheet(survey, content="ABCDEFGHIJ")
    s.marks = [MarkData(reason="r", part=Part.field("content"), start=3, end=None)]
    block = build_report(survey, [s], "public").sections[0].field("content")
    assert block.text == "（非公開）" and block.withheld


def test_whole_field_marks_withhold_the_field_and_its_citations(survey):
    s = sheet(survey)
    cite(s, "background", None, "背景の引用", REF + "背景")
    mark(s, "background")
    section = build_report(survey, [s], "public").sections[0]
    assert section.field("background").text == "（非公開）"
    assert section.footnotes == ()
    internal = build_report(survey, [s], "internal").sections[0]
    assert internal.field("background").nonpublic and len(internal.footnotes) == 1


def test_marked_title_is_withheld_in_headings(survey):
    s = sheet(survey, "秘密の施策名称です")
    mark(s, "title")
    report = build_report(survey, [s], "public")
    assert report.sections[0].heading == "（非公開）"
    assert "秘密の施策名称" not in everything(report)


def test_marked_text_is_withheld_where_it_recurs(survey):
    s = sheet(survey, content="前。" + SECRET, results="実績として" + SECRET + "を確認した。")
    s.items[0].title = SECRET
    mark(s, "content", SECRET)
    report = build_report(survey, [s], "public")
    assert SECRET not in everything(report)
    assert report.sections[0].field("results").text == "実績として（非公開）を確認した。"
    internal = build_report(survey, [s], "internal").sections[0]
    assert NONPUBLIC_START in internal.field("results").text


def test_marked_kpi_keeps_its_row_with_placeholder_only(survey):
    s = sheet(survey)
    kpi = s.items[0].kpis[0]
    s.marks.append(MarkData(reason="r", part=Part.kpi(kpi.key)))
    section = build_report(survey, [s], "public").sections[0]
    row = section.kpis[0]
    assert row.withheld and row.indicator == "（非公開）" and row.item == "調査・分析プロジェクト"
    assert row.unit == row.target == row.actual == "" and row.actuals == ()
    assert "プロジェクト実施件数" not in everything(build_report(survey, [s], "public"))
    internal = build_report(survey, [s], "internal").sections[0].kpis[0]
    assert internal.nonpublic and internal.indicator == "プロジェクト実施件数"


def test_kpi_mark_that_cannot_be_placed_refuses_the_public_report_naming_the_sheet(survey):
    s = sheet(survey)
    s.marks.append(MarkData(reason="r", part=Part.kpi("missing999999"), text="削除されたKPIの指標"))
    with pytest.raises(DisclosureRefused, match="広島AIプロセスの推進.*KPI.*削除されたKPIの指標.*非公開の確認が必要"):
        build_report(survey, [s], "public")
    build_report(survey, [s], "internal")


def test_mark_on_the_kpi_field_withholds_all_items(survey):
    s = sheet(survey)
    mark(s, "kpi")
    section = build_report(survey, [s], "public").sections[0]
    assert section.field("kpi").text == "（非公開）"
    assert [r.item for r in section.kpis] == ["（非公開）"]
    assert "調査・分析" not in everything(build_report(survey, [s], "public"))


def test_citations_dropped_when_marked_anchored_in_marked_text_or_quoting_it(survey):
    s = sheet(survey, content="公開部分。" + SECRET + "後半。")
    kept = cite(s, "content", "公開部分。", "公開の引用", REF + "1")
    cite(s, "content", SECRET, "アンカーが非公開", REF + "2")
    marked = cite(s, "content", "後半。", "非公開にした引用", REF + "3")
    cite(s, "results", None, "引用文に" + SECRET, REF + "4")
    mark(s, "content", SECRET)
    s.marks.append(MarkData(reason="r", part=Part.citation(marked.key)))
    section = build_report(survey, [s], "public").sections[0]
    assert [n.quoted_text for n in section.footnotes] == [kept.quoted_text]
    assert section.field("content").text == "公開部分。※1（非公開）後半。"


def test_citation_right_before_a_marked_span_is_kept(survey):
    s = sheet(survey, content="前文。" + SECRET)
    cite(s, "content", "前文。", "前文の引用", REF)
    mark(s, "content", SECRET)
    section = build_report(survey, [s], "public").sections[0]
    assert section.field("content").text == "前文。※1（非公開）"


def test_unknown_mark_target_refuses_the_public_report(survey):
    s = sheet(survey)
    s.marks.append(MarkData(reason="r", part=Part.field("no-such-field")))
    with pytest.raises(DisclosureRefused, match="非公開の確認が必要"):
        build_report(survey, [s], "public")
    build_report(survey, [s], "internal")  # internal shows everything anyway


def test_public_sort_uses_printed_titles(survey):
    hidden = sheet(survey, "あ秘密")
    mark(hidden, "title")
    other = sheet(survey, "い公開")
    report = build_report(survey, [hidden, other], "public")
    assert [s.heading for s in report.sections] == ["い公開", "（非公開）"]


# --------------------------------------------------------------------------
# Property: whatever the marks, nothing marked reaches the public model and
# every unmarked passage is still there.

ALPHABET = "あいうえおかきくけこ漢字施策。、\nABC"


@st.composite
def marked_texts(draw):
    text = draw(st.text(alphabet=ALPHABET, min_size=0, max_size=60))
    spans = draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=4))
    spans = [(min(a, b), max(a, b)) for a, b in spans]
    return text, spans


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(["content", "background", "outcome", "results", "issues"]), marked_texts(),
                       min_size=1), st.booleans())
def test_public_model_never_contains_marked_text(fields, whole_title):
    survey = default_survey()
    s = sheet(survey, "施策の名前です")
    for key, (text, _) in fields.items():
        s.fields[key] = text
    marked: list[str] = []
    for key, (text, spans) in fields.items():
        for a, b in spans:
            s.marks.append(MarkData(reason="理由", part=Part.field(key), start=a, end=b))
        merged: list[list[int]] = []  # touching marks form one passage
        for a, b in sorted(sp for sp in spans if sp[1] > sp[0]):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        marked += [text[a:b] for a, b in merged] + [text[a:b] for a, b in spans]
    if whole_title:
        mark(s, "title")
    report = build_report(survey, [s], "public")
    printed = everything(report)
    for passage in marked:
        if len(reader_form(passage)) >= 2:  # one character may legitimately occur inside other words
            assert reader_form(passage) not in reader_form(printed.replace("（非公開）", "〓"))
    assert "理由" not in printed
    section = report.sections[0]
    forms = [reader_form(p) for p in marked if reader_form(p)]
    for key, (text, spans) in fields.items():
        mask = [False] * len(text)
        for a, b in spans:
            for i in range(a, b):
                mask[i] = True
        form, origin = mapped(text)
        for f in forms:          # recurrences of withheld passages (as a reader reads them) are withheld too
            at = form.find(f)
            while at >= 0:
                for i in range(origin[at], origin[at + len(f) - 1] + 1):
                    mask[i] = True
                at = form.find(f, at + 1)
        out = section.field(key).text
        unmarked = "".join("\0" if m else ch for ch, m in zip(text, mask)).split("\0")
        position = 0
        for piece in unmarked:
            if reader_form(piece):
                found = out.find(piece, position)
                assert found >= 0, (piece, out)
                position = found + len(piece)


def test_the_public_result_is_titled_as_the_result_with_its_date(survey):
    report = build_report(survey, [sheet(survey)], "public", created=date(2026, 12, 3))
    assert report.title == "新たな国際標準戦略 フォローアップ結果"
    assert report.as_of_label == "令和8年12月3日時点"
    chosen = build_report(survey, [sheet(survey)], "public", title="令和8年度 点検結果", as_of=date(2026, 11, 30))
    assert (chosen.title, chosen.as_of_label) == ("令和8年度 点検結果", "令和8年11月30日時点")


def test_a_sheet_not_accepted_is_marked_in_the_public_result(survey):
    from desktop.survey.sheet import Status

    draft = sheet(survey, "下書きの施策")
    draft.status = Status.DRAFT
    report = build_report(survey, [draft, sheet(survey, "確定した施策")], "public")
    assert sorted(s.heading for s in report.sections) == ["【未確定（下書き）】下書きの施策", "確定した施策"]
    internal = build_report(survey, [draft], "internal")
    assert internal.sections[0].heading == "下書きの施策" and internal.sections[0].status == "下書き"


def test_sections_print_the_stored_measure_number(survey):
    a, b = sheet(survey, "あ施策"), sheet(survey, "い施策")
    report = build_report(survey, [a, b], "public", numbers={a.id: 7, b.id: 3})
    assert {s.heading: s.number for s in report.sections} == {"あ施策": 7, "い施策": 3}
    alone = build_report(survey, [b], "public", numbers={a.id: 7, b.id: 3})
    assert alone.sections[0].number == 3


def test_a_report_over_two_years_lists_each_chapter_by_year_and_stored_number(survey):
    """The 目次 of a two-year result reads 1, 2 (令和6年度) then 1 (令和7年度) in a chapter, whatever the
    ministries' names sort to: the order the stored 施策番号 were given in."""
    later = sheet(survey, "文部科学省の施策", ministry="文部科学省", year=2024)
    first = sheet(survey, "総務省の施策", ministry="総務省", year=2024)
    next_year = sheet(survey, "翌年度の施策", ministry="文部科学省", year=2025)
    numbers = {first.id: 1, later.id: 2, next_year.id: 1}
    report = build_report(survey, [next_year, later, first], "public", numbers=numbers)
    assert [(s.heading, s.number) for s in report.sections] == [
        ("総務省の施策", 1), ("文部科学省の施策", 2), ("翌年度の施策", 1)]
