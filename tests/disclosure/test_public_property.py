"""Property: whatever the marks, the public Word, Excel and CSV files hold no marked text, and all the rest.

Random sheets get random marks: whole fields, spans at the start, middle and
end of a text, overlapping and adjacent spans, marked KPIs and marked
citations. Each is exported as the public Word and Excel report; the leak
check must find nothing, an independent search of every package part for the
marked texts must find nothing, and every unmarked passage of every field
must still be in both files.

The texts are hiragana: no fixed label of the report (施策名, 件, KPI, …) can
equal a short marked passage by chance, which the check would rightly report.
"""

import csv
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop.disclosure.leakcheck import MIN_SUBSTRING_LENGTH, check_output
from desktop.disclosure.package import normalize, read_units
from desktop.reports.csv_writer import write_csv
from desktop.reports.docx_writer import write_docx
from desktop.reports.model import build_report
from desktop.reports.xlsx_writer import write_xlsx
from desktop.survey.loader import default_survey
from desktop.survey.sheet import CitationData, KpiData, MarkData
from tests.reports.sheetkit import sheet

KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねの。"
FIELDS = ["content", "background", "outcome", "results", "issues"]
REASON = "理由は交渉中のためである"
_LINES = re.compile(r"\r\n|\r|\n")


def _merge(spans):
    merged: list[list[int]] = []
    for a, b in sorted(sp for sp in spans if sp[1] > sp[0]):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return merged


@st.composite
def marked_field(draw):
    lines = draw(st.lists(st.text(alphabet=KANA, min_size=1, max_size=25), min_size=1, max_size=3))
    text = "\n".join(lines)
    n = len(text)
    edge = st.sampled_from(["start", "middle", "end", "any"])
    spans = []
    for where in draw(st.lists(edge, max_size=4)):
        length = draw(st.integers(1, max(1, n)))
        if where == "start":
            a = 0
        elif where == "end":
            a = max(0, n - length)
        else:
            a = draw(st.integers(0, n))
        spans.append((a, min(n, a + length)))
    if spans and draw(st.booleans()):        # an adjacent span right after the first
        a, b = spans[0]
        spans.append((b, min(n, b + draw(st.integers(1, 5)))))
    return text, spans, draw(st.booleans()) and draw(st.booleans())   # whole field: 1 in 4


kpi_text = st.text(alphabet=KANA, min_size=MIN_SUBSTRING_LENGTH, max_size=15)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.filter_too_much])
@given(fields=st.dictionaries(st.sampled_from(FIELDS), marked_field(), min_size=1),
       indicators=st.lists(st.tuples(kpi_text, st.booleans()), min_size=1, max_size=3),
       quotes=st.lists(st.tuples(kpi_text, st.sampled_from(FIELDS), st.booleans()), max_size=3))
def test_public_exports_hold_no_marked_text_and_all_unmarked_text(fields, indicators, quotes):
    survey = default_survey()
    s = sheet(survey, "施策の名前です")
    for key in FIELDS:
        s.fields[key] = ""
    secrets: list[str] = []           # every marked text, computed here, not by the model
    for key, (text, spans, whole) in fields.items():
        s.fields[key] = text
        if whole:
            s.marks.append(MarkData(reason=REASON, field_key=key))
            secrets.append(text)
        for a, b in spans:
            s.marks.append(MarkData(reason=REASON, field_key=key, start=a, end=b))
        secrets += [text[a:b] for a, b in _merge(spans)]
    item = s.items[0]
    item.kpis = []
    for n, (indicator, marked) in enumerate(indicators):
        kpi = KpiData(indicator=indicator, unit="件", target_value="5", target_year=2027, id=9000 + n)
        item.kpis.append(kpi)
        if marked:
            s.marks.append(MarkData(reason=REASON, kpi_id=kpi.id))
            secrets.append(indicator)
    for n, (quote, key, marked) in enumerate(quotes):
        c = CitationData(field_key=key, passage_id=None, quoted_text=quote, reference=f"出典：資料{n + 1}",
                         position=len(s.text(key)), id=9100 + n)
        s.citations.append(c)
        if marked:
            s.marks.append(MarkData(reason=REASON, citation_id=c.id))
            secrets.append(quote)
    secret_lines = {normalize(line) for text in secrets for line in _LINES.split(text)} - {""}
    long_lines = {line for line in secret_lines if len(line) >= MIN_SUBSTRING_LENGTH}
    short_lines = secret_lines - long_lines

    # What must still be printed: each field's text outside the marked spans and
    # outside recurrences of long marked texts and lines, cut at the withheld parts.
    recurring = long_lines | {t.strip() for t in secrets if len(t.strip()) >= MIN_SUBSTRING_LENGTH}
    expected: list[str] = []
    for key, (text, spans, whole) in fields.items():
        if whole:
            continue
        mask = [False] * len(text)
        for a, b in spans:
            mask[a:b] = [True] * (b - a)
        for phrase in recurring:
            start = text.find(phrase)
            while start >= 0:
                mask[start:start + len(phrase)] = [True] * len(phrase)
                start = text.find(phrase, start + 1)
        for line_start, line in _line_spans(text):
            printed = mask[line_start:line_start + len(line)]
            if not any(printed) and normalize(line) in short_lines:
                assume(False)   # an unmarked line equal to a short marked passage: reported by design
        kept = "".join("\0" if m else ch for ch, m in zip(text, mask))
        expected += [p for p in re.split(r"[\0\n]", kept) if p]
    for indicator, marked in indicators:
        if not marked and not any(p in indicator for p in long_lines):
            expected.append(indicator)

    with tempfile.TemporaryDirectory() as tmp:
        report = build_report(survey, [s], "public")
        for path in (write_docx(report, Path(tmp) / "p.docx"), write_xlsx(report, Path(tmp) / "p.xlsx")):
            assert check_output(path, [s], survey) == [], path.name
            units = read_units(path)
            everything = "\n".join(u.text for u in units)
            for line in long_lines:
                assert line not in everything, (path.name, line)
            for u in units:
                if u.is_named_value:
                    assert not (short_lines & {u.text, *u.lines}), (path.name, u)
            assert normalize(REASON) not in everything
            for piece in expected:
                assert normalize(piece) in everything, (path.name, piece)
        # The CSV (one row per KPI) holds no marked text either, and the unmarked indicators.
        csv_path = write_csv(report, Path(tmp) / "p.csv")
        assert check_output(csv_path, [s], survey) == []
        with open(csv_path, encoding="utf-8-sig", newline="") as f:
            cells = [cell for row in csv.reader(f) for cell in row]
        flat = normalize("\n".join(cells))
        assert not [line for line in long_lines if line in flat]
        assert not [c for c in cells if short_lines & {normalize(c), *map(normalize, c.splitlines())}]
        for indicator, marked in indicators:
            if not marked and not any(p in indicator for p in long_lines):
                assert normalize(indicator) in flat


def _line_spans(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1
