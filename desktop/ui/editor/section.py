"""The frame of one survey field: label, 必須/任意 badge, the 記載内容 guidance, a count."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.survey.definition import FieldDef
from desktop.ui.wrapped_label import WrappedLabel

SECTION_STYLE = """
QFrame#section { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }
QFrame#section[problem="error"] { border: 2px solid #b00020; }
QFrame#section[problem="warning"] { border: 2px solid #c79100; }
QLabel#sectionTitle { font-weight: bold; font-size: 11pt; }
QLabel#badgeRequired { background: #b00020; color: white; border-radius: 3px; padding: 1px 6px; }
QLabel#badgeOptional { background: #607d8b; color: white; border-radius: 3px; padding: 1px 6px; }
QLabel#guidance { color: #37474f; background: #eef3f6; border-radius: 4px; padding: 4px 6px; }
QLabel#charCount { color: #546e7a; }
QLabel#charCount[over="true"] { color: #b00020; font-weight: bold; }
QLineEdit[found="true"] { background: #fff176; }
QLineEdit[found="current"] { background: #ffb74d; }
"""


class Section(QFrame):
    """A titled block of the editor; ``body`` receives the field's own widgets."""

    def __init__(self, title: str, *, required: bool | None = None, guidance: tuple[str, ...] = (),
                 key: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section")
        self.key = key
        self.setProperty("fieldKey", key)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        self.title_label = QLabel(title, objectName="sectionTitle")
        head.addWidget(self.title_label)
        if required is not None:
            badge = QLabel(self.tr("必須") if required else self.tr("任意"),
                           objectName="badgeRequired" if required else "badgeOptional")
            head.addWidget(badge)
        head.addStretch(1)
        self.count_label = QLabel(objectName="charCount")
        self.count_label.hide()
        head.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)
        layout.addLayout(head)
        if guidance:
            self.guidance_label = WrappedLabel("\n".join(f"・{g}" if len(guidance) > 1 else g for g in guidance),
                                               objectName="guidance")
            self.guidance_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(self.guidance_label)
        else:
            self.guidance_label = None
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(6)
        layout.addLayout(self.body)

    @classmethod
    def for_field(cls, field: FieldDef, parent: QWidget | None = None) -> "Section":
        return cls(field.label, required=field.required, guidance=field.guidance, key=field.key, parent=parent)

    def set_count(self, count: int, limit: int | None) -> None:
        self.count_label.show()
        if limit:
            self.count_label.setText(self.tr("{0} / {1} 文字").format(count, limit))
        else:
            self.count_label.setText(self.tr("{0} 文字").format(count))
        over = bool(limit and count > limit)
        if self.count_label.property("over") != over:
            self.count_label.setProperty("over", over)
            self.count_label.style().unpolish(self.count_label)
            self.count_label.style().polish(self.count_label)

    def set_problem(self, severity: str | None) -> None:
        """Outline the section red (error) or amber (warning); None clears it."""
        value = severity or ""
        if self.property("problem") != value:
            self.setProperty("problem", value)
            self.style().unpolish(self)
            self.style().polish(self)
