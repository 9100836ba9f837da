"""The 出典 line of a citation, in the style of government papers.

出典：知的財産戦略推進事務局「「知的財産推進計画2026」の検討に向けた論点について」（令和7年11月）
「今年度の取組③：戦略のモニタリング・フォローアップの実施」
"""

from __future__ import annotations

LOCATOR_SEPARATOR = " > "


def _parts(heading_path: str) -> list[str]:
    return [p.strip() for p in heading_path.split(LOCATOR_SEPARATOR) if p.strip()] if heading_path else []


def format_locator(heading_path: str, page: int | None = None, document_paths=()) -> str:
    """The section a passage is in, named so that it cannot be another, and its page.

    The nearest heading names the section (「今年度の取組③：…」); where the
    document has that heading under other parents too (「今後の方向性」 closes
    five sections), the headings above it are added until only this section
    fits: 「④体制・構造上の課題（海賊版対策）」の「今後の方向性」. ``document_paths``
    are the heading paths of the document's passages.
    """
    parts = _parts(heading_path)
    others = [o for o in (_parts(p) for p in set(document_paths)) if o != parts]
    depth = 1
    while depth < len(parts) and any(o[-depth:] == parts[-depth:] for o in others):
        depth += 1
    text = "の".join(f"「{p}」" for p in parts[-depth:]) if parts else ""
    if page is not None:
        text += f"{page}ページ" if not text else f"（{page}ページ）"
    return text


def format_reference(title: str, issuer: str = "", issued: str = "", locator: str = "") -> str:
    quoted = title if title.startswith("「") and title.endswith("」") else f"「{title}」"
    issuer_part = issuer.strip()
    if issuer_part.startswith("not stated") or issuer_part == "":
        issuer_part = ""
    date_part = f"（{issued}）" if issued and not issued.startswith("not stated") else ""
    return f"出典：{issuer_part}{quoted}{date_part}{locator}"
