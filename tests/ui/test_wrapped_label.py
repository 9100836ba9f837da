"""WrappedLabel remembers its height per width, and still grows with its text and font."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop.ui.wrapped_label import WrappedLabel

SHORT = "記載内容"
LONG = "成果創出に向けた具体的な実施項目とKPIを設定して記載してください。" * 6


def test_height_follows_the_text_and_the_font_like_a_plain_wrapped_label(qtbot):
    label, plain = WrappedLabel(SHORT), QLabel(SHORT)
    plain.setWordWrap(True)
    qtbot.addWidget(label)
    qtbot.addWidget(plain)
    assert label.wordWrap()
    short = label.heightForWidth(200)
    assert short == plain.heightForWidth(200)

    label.setText(LONG)
    plain.setText(LONG)
    assert label.heightForWidth(200) == plain.heightForWidth(200) > short
    assert label.heightForWidth(600) < label.heightForWidth(200)

    before = label.heightForWidth(200)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    assert label.heightForWidth(200) > before
