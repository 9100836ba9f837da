"""The leak check folds every unit of a file with form_of (a translation table); it must read exactly as
mapped(), the reference, whatever the text: dashes, widths, ignorable and combining characters, separators."""

import random

from desktop.disclosure.reader_form import form_of, mapped

ALPHABET = list("施策の概要をカタカナ1234567890,，、٬.ーｰ-–〜～ＡＢａｂAbcаеΑ ㍻①⑽ｳﾞか゛")
ALPHABET += ["\u200b", "\ufeff", "\u00ad", "\ufe0f", "\u3099", "\u0301", "\t", "\n", "\u3000", "\ufdd0",
             "\ufdd3", "\ue000", "\x01", "\ufe50", "\U000e0100", "\u2028"]


def test_form_of_reads_as_mapped_on_random_texts():
    rng = random.Random(22)
    for _ in range(30000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 14)))
        assert form_of(text) == mapped(text)[0], repr(text)


def test_separators_between_digits_and_elsewhere():
    for text in ("6,000", "6，000円", "1,2,3", "1,,2", "1、2", "施策、1", "1,", ",1", "1﹐000", "1,\u200b000"):
        assert form_of(text) == mapped(text)[0], text
    assert form_of("6,000") == "6000"
