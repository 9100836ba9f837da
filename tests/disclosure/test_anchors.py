"""Span marks follow their passage through edits of the text around them."""

import pytest

from desktop.disclosure.anchors import follow_edit
from desktop.survey.sheet import MarkData

TEXT = "前文。秘密の部分。後文。"
START = TEXT.index("秘密")
END = START + len("秘密の部分")


def spans(marks):
    return [(m.start, m.end) for m in marks]


def marked(text, marks):
    return [text[m.start:m.end] for m in marks]


@pytest.mark.parametrize("new, kept", [
    ("追加した前文。秘密の部分。後文。", "秘密の部分"),          # typed before: moves
    ("文。秘密の部分。後文。", "秘密の部分"),                    # deleted before: moves back
    ("前文。秘密の部分。後文に追加。", "秘密の部分"),            # after: stays
    ("前文。秘密の重要な部分。後文。", "秘密の重要な部分"),      # inside: grows
    ("前文。の部分。後文。", "の部分"),                          # its start deleted: trimmed
    ("前文。秘密の。後文。", "秘密の"),                          # its end replaced: trimmed
    ("前文。秘密の部分追記。後文。", "秘密の部分"),              # typed right after it: not part of it
])
def test_span_follows_its_text(new, kept):
    mark = MarkData(reason="r", field_key="content", start=START, end=END)
    result = follow_edit([mark], "content", TEXT, new)
    assert marked(new, result) == [kept]


def test_deleting_the_marked_text_removes_the_mark_and_leaves_others():
    whole = MarkData(reason="r", field_key="content")
    other = MarkData(reason="r", field_key="background", start=0, end=2)
    mark = MarkData(reason="r", field_key="content", start=START, end=END)
    new = TEXT[:START] + TEXT[END:]
    result = follow_edit([whole, mark, other], "content", TEXT, new)
    assert result == [whole, other] and result[0] is whole


def test_unchanged_marks_are_the_same_objects():
    mark = MarkData(reason="r", field_key="content", start=START, end=END, id=5)
    result = follow_edit([mark], "content", TEXT, TEXT + "末尾")
    assert result[0] is mark
    moved = follow_edit([mark], "content", TEXT, "冒頭" + TEXT)[0]
    assert moved.id == 5 and spans([moved]) == [(START + 2, END + 2)]
