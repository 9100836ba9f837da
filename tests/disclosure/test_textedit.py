"""Marks follow their passage through edits the way a character format does in Word, and are never lost
by a replacement of the whole text: found again by what they say, or kept unplaced for a person."""

import random

import pytest

from desktop.disclosure.textedit import changed_region, find_passage, follow_edit, replace_text, settle_marks
from desktop.survey.parts import Part
from desktop.survey.sheet import CitationData, MarkData
from tests.factories import complete_sheet

TEXT = "前文。秘密の部分。後文。"
START = TEXT.index("秘密")
END = START + len("秘密の部分")
CONTENT = Part.field("content")


def marked(text, marks):
    return [text[m.start:m.end] for m in marks]


@pytest.mark.parametrize("new, kept", [
    ("追加した前文。秘密の部分。後文。", "秘密の部分"),          # typed before: moves
    ("文。秘密の部分。後文。", "秘密の部分"),                    # deleted before: moves back
    ("前文。秘密の部分。後文に追加。", "秘密の部分"),            # after: stays
    ("前文。秘密の重要な部分。後文。", "秘密の重要な部分"),      # typed inside: grows
    ("前文。の部分。後文。", "の部分"),                          # its start deleted: trimmed
    ("前文。秘密の。後文。", "秘密の"),                          # its end deleted: trimmed
    ("前文。秘密の部分追記。後文。", "秘密の部分追記"),          # typed right at its end: continues it
    ("前文。追記秘密の部分。後文。", "秘密の部分"),              # typed right before it: not part of it
    ("前文。極秘の内容。後文。", "極秘の内容"),                  # typed over the whole passage: still marked
    ("前文。秘密の箇所。後文。", "秘密の箇所"),                  # its end typed over (IME 再変換): still marked
    ("前文。内密の部分。後文。", "内密の部分"),                  # its start typed over: still marked
    ("前文。秘密の新案。後文。", "秘密の新案"),
])
def test_span_follows_its_text(new, kept):
    mark = MarkData(reason="r", part=CONTENT, start=START, end=END, text="秘密の部分")
    result = follow_edit([mark], CONTENT, TEXT, new)
    assert marked(new, result.marks) == [kept] and result.gone == ()
    assert result.marks[0].text == kept


def test_a_selection_from_before_the_passage_typed_over_keeps_the_rest_marked():
    mark = MarkData(reason="r", part=CONTENT, start=START, end=END)
    new = "前文書き換え部分。後文。"          # 「。秘密の」 selected and replaced
    result = follow_edit([mark], CONTENT, TEXT, new)
    assert marked(new, result.marks) == ["部分"]


def test_deleting_the_marked_text_reports_the_mark_and_leaves_others():
    whole = MarkData(reason="r", part=CONTENT)
    other = MarkData(reason="r", part=Part.field("background"), start=0, end=2)
    mark = MarkData(reason="r", part=CONTENT, start=START, end=END)
    new = TEXT[:START] + TEXT[END:]
    result = follow_edit([whole, mark, other], CONTENT, TEXT, new)
    assert result.marks == (whole, other) and result.marks[0] is whole
    assert result.gone == (mark,)


def test_unchanged_marks_are_the_same_objects():
    mark = MarkData(reason="r", part=CONTENT, start=START, end=END, id=5)
    result = follow_edit([mark], CONTENT, TEXT, TEXT + "末尾")
    assert result.marks[0] is mark
    moved = follow_edit([mark], CONTENT, TEXT, "冒頭" + TEXT).marks[0]
    assert moved.id == 5 and (moved.start, moved.end) == (START + 2, END + 2)


def test_find_passage_reads_as_a_reader_does():
    text = "前文。秘密の\n部分。もう一度、秘\u200b密の部分。"
    assert [text[a:b] for a, b in find_passage(text, "秘密の部分")] == ["秘密の\n部分", "秘\u200b密の部分"]


def test_replacing_a_text_finds_each_passage_again_or_keeps_it_unplaced(survey):
    sheet = complete_sheet(survey)
    sheet.fields["content"] = TEXT
    sheet.marks = [MarkData(reason="a", part=CONTENT, start=START, end=END, text="秘密の部分"),
                   MarkData(reason="b", part=CONTENT, start=0, end=2, text="前文")]
    sheet.citations = [CitationData(field_key="content", passage_id=None, quoted_text="q", position=len(TEXT))]
    replace_text(sheet, "content", "新しい冒頭。後文。なお秘密の部分と、再び秘密の部分。")
    placed = [m for m in sheet.marks if not m.unplaced]
    assert placed and {sheet.text("content")[m.start:m.end] for m in placed} == {"秘密の部分"}
    [lost] = [m for m in sheet.marks if m.unplaced]
    assert (lost.reason, lost.text) == ("b", "前文")
    new = sheet.text("content")
    assert sheet.citations[0].position == new.index("後文。") + 3      # still right after 「後文。」


def test_settling_gives_each_mark_its_text_and_never_drops_one(survey):
    sheet = complete_sheet(survey)
    kpi = sheet.items[0].kpis[0]
    sheet.marks = [MarkData(reason="span", part=CONTENT, start=0, end=4),
                   MarkData(reason="kpi", part=Part.kpi(kpi.key)),
                   MarkData(reason="gone", part=Part.kpi("no-such-kpi"), text="消えたKPI"),
                   MarkData(reason="broken", part=CONTENT, start=5, end=10_000, text="古い文")]
    settle_marks(sheet)
    span, whole, gone, broken = sheet.marks
    assert span.text == sheet.text("content")[:4] and not span.unplaced
    assert whole.text == kpi.indicator
    assert gone.unplaced and gone.text == "消えたKPI"
    assert broken.unplaced and broken.text == "古い文"


def test_changed_region_finds_the_common_ends_of_any_two_texts():
    def by_hand(old: str, new: str) -> tuple[int, int, int]:
        limit = min(len(old), len(new))
        start = 0
        while start < limit and old[start] == new[start]:
            start += 1
        suffix = 0
        while suffix < limit - start and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        return start, len(old) - suffix, len(new) - suffix

    rng = random.Random(5)
    for _ in range(3000):
        old = "".join(rng.choice("ab施策") for _ in range(rng.randint(0, 10)))
        typed = "".join(rng.choice("ab施") for _ in range(rng.randint(0, 4)))
        cut = sorted(rng.randint(0, len(old)) for _ in range(2))
        for new in (old[:cut[0]] + typed + old[cut[1]:], typed, old + old):
            assert changed_region(old, new) == by_hand(old, new), (old, new)
