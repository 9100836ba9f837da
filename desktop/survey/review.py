"""The secretariat's review cycle as the survey definition names it ([review] table).

Who may move a sheet from which status to which (a ministry submits; the
secretariat accepts or returns), whether the move needs a reason, which
status the public report publishes, and the evaluation scale the secretariat
records per sheet. The rules are data so the next survey can change them
without code; :func:`check_move` is the one check the editor, the CLI and
the store share.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.survey.sheet import STATUS_TRANSITIONS, Status

MINISTRY = "ministry"
SECRETARIAT = "secretariat"
DEFAULT_ROLE_LABELS = ((MINISTRY, "府省庁"), (SECRETARIAT, "事務局"))


@dataclass(frozen=True)
class Transition:
    source: Status
    target: Status
    roles: tuple[str, ...]
    reason_required: bool = False


@dataclass(frozen=True)
class ReviewCycle:
    transitions: tuple[Transition, ...]
    published_status: Status = Status.ACCEPTED
    returned_status: Status = Status.RETURNED
    role_labels: tuple[tuple[str, str], ...] = DEFAULT_ROLE_LABELS
    evaluation_label: str = "評価"
    evaluation_scale: tuple[str, ...] = ()
    evaluation_comment_label: str = "評価コメント"
    # Statuses whose content is frozen (提出済, 確定): what the secretariat reviews or published is what it
    # saw; to change it, the sheet is moved out first (差戻し). Status moves and comments stay possible.
    locked: tuple[Status, ...] = ()

    def is_locked(self, status: Status) -> bool:
        return status in self.locked

    def locked_message(self, status: Status) -> str:
        """Why a sheet in ``status`` cannot be edited, and what to do, for people."""
        way = "・".join(f"「{t.target.label}」" for t in self.transitions
                       if t.source is status and not self.is_locked(t.target))
        return (f"この施策シートは「{status.label}」のため、内容を変更できません。"
                + (f"変更するには、状態を{way}にしてください（{self._who(status)}）。" if way else ""))

    def _who(self, status: Status) -> str:
        roles = dict.fromkeys(r for t in self.transitions if t.source is status and not self.is_locked(t.target)
                              for r in t.roles)
        return "・".join(self.role_label(r) for r in roles) + "が行います"

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(code for code, _ in self.role_labels)

    def role_label(self, role: str) -> str:
        return dict(self.role_labels).get(role, role)

    def transition(self, source: Status, target: Status) -> Transition | None:
        return next((t for t in self.transitions if t.source is source and t.target is target), None)

    def targets(self, source: Status, role: str | None = None) -> tuple[Status, ...]:
        """The statuses a sheet in ``source`` may move to (as ``role``; any role when None)."""
        return tuple(dict.fromkeys(t.target for t in self.transitions
                                   if t.source is source and (role is None or role in t.roles)))

    def statuses(self) -> tuple[Status, ...]:
        """Every status the cycle uses, in the order of the Status enum."""
        used = {t.source for t in self.transitions} | {t.target for t in self.transitions} | {Status.DRAFT}
        return tuple(s for s in Status if s in used)


class MoveRefused(ValueError):
    """A status change the review cycle does not allow; the message is for people."""


class ContentLocked(ValueError):
    """A change of a sheet's content while its status freezes it (ReviewCycle.locked); the message is for people."""


def check_move(cycle: ReviewCycle, source: Status, target: Status, role: str, reason: str = "") -> Transition:
    """The transition from ``source`` to ``target`` for ``role``; MoveRefused says why not."""
    t = cycle.transition(source, target)
    if t is None:
        raise MoveRefused(f"「{source.label}」から「{target.label}」には変更できません。")
    if role not in t.roles:
        who = "・".join(cycle.role_label(r) for r in t.roles)
        raise MoveRefused(f"「{source.label}」から「{target.label}」への変更は{who}が行います"
                          f"（現在の立場: {cycle.role_label(role) or '未設定'}）。")
    if t.reason_required and not reason.strip():
        raise MoveRefused(f"「{target.label}」にするには理由を入力してください。")
    return t


def default_cycle() -> ReviewCycle:
    """The cycle of a definition without [review]: the old moves, any role, no reason required."""
    everyone = (MINISTRY, SECRETARIAT)
    return ReviewCycle(tuple(Transition(s, t, everyone) for s, targets in STATUS_TRANSITIONS.items()
                             for t in targets))
