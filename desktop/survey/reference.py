"""The 出典 line of a citation, in the style of government papers.

出典：知的財産戦略推進事務局「「知的財産推進計画2026」の検討に向けた論点について」（令和7年11月）
「今年度の取組③：戦略のモニタリング・フォローアップの実施」
"""

from __future__ import annotations

LOCATOR_SEPARATOR = " > "


def format_locator(heading_path: str, page: int | None = None) -> str:
    """The nearest heading (the most specific one) and the page, as a short locator."""
    parts = [p for p in heading_path.split(LOCATOR_SEPARATOR) if p.strip()] if heading_path else []
    text = f"「{parts[-1].strip()}」" if parts else ""
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
