from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.reports.textsafe import (
    REPLACEMENT,
    csv_guard,
    excel_escape,
    excel_length,
    excel_unescape,
    has_illegal,
    looks_like_formula,
    printable,
)

ANY_CHAR = st.characters(codec=None, exclude_categories=())


def test_printable_replaces_one_for_one_and_keeps_the_rest():
    text = "前\x00後\x0b改\x0c頁\ufffe\uffff\ud800終\t\n\r"
    out = printable(text)
    assert len(out) == len(text)
    assert out == f"前{REPLACEMENT}後\n改\n頁{REPLACEMENT}{REPLACEMENT}{REPLACEMENT}終\t\n\r"
    assert not has_illegal(out)


def test_printable_leaves_clean_text_alone():
    text = "施策内容😀\tタブ\n改行"
    assert printable(text) is text


@settings(max_examples=200)
@given(st.text(ANY_CHAR))
def test_excel_escape_is_lossless_and_xml_safe(text):
    escaped = excel_escape(text)
    assert not has_illegal(escaped)
    assert "\r" not in escaped
    assert excel_unescape(escaped) == text


def test_literal_escape_sequences_typed_by_people_survive():
    assert excel_unescape(excel_escape("_x0041_ と _x000D_")) == "_x0041_ と _x000D_"
    assert excel_unescape("_x0041_") == "A"   # what Excel itself means by it


def test_excel_counts_utf16_units():
    assert excel_length("あ😀") == 3


def test_formula_guard():
    for text in ("=SUM(A1)", "+1", "-2+3", "@cmd", "\tx"):
        assert looks_like_formula(text)
        assert csv_guard(text) == "'" + text
    assert csv_guard("-") == "-"
    assert csv_guard("通常の文") == "通常の文"
