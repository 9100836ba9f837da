"""Every menu command in one registry, with its text and standard shortcut."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack


class Actions(QObject):
    def __init__(self, parent: QObject, undo_stack: QUndoStack) -> None:
        super().__init__(parent)
        key = QKeySequence
        self.new_sheet = self._make(self.tr("新規シート"), "newSheet", key(key.StandardKey.New))
        self.open_sheet = self._make(self.tr("開く"), "openSheet")
        self.duplicate_sheet = self._make(self.tr("シートを複製"), "duplicateSheet", key("Ctrl+Shift+D"))
        self.delete_sheet = self._make(self.tr("シートを削除…"), "deleteSheet")
        self.trash = self._make(self.tr("ごみ箱…"), "trash")
        self.save = self._make(self.tr("今すぐ保存"), "save", key(key.StandardKey.Save))
        self.open_database = self._make(self.tr("データベースを開く…"), "openDatabase", key(key.StandardKey.Open))
        self.new_database = self._make(self.tr("新しいデータベース…"), "newDatabase")
        self.export_report = self._make(self.tr("報告書を出力…"), "exportReport", key("Ctrl+E"))
        self.import_forms = self._make(self.tr("調査票を取り込む…"), "importForms")
        self.export_exchange = self._make(self.tr("提出・差戻しファイルを出力…"), "exportExchange")
        self.import_exchange = self._make(self.tr("提出・差戻しファイルを取り込む…"), "importExchange")
        self.add_document = self._make(self.tr("資料を追加…"), "addDocument")
        self.rebuild_demo = self._make(self.tr("サンプルデータを作り直す"), "rebuildDemo")
        self.close_window = self._make(self.tr("ウィンドウを閉じる"), "closeWindow", key(key.StandardKey.Close))
        self.quit = self._make(self.tr("終了"), "quit", key(key.StandardKey.Quit))

        self.undo = undo_stack.createUndoAction(self, self.tr("元に戻す"))
        self.undo.setObjectName("undo")
        self.undo.setShortcuts([key(key.StandardKey.Undo)])
        self.redo = undo_stack.createRedoAction(self, self.tr("やり直し"))
        self.redo.setObjectName("redo")
        self.redo.setShortcuts([key("Ctrl+Shift+Z"), key("Ctrl+Y")])
        self.find = self._make(self.tr("シート内を検索…"), "find", key(key.StandardKey.Find))
        self.find_sources = self._make(self.tr("資料を検索"), "findSources", key("Ctrl+Shift+F"))
        self.check_year = self._make(self.tr("この年度の全シートを検査"), "checkYear")
        self.history = self._make(self.tr("変更履歴…"), "history", key("Ctrl+Shift+H"))
        self.new_year = self._make(self.tr("次年度の調査票を作成…"), "newYear")
        self.overview = self._make(self.tr("事務局集計…"), "overview")
        self.mark_nonpublic = self._make(self.tr("非公開にする…"), "markNonPublic", key("Ctrl+Shift+P"))
        self.review_marks = self._make(self.tr("非公開指定の確認…"), "reviewMarks")

        self.import_survey = self._make(self.tr("調査票の定義を取り込む…"), "importSurvey")
        self.export_survey = self._make(self.tr("調査票の定義を書き出す…"), "exportSurvey")
        self.switch_survey = self._make(self.tr("調査票を切り替える…"), "switchSurvey")

        self.shared_sheets = self._make(self.tr("他府省の公開シート…"), "sharedSheets")

        self.show_sources = self._make(self.tr("資料パネル"), "showSources", key("Ctrl+Shift+R"))
        self.show_validation = self._make(self.tr("検査パネル"), "showValidation", key("Ctrl+Shift+V"))
        self.roles = QActionGroup(self)
        self.role_ministry = self._make(self.tr("府省庁として操作"), "roleMinistry")
        self.role_secretariat = self._make(self.tr("事務局として操作"), "roleSecretariat")
        for action, code in ((self.role_ministry, "ministry"), (self.role_secretariat, "secretariat")):
            action.setCheckable(True)
            action.setData(code)
            self.roles.addAction(action)
        self.languages = QActionGroup(self)
        self.language_ja = self._make("日本語", "languageJa")
        self.language_en = self._make("English", "languageEn")
        for action, code in ((self.language_ja, "ja"), (self.language_en, "en")):
            action.setCheckable(True)
            action.setData(code)
            self.languages.addAction(action)

        self.usage = self._make(self.tr("使い方"), "usage", key(key.StandardKey.HelpContents))
        self.about = self._make(self.tr("バージョン情報(&A)"), "about")

    def _make(self, text: str, name: str, shortcut: QKeySequence | None = None) -> QAction:
        action = QAction(text, self.parent())
        action.setObjectName(name)
        if shortcut is not None and not shortcut.isEmpty():
            action.setShortcut(shortcut)
        return action

    def write_actions(self) -> list[QAction]:
        """What changes the database: disabled while it is open read-only."""
        return [self.new_sheet, self.duplicate_sheet, self.delete_sheet, self.save, self.add_document,
                self.rebuild_demo, self.new_year, self.mark_nonpublic, self.import_forms, self.import_survey,
                self.export_exchange, self.import_exchange]

    def sheet_actions(self) -> list[QAction]:
        return [self.new_sheet, self.open_sheet, self.duplicate_sheet, self.delete_sheet, self.trash, self.save,
                self.export_report, self.import_forms, self.export_exchange, self.import_exchange, self.add_document,
                self.find, self.find_sources,
                self.check_year, self.new_year, self.overview, self.mark_nonpublic, self.review_marks,
                self.import_survey, self.export_survey, self.switch_survey]
