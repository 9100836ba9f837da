"""How the survey form shows 非公開 marks, both ways: markers in the cell text and the 非公開 column.

A form forwarded to someone else must say what is withheld, and what comes
back must keep saying it. The convention (explained to people on the
form's 記入要領 sheet, :data:`GUIDE_LINES`):

* a marked passage of a text cell reads 【非公開】…【/非公開】 (a whole-field
  mark wraps the whole text); the cell has a fill and a note with the
  reason; the sheets' titles and page headers say 内部資料;
* a marked KPI value, 実施項目 name or 今後の検討予定 is its cell's whole text
  wrapped in the same markers (those marks cover the whole value);
* a whole KPI or 実施項目 is named in the KPI sheet's 非公開 column
  (:data:`WHOLE_KPI`, :data:`WHOLE_ITEM`).

On import the markers are taken out of the text and become marks at the
offsets of the text without them. Unbalanced or nested markers are an
error naming the cell (nothing is imported). Taking markers away in Excel
does not release a mark: only a person does that, in the app.
"""

from __future__ import annotations

from desktop.reports.model import NONPUBLIC_END, NONPUBLIC_START

START, END = NONPUBLIC_START, NONPUBLIC_END
LABEL_NONPUBLIC = "非公開"
WHOLE_KPI = "KPI全体"
WHOLE_ITEM = "実施項目全体"
# What a person may type in the 非公開 column besides the two choices: all mean "this row is withheld".
_YES = {WHOLE_KPI, WHOLE_ITEM, LABEL_NONPUBLIC, "○", "〇", "◯", "●", "✓", "✔", "はい", "1", "KPI", "実施項目"}
INTERNAL = "内部資料"
INTERNAL_TITLE = f"【{INTERNAL}】"
INTERNAL_NOTE = (f"{INTERNAL}：非公開の箇所を含みます。{START}〜{END} で囲まれた部分と、網掛けのセル、"
                 f"KPI シートの「{LABEL_NONPUBLIC}」列の行は公表しないでください。")
REASON_FORM = "調査票で非公開と指定"
GUIDE_SHEET = "記入要領"

GUIDE_LINES = (
    "非公開の箇所の示し方（この調査票の約束）",
    f"・公表しない部分は、セルの文章の中で {START} と {END} で囲んでください。例：公開する文。{START}調整中の内容{END}",
    f"・{START} と {END} は必ず対にしてください。入れ子（{START}の中の{START}）や片方だけの印は取り込めません"
    "（取り込み時にセルの位置を示してエラーになります）。",
    "・施策デスクで非公開に指定済みの箇所は、この印で囲まれ、セルに網掛けとメモ（理由）が付いています。",
    f"・KPI・実施項目全体を公表しない場合は、KPI シートの「{LABEL_NONPUBLIC}」列で「{WHOLE_KPI}」"
    f"または「{WHOLE_ITEM}」を選択してください。",
    f"・KPI の値（指標・単位・基準値・目標値・実績・出典）や実施項目の名称を公表しない場合は、そのセルの値全体を"
    f" {START}〜{END} で囲んでください（値の一部だけを非公開にはできません。一部を囲んだ場合は値全体が非公開になります）。",
    "・印を消しても非公開は解除されません。解除は施策デスクの編集画面（「非公開を解除」）で行います。",
    "・非公開の箇所を別の欄へ移した場合も、その文は非公開のまま扱われます。",
    "・「公開範囲に関する希望」欄に「『〇〇』の部分は非公開を希望します」のように書かれた希望は、取り込み時に"
    "警告となり、担当者が非公開の指定を確認するまで公開版は作成されません。",
    f"・非公開の箇所を含む調査票は{INTERNAL}です。転送する場合は取扱いに注意してください。",
)


class MarkerError(ValueError):
    """Markers that cannot be read as marks; the message is for a person (Japanese)."""


def wrap(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span (sorted, not overlapping) between the markers."""
    out, at = [], 0
    for a, b in spans:
        if b <= a or a < at:
            continue
        out += [text[at:a], START, text[a:b], END]
        at = b
    out.append(text[at:])
    return "".join(out)


def has_markers(text: str) -> bool:
    return START in text or END in text


def unwrap(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without markers, and the spans (offsets of that text) they enclosed.

    MarkerError for a marker without its partner or a marker inside a
    marked passage: what was meant cannot be known, so nothing is guessed.
    """
    if not has_markers(text):
        return text, []
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length, at, opened = 0, 0, None
    while at < len(text):
        s, e = text.find(START, at), text.find(END, at)
        nxt = min((p for p in (s, e) if p >= 0), default=-1)
        if nxt < 0:
            out.append(text[at:])
            length += len(text) - at
            break
        out.append(text[at:nxt])
        length += nxt - at
        if nxt == s:
            if opened is not None:
                raise MarkerError(f"{START}の中にもう一つ{START}があります（入れ子の印は使えません）。"
                                  f"{START}と{END}を対にしてください。")
            opened = length
            at = nxt + len(START)
        else:
            if opened is None:
                raise MarkerError(f"{START}のない{END}があります。{START}と{END}を対にしてください。")
            if length > opened:
                spans.append((opened, length))
            opened = None
            at = nxt + len(END)
    if opened is not None:
        raise MarkerError(f"{START}に対応する{END}がありません。{START}と{END}を対にしてください。")
    return "".join(out), spans


def row_flag(text: str) -> bool | None:
    """Whether the 非公開 column's text says the row is withheld; None for a value that is not understood."""
    value = "".join(text.split())
    if not value:
        return False
    return True if value in _YES else None


__all__ = ["END", "GUIDE_LINES", "GUIDE_SHEET", "INTERNAL", "INTERNAL_NOTE", "INTERNAL_TITLE", "LABEL_NONPUBLIC",
           "MarkerError", "REASON_FORM", "START", "WHOLE_ITEM", "WHOLE_KPI", "has_markers", "row_flag", "unwrap",
           "wrap"]
