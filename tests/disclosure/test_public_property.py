"""Property: whatever the marks, and however a withheld passage is copied elsewhere (with invisible
characters, line breaks, other widths or letter case inside it), no public Word, Excel or CSV file holds
it, the leak check agrees, and everything that was not withheld is still printed.

Texts are hiragana with a little kanji and Latin: no fixed label of the report (施策名, 件, KPI, …) can
equal a marked passage by chance.
"""

import csv
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.disclosure.leakcheck import check_output
from desktop.disclosure.needles import ANYWHERE
from desktop.disclosure.package import read_units
from desktop.disclosure.reader_form import reader_form
from desktop.reports.csv_writer import write_csv
from desktop.reports.docx_writer import write_docx
from desktop.reports.model import build_report
from desktop.reports.xlsx_writer import write_xlsx
from desktop.survey.loader import default_survey
from desktop.survey.parts import Part
from desktop.survey.sheet import CitationData, KpiData, MarkData
from tests.reports.sheetkit import sheet

KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねの漢字"
FIELDS = ["content", "background", "outcome", "results", "issues"]
REASON = "理由は交渉中のためである"
INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\ufeff", "\ufe0f", "\U000E0100", "\n", "\r\n", " ", "\u3000"]
WIDE = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ")


@st.composite
def passage(draw):
    """A withheld passage long enough to be recognised anywhere."""
    core = draw(st.text(alphabet=KANA, min_size=ANYWHERE, max_size=12))
    if draw(st.booleans()):
        core += draw(st.sampled_from(["ab", "xy", "qz"]))
    return core


@st.composite
def disguise(draw, text):
    """The same passage as a reader sees it: invisible characters and line breaks inside, other width, case."""
    chars = list(text)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(1, max(1, len(chars) - 1)))
        chars.insert(at, draw(st.sampled_from(INVISIBLE)))
    out = "".join(chars)
    if draw(st.booleans()):
        out = out.translate(WIDE)
    return out


@st.composite
def case(draw):
    secrets = draw(st.lists(passage(), min_size=1, max_size=3, unique=True))
    filler = st.text(alphabet="はひふへほまみむめも", min_size=0, max_size=8)
    fields = {key: draw(filler) for key in FIELDS}
    marks = []
    # each secret is marked in one field...
    for secret in secrets:
        key = draw(st.sampled_from(FIELDS))
        before = fields[key]
        fields[key] = before + secret + draw(filler)
        marks.append((key, len(before), len(before) + len(secret)))
    # ...and copied, disguised, into other places of this sheet and of another measure's sheet
    copies = []
    for secret in secrets:
        for _ in range(draw(st.integers(0, 3))):
            where = draw(st.sampled_from(FIELDS + ["kpi", "source", "other"]))
            copies.append((where, draw(disguise(secret))))
    marked_kpi = draw(st.booleans())
    return secrets, fields, marks, copies, marked_kpi


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.filter_too_much])
@given(case())
def test_no_withheld_passage_reaches_a_public_file_however_it_is_copied(data):
    secrets, fields, marks, copies, marked_kpi = data
    survey = default_survey()
    s = sheet(survey, "施策の名前です")
    other = sheet(survey, "別の施策の名前", ministry="外務省")
    s.fields.update(fields)
    for key, a, b in marks:
        s.marks.append(MarkData(reason=REASON, part=Part.field(key), start=a, end=b))
    hidden = KpiData(indicator="ひみつのしひょう", unit="件", target_value="77", actuals={2025: "61.7"})
    s.items[0].kpis.append(hidden)
    if marked_kpi:
        s.marks.append(MarkData(reason=REASON, part=Part.kpi(hidden.key)))
    else:
        s.marks.append(MarkData(reason=REASON, part=Part.actual(hidden.key, 2025)))
    for where, text in copies:
        if where in FIELDS:
            s.fields[where] = s.text(where) + "。" + text
        elif where == "kpi":
            s.items[0].kpis[0].indicator += text
        elif where == "source":
            s.citations.append(CitationData(field_key="content", passage_id=None, quoted_text=text,
                                            reference="出典：資料", position=0))
        else:
            other.fields["outcome"] = other.text("outcome") + text
    forms = [reader_form(x) for x in secrets]
    with tempfile.TemporaryDirectory() as tmp:
        report = build_report(survey, [s, other], "public")
        written = [write_docx(report, Path(tmp) / "p.docx"), write_xlsx(report, Path(tmp) / "p.xlsx"),
                   write_csv(report, Path(tmp) / "p.csv")]
        for path in written:
            assert check_output(path, [s, other], survey) == [], path.name
            for unit in read_units(path):
                seen = reader_form(unit.text)
                assert not [f for f in forms if f in seen], (path.name, unit.text)
                assert "61.7" not in unit.text and reader_form(REASON) not in seen
        # the unmarked text is still there: the other sheet's title, this sheet's first KPI unit
        docx_text = "".join(reader_form(u.text) for u in read_units(written[0]))
        assert reader_form("別の施策の名前") in docx_text
        with open(written[2], encoding="utf-8-sig", newline="") as f:
            cells = [cell for row in csv.reader(f) for cell in row]
        assert not any(reader_form(c) == "ひみつのしひょう" for c in cells) or not marked_kpi
