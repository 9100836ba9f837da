"""Who the open database says this person is, and what that lets them do.

On PostgreSQL the server decides (migration 0009b: row-level security by the
role map ``sesaku_role_map``); the program only reads the decision, so it can
show it — a read-only sheet with the reason, actions that are switched off,
the review role that cannot be chosen — instead of letting people type what
the server will refuse. A SQLite file is one person's: everything is allowed
there, as is everything for the tables' owner on a server (the role that
creates and migrates them, as used before roles per ministry existed).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from desktop.survey.review import MINISTRY

LOCAL = "local"              # a SQLite file
OWNER = "owner"              # the tables' owner on a server: not subject to the policies
STAFF = "staff"              # staff of one ministry
SECRETARIAT = "secretariat"  # the secretariat: reads all, moves sheets through review
ADMIN = "admin"              # maintains the role map; no sheet content
UNMAPPED = "unmapped"        # a role the map does not know: the server shows it nothing

KINDS = (STAFF, SECRETARIAT, ADMIN)
KIND_LABELS = {STAFF: "府省庁の職員", SECRETARIAT: "事務局", ADMIN: "管理者"}


class AccessRefused(ValueError):
    """An action the person's database role may not take; the message (Japanese) says why."""


@dataclass(frozen=True)
class Access:
    kind: str = LOCAL
    role_name: str = ""
    ministry: str = ""

    @property
    def restricted(self) -> bool:
        """The server limits what this role sees and does."""
        return self.kind not in (LOCAL, OWNER)

    @property
    def review_role(self) -> str | None:
        """The review role the server gives (None: the person chooses it, as on a SQLite file)."""
        # the review's code of the secretariat (desktop.survey.review.SECRETARIAT) is the same word
        return {STAFF: MINISTRY, SECRETARIAT: SECRETARIAT}.get(self.kind)

    @property
    def may_create(self) -> bool:
        return self.kind in (LOCAL, OWNER, STAFF)

    def edit_refusal(self, ministry: str) -> str | None:
        """Why the content of a sheet of ``ministry`` cannot be changed by this role (None: it can)."""
        if not self.restricted:
            return None
        if self.kind == STAFF:
            if ministry == self.ministry:
                return None
            return (f"このシートは{ministry or '府省庁が未設定'}のシートです。"
                    f"あなたのロール（{self.role_name}）は{self.ministry}のシートだけを編集できます。")
        if self.kind == SECRETARIAT:
            return ("事務局のロールでは施策シートの内容は編集できません（状態の変更・コメント・評価は行えます）。"
                    "内容の修正は担当府省庁に依頼してください（差戻し）。")
        return self.note() or ""

    def create_refusal(self, ministry: str) -> str | None:
        """Why a new sheet of ``ministry`` cannot be made by this role (None: it can)."""
        if not self.restricted:
            return None
        if self.kind == STAFF:
            return None if ministry == self.ministry else (
                f"あなたのロール（{self.role_name}）が作成できるのは{self.ministry}のシートだけです"
                f"（指定された府省庁: {ministry or '未設定'}）。")
        return f"{self.describe()}のロールでは施策シートを作成できません。"

    def save_refusal(self, ministry: str, *, new: bool) -> str | None:
        """Why saving a sheet of ``ministry`` would be refused by the server (None: it would not be).

        Staff: only their ministry's sheets. The secretariat saves existing
        sheets only to move them (the server lets it write the status and
        nothing else of a sheet), so that is left to the server to judge.
        """
        if new:
            return self.create_refusal(ministry)
        return self.edit_refusal(ministry) if self.kind in (STAFF, ADMIN, UNMAPPED) else None

    def describe(self) -> str:
        """Who the server says this is, for the window and the command line."""
        if self.kind == STAFF:
            return f"{self.ministry}の職員（{self.role_name}）"
        if self.kind in (SECRETARIAT, ADMIN):
            return f"{KIND_LABELS[self.kind]}（{self.role_name}）"
        if self.kind == UNMAPPED:
            return f"未登録のロール（{self.role_name}）"
        return ""

    def note(self) -> str | None:
        """What the person must know at once (Japanese), or None."""
        if self.kind == UNMAPPED:
            return (f"データベースのロール「{self.role_name}」は府省庁・役割に割り当てられていないため、"
                    "施策シートは表示されません。管理者に割り当て（sesaku-desk server grant）を依頼してください。")
        if self.kind == ADMIN:
            return (f"ロール「{self.role_name}」は管理者（割り当ての管理）です。施策シートは表示されません。"
                    "シートを扱うには府省庁または事務局のロールで接続してください。")
        return None


EVERYTHING = Access()


def read_access(conn: Connection) -> Access:
    """The access of the connection's role: LOCAL on SQLite, else what the server's role map says."""
    if conn.dialect.name != "postgresql":
        return EVERYTHING
    row = conn.execute(text(
        "SELECT current_user, pg_has_role(current_user, c.relowner, 'USAGE'), to_regclass('sesaku_role_map') "
        "FROM pg_class c WHERE c.oid = to_regclass('sheets')")).first()
    if row is None:
        return EVERYTHING
    user, owner, mapped = row
    if owner or mapped is None:
        return Access(OWNER, user)
    found = conn.execute(text("SELECT role, ministry FROM sesaku_role_map WHERE role_name = current_user")).first()
    if found is None or found[0] not in KINDS:
        return Access(UNMAPPED, user)
    return Access(found[0], user, found[1] if found[0] == STAFF else "")
