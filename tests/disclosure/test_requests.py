"""Reading requests to withhold written in words in 公開範囲に関する希望."""

import pytest

from desktop.disclosure.requests import field_labels, requests

LABELS = field_labels([("施策名", "title"), ("施策内容", "content"), ("当年度の実績", "results")])


@pytest.mark.parametrize("text, passages, fields", [
    ("「『GPAI日本センター』の部分は非公開を希望します」", ("GPAI日本センター",), ()),
    ("施策内容のうち\"A社\"は公表しないでください。", ("A社",), ()),
    ("“B社との協議”は伏せてください", ("B社との協議",), ()),
    ("「施策内容」の『Ω社』は公表を差し控えたい。", ("Ω社",), ("content",)),
    ("当年度の実績は非公開を希望。", (), ("results",)),
    ("予算額は公表を控えたい。", (), ()),
])
def test_a_request_names_its_passages_or_fields(text, passages, fields):
    [request] = requests(text, LABELS)
    assert (request.passages, request.fields) == (passages, fields)


@pytest.mark.parametrize("text", ["非公開とする内容はありません。", "特になし", "非公開の希望：なし",
                                  "すべて公開して問題ない。", "公開可。", "公表済みの資料に基づく。", ""])
def test_saying_nothing_is_withheld_is_not_a_request(text):
    assert requests(text, LABELS) == []


def test_each_sentence_is_read_on_its_own():
    found = requests("公開して差し支えない部分が多い。ただし「C社」は非公開とされたい。", LABELS)
    assert [r.passages for r in found] == [("C社",)]
