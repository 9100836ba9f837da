"""The mouse wheel scrolls the form; it changes a drop-down or a spin box only when that has focus.

Scrolling the long editor with the pointer passing over a 施策分類 or a
目標年度 drop-down used to change the value (and the autosave stored it at
once). The fix is the usual one, applied to every value widget the
application ever shows, including ones added later: the focus policy
becomes StrongFocus (a wheel no longer gives focus), and a wheel over such a
widget without focus is handed to the enclosing scroll area, which scrolls.

It is installed once, application-wide, as a proxy style: Qt polishes every
widget once before it is first shown (also under a style sheet, whose style
polishes with the application's style first), so Python runs once per
widget, not once per event as an application event filter would.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QProxyStyle,
    QScrollBar,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)   # widgets whose value a wheel changes
GUARD_PROPERTY = "sesakuWheelGuard"


def is_guarded_kind(widget: QObject) -> bool:
    return isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar)


def _has_focus(widget: QWidget) -> bool:
    focused = QApplication.focusWidget()
    return focused is not None and (focused is widget or widget.isAncestorOf(focused))


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """The event filter on each guarded widget: without focus, the wheel goes to the scroll area."""

    def guard(self, widget: QWidget) -> None:
        if widget.property(GUARD_PROPERTY):
            return
        widget.setProperty(GUARD_PROPERTY, True)
        if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.Wheel or not isinstance(obj, QWidget) or _has_focus(obj):
            return False
        area = _scroll_area_of(obj)
        if area is None:
            event.ignore()   # nothing to scroll: a spontaneous wheel goes on to the parents, unchanged
            return True
        viewport = area.viewport()
        position = QPointF(viewport.mapFromGlobal(obj.mapToGlobal(event.position().toPoint())))
        forwarded = QWheelEvent(position, event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                                event.buttons(), event.modifiers(), event.phase(), event.inverted(),
                                event.source())
        QApplication.sendEvent(viewport, forwarded)
        event.accept()
        return True


class WheelGuardStyle(QProxyStyle):
    """The application's own style, unchanged, that guards each value widget as Qt polishes it."""

    def __init__(self, base_name: str, guard: WheelGuard) -> None:
        super().__init__(base_name)
        self.wheel_guard = guard

    def polish(self, target):  # noqa: D401 - one name for Qt's three overloads
        if isinstance(target, QWidget) and is_guarded_kind(target):
            self.wheel_guard.guard(target)
        return super().polish(target)


_installed: list = []   # the style and its guard stay alive as long as the application


def install_wheel_guard(app: QApplication | None = None) -> WheelGuard:
    """Guard every value widget of the application, now and later (idempotent)."""
    app = app or QApplication.instance()
    if _installed and app.style() is _installed[0]:
        return _installed[1]
    guard = WheelGuard(app)
    style = WheelGuardStyle(app.style().name(), guard)
    app.setStyle(style)   # re-polishes the widgets that exist already
    _installed[:] = [style, guard]
    return guard


__all__ = ["install_wheel_guard", "WheelGuard", "is_guarded_kind"]
