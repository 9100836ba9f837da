"""The catalog of shipped seed documents (seeds/catalog.toml).

The seeds are plain text files; what a citation needs besides the text (the
document's title, issuer and date as written) lives in one small data file
beside them, so a new seed is a file and a catalog entry, not a code change.
A broken catalog must stop start-up with a message staff can pass on, not a
traceback, because the library cannot be indexed without it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from desktop.paths import seeds_dir

CATALOG_NAME = "catalog.toml"
_ISSUED_RE = re.compile(r"^(?:\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?)?$")
_REQUIRED = ("file", "title")
_TEXT_FIELDS = ("file", "title", "issuer", "date", "issued", "note")


class CatalogError(ValueError):
    """The catalog cannot be used; the message is for staff (Japanese)."""


@dataclass(frozen=True)
class CatalogEntry:
    file_name: str
    title: str
    issuer: str = ""     # "" when the document does not state it
    date: str = ""       # as written, e.g. 令和7年11月
    issued: str = ""     # YYYY, YYYY-MM or YYYY-MM-DD; "" when not stated
    note: str = ""
    folder: Path | None = None

    @property
    def path(self) -> Path:
        return (self.folder or seeds_dir()) / self.file_name


def _fail(path: Path, reason: str) -> CatalogError:
    return CatalogError(f"資料カタログ「{path}」を読み込めません: {reason}")


def load_catalog(folder: Path | None = None, *, check_files: bool = True) -> list[CatalogEntry]:
    """The seed documents listed in ``folder``/catalog.toml (default: the shipped seeds)."""
    folder = Path(folder) if folder is not None else seeds_dir()
    path = folder / CATALOG_NAME
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise _fail(path, "ファイルがありません。") from None
    except tomllib.TOMLDecodeError as exc:
        raise _fail(path, f"書式が正しくありません（{exc}）。") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, f"読み取れません（{exc}）。") from None

    documents = data.get("document")
    if not isinstance(documents, list) or not documents:
        raise _fail(path, "[[document]] の記載がありません。")
    entries: list[CatalogEntry] = []
    seen: set[str] = set()
    for number, item in enumerate(documents, start=1):
        where = f"{number}件目の [[document]]"
        if not isinstance(item, dict):
            raise _fail(path, f"{where} が表になっていません。")
        for key in _TEXT_FIELDS:
            if key in item and not isinstance(item[key], str):
                raise _fail(path, f"{where} の {key} は文字列で記載してください。")
        missing = [key for key in _REQUIRED if not str(item.get(key, "")).strip()]
        if missing:
            raise _fail(path, f"{where} に {'、'.join(missing)} がありません。")
        name = item["file"].strip()
        if "/" in name or "\\" in name or name in (".", ".."):
            raise _fail(path, f"{where} の file「{name}」はファイル名だけを記載してください。")
        if name in seen:
            raise _fail(path, f"「{name}」が2回記載されています。")
        seen.add(name)
        issued = item.get("issued", "").strip()
        if not _ISSUED_RE.match(issued):
            raise _fail(path, f"「{name}」の issued「{issued}」は YYYY、YYYY-MM、YYYY-MM-DD のいずれかで記載してください。")
        if check_files and not (folder / name).is_file():
            raise _fail(path, f"記載された資料ファイル「{name}」が {folder} にありません。")
        entries.append(CatalogEntry(
            file_name=name,
            title=item["title"].strip(),
            issuer=item.get("issuer", "").strip(),
            date=item.get("date", "").strip(),
            issued=issued,
            note=item.get("note", "").strip(),
            folder=folder,
        ))
    return entries


def find_entry(file_name: str, folder: Path | None = None) -> CatalogEntry | None:
    """The catalog entry of one seed file, or None for a user's own document."""
    return next((e for e in load_catalog(folder, check_files=False) if e.file_name == file_name), None)
