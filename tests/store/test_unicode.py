"""Any text a person can type survives the database unchanged, on SQLite and on PostgreSQL.

Surrogate pairs (emoji, rare kanji of the supplementary planes), combining
marks, variation selectors, right-to-left text, zero-width characters: what
is saved is what is read back, and search still finds the words around them.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.store.repository import SheetFilter
from tests.factories import complete_sheet

# What a keyboard, an IME or a paste can produce: any code point except lone
# surrogates (not text) and NUL (no way to type it; see test_nul_is_refused_alike).
TYPED = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200)

SAMPLES = [
    "𠮷野家の𩸽（ほっけ）",                 # supplementary-plane kanji: surrogate pairs in UTF-16
    "が が",                                  # precomposed and combining dakuten
    "葛󠄀城市",                                # ideographic variation selector
    "العربية עברית mixed ‮RTL‬",               # right-to-left text and bidi controls
    "ゼロ\u200b幅\u200d結合\ufeff",           # zero-width space, joiner, BOM
    "👩‍👩‍👧‍👦 🇯🇵 1️⃣",                         # emoji sequences
    "tab\tnew\nline\r\nend",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_hard_text_round_trips_and_stays_searchable(repo, survey, text):
    sheet = complete_sheet(survey, bureau=text[:200])
    sheet.fields["content"] = f"海賊版{text}対策"
    saved = repo.get_sheet(repo.create_sheet(sheet).id)
    assert saved.fields["content"] == f"海賊版{text}対策" and saved.bureau == text[:200]
    assert repo.count_sheets(SheetFilter(text="海賊版")) == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=TYPED)
def test_any_typed_text_round_trips(repo, survey, value):
    sheet = complete_sheet(survey, person=value[:200])
    sheet.fields["background"] = value
    saved = repo.get_sheet(repo.create_sheet(sheet).id)
    assert saved.fields.get("background", "") == value and saved.person == value[:200]


def test_nul_is_refused_alike(repo, survey):
    """PostgreSQL cannot store U+0000; SQLite could, but is not given it either: same sheets on both."""
    from desktop.store.repository import InvalidCharacter

    sheet = complete_sheet(survey)
    sheet.fields["content"] = "貼り付け\x00た文字"
    with pytest.raises(InvalidCharacter, match="U\\+0000"):
        repo.create_sheet(sheet)
    assert repo.count_sheets() == 0
