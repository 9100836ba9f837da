"""Qt's own dialogs (the file dialog Qt draws on Linux, message box buttons) speak Japanese after start-up."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QApplication, QColorDialog, QFileDialog, QLabel, QMessageBox

from desktop.ui.i18n import remove_translators
from desktop.ui.run import install_language

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


@pytest.fixture
def started(qapp, settings_factory):
    """The translators the real start-up (run_gui) installs for the default language."""
    settings = settings_factory()
    assert settings.language == "ja"
    translators = install_language(QApplication.instance(), settings)
    yield translators
    remove_translators(QApplication.instance(), translators)


def test_qt_strings_are_japanese_after_start_up(started):
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "アドレス:"            # qtbase_ja
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "場所(&L):"           # Qt 6's, our supplement
    assert QCoreApplication.translate("QFileDialog", "Files of &type:") == "ファイルの種類(&T):"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"


def _english(texts):
    """Texts with an English word left (HTML is a name, written so in Japanese too)."""
    return [t for t in texts if LATIN_WORD.search(t.replace("&", "").replace("HTML", ""))]


def test_qt_file_dialog_labels_and_buttons_are_japanese(started, qtbot, tmp_path):
    (tmp_path / "folder").mkdir()
    dialog = QFileDialog(None, "資料を追加", str(tmp_path), "Word (*.docx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    labels = [w.text() for w in dialog.findChildren(QLabel) if w.text()]
    buttons = [w.text() for w in dialog.findChildren(QAbstractButton) if w.text()]
    tips = [w.toolTip() for w in dialog.findChildren(QAbstractButton) if w.toolTip()]
    assert "場所(&L):" in labels and "ファイルの種類(&T):" in labels
    assert not _english(labels + buttons + tips), labels + buttons + tips


def test_message_box_and_colour_dialog_are_japanese(started, qtbot):
    box = QMessageBox(QMessageBox.Icon.Warning, "確認", "本文",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert not _english([b.text() for b in box.buttons()])
    colours = QColorDialog()
    colours.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    qtbot.addWidget(colours)
    assert not _english([w.text() for w in colours.findChildren(QLabel) if w.text()]
                        + [b.text() for b in colours.findChildren(QAbstractButton) if b.text()])
