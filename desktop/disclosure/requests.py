"""Requests to withhold, written in words in the 公開範囲に関する希望 field (「『〇〇』の部分は非公開を希望します」).

A ministry often says what it wants withheld in that free-text field
instead of marking the passage. Such a request must never be silently
ignored: the import finds each sentence that asks for something to be
withheld (非公開, 公表しない, 伏せて, 黒塗り …) and the passages it quotes
(「」『』"" “” ‘’), or the fields it names, so that the sheet can be flagged
for a person to mark them. Reading is deliberately generous: a sentence
that asks to withhold something but quotes nothing is a request too (the
person decides what it means); only sentences that say there is nothing to
withhold (「非公開とする内容はありません」「特になし」) are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_ASKS = re.compile(r"非公開|非公表|(?:公表|公開|開示|掲載|公に)(?:しない|せず|しな|を控|は控|を差し?控|は差し?控|を見合わ|不可)|"
                   r"伏せ|ふせて|黒塗り|マスキング|秘匿|部外秘|取扱注意")
_NOTHING = re.compile(r"(?:ありません|ございません|なし|無し|特にない|はない|該当しない|不要)(?:。|$|\s)")
_QUOTES = re.compile(r"「([^「」]+)」|『([^『』]+)』|\"([^\"]+)\"|“([^“”]+)”|‘([^‘’]+)’")
_SENTENCE = re.compile(r"[^。\n！？!?]+[。！？!?]?")


@dataclass(frozen=True)
class Request:
    sentence: str                    # the sentence of the request, as written
    passages: tuple[str, ...]        # quoted passages to withhold (not field names)
    fields: tuple[str, ...]          # keys of fields the sentence names (「施策内容」は非公開)


def _quoted(sentence: str) -> list[str]:
    """Quoted strings, innermost first where quotes nest (「『〇〇』の部分」 → 〇〇)."""
    out: list[str] = []
    for m in _QUOTES.finditer(sentence):
        text = next(g for g in m.groups() if g is not None)
        inner = _quoted(text)
        out.extend(inner if inner else [text])
    return out


def requests(text: str, labels: dict[str, str]) -> list[Request]:
    """The requests to withhold in ``text``; ``labels`` maps field labels to their keys."""
    out = []
    for m in _SENTENCE.finditer(text or ""):
        sentence = m.group(0).strip()
        if not sentence or not _ASKS.search(sentence):
            continue
        quoted = [q.strip() for q in _quoted(sentence) if q.strip()]
        fields = [labels[q] for q in quoted if q in labels]
        passages = [q for q in quoted if q not in labels]
        if not passages and not fields:
            fields = [key for label, key in labels.items() if label in sentence]
            if not fields and _NOTHING.search(sentence):
                continue         # 「非公開とする内容はありません」
        out.append(Request(sentence, tuple(dict.fromkeys(passages)), tuple(dict.fromkeys(fields))))
    return out


def field_labels(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """label → key for the fields a request may name (longest labels first, so 「施策名」 is not 「施策」)."""
    return dict(sorted(((label, key) for label, key in pairs), key=lambda p: -len(p[0])))


__all__ = ["Request", "field_labels", "requests"]
