"""A sheet in the form that travels between databases: no database ids, citations naming their passage.

A ministry's database and the secretariat's number their rows differently,
so the submission and return files (desktop/app/exchange.py) carry a sheet
without ids, versions or times of the database it came from; a citation's
passage is named by its source document (file name, content hash, title) and
the passage's key, as the reference library knows them. Two portable forms
are equal exactly when the sheets hold the same content, so the same form is
what an import compares (new, changed, both sides changed) and what it keeps
as the merge base of the next file.

The register of withheld text (``SheetData.withheld``) is not content: it
travels beside the sheet, and an import only ever adds to it.
"""

from __future__ import annotations

import json
from copy import deepcopy
from dataclasses import dataclass

from desktop.survey.sheet import SheetData
from desktop.survey.sheet_codec import SheetCodecError, sheet_from_data, sheet_to_data


@dataclass(frozen=True)
class PassageRef:
    """Which passage a citation quotes, in words every database's library can look up."""

    file_name: str
    content_hash: str
    title: str
    passage_key: str

    def to_json(self) -> dict:
        return {"file_name": self.file_name, "content_hash": self.content_hash, "title": self.title,
                "passage": self.passage_key}

    @classmethod
    def from_json(cls, data: dict) -> "PassageRef":
        try:
            return cls(str(data["file_name"]), str(data["content_hash"]), str(data["title"]), str(data["passage"]))
        except (KeyError, TypeError) as exc:
            raise SheetCodecError(f"unreadable passage reference {data!r}") from exc


def _mark_order(mark) -> tuple:
    return (str(mark.part), -1 if mark.start is None else mark.start, -1 if mark.end is None else mark.end,
            mark.text, mark.reason, mark.unplaced, mark.created_by)


def clean(sheet: SheetData) -> SheetData:
    """A copy without what only one database knows (ids, versions, times, passage ids, pending notes)."""
    out = deepcopy(sheet)
    out.id, out.version, out.created_at, out.updated_at, out.predecessor_id = None, 0, None, None, None
    out.status_note, out.releases, out.withheld = None, [], []
    out.fields = {k: v for k, v in sorted(out.fields.items()) if v}
    for item in out.items:
        item.id = None
        for kpi in item.kpis:
            kpi.id = None
            kpi.actuals = dict(sorted(kpi.actuals.items()))
    for c in out.citations:
        c.id, c.passage_id, c.document_title, c.reference = None, None, "", ""
    for m in out.marks:
        m.id, m.created_at = None, None
    out.marks.sort(key=_mark_order)
    return out


def to_portable(sheet: SheetData, refs: dict[str, PassageRef]) -> dict:
    """The sheet's content as JSON-ready data; ``refs`` names the passage of each citation (by citation key)."""
    return {"sheet": sheet_to_data(clean(sheet)),
            "sources": {c.key: refs[c.key].to_json() for c in sheet.citations if c.key in refs}}


def from_portable(data: dict) -> tuple[SheetData, dict[str, PassageRef]]:
    """The sheet (without ids: the receiving database gives them) and its citations' passages; strict."""
    if not isinstance(data, dict) or "sheet" not in data or not isinstance(data.get("sources", {}), dict):
        raise SheetCodecError("not a portable sheet")
    sheet = sheet_from_data(data["sheet"])
    refs = {str(k): PassageRef.from_json(v) for k, v in data.get("sources", {}).items()}
    return sheet, refs


def canonical(data: dict) -> str:
    """One text per content: equal texts, equal sheets."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


__all__ = ["PassageRef", "canonical", "clean", "from_portable", "to_portable"]
