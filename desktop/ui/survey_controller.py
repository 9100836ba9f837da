"""The 調査票 menu: switch the survey the window works in, import and export its definition.

A definition comes as the secretariat's workbook (.xlsx) or a TOML file and
is stored as its survey's next version (store/surveys.py): all of it or,
with the mistakes listed by sheet, row and column, nothing. Working in
another survey, or in a newer version of this one, rebuilds the window (its
editor, list and reports are made for one definition): the controller asks
the application to switch, which reopens the same database in it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop.store import failures
from desktop.store.repository import current_user
from desktop.store.surveys import SurveyCatalog
from desktop.survey.definition import SurveyDefinition
from desktop.ui.dialogs.survey_picker import SurveyPickerDialog
from desktop.ui.settings import Settings

Switch = Callable[[SurveyDefinition], None]


class SurveyController(QObject):
    def __init__(self, services_of: Callable, settings: Settings, switch: Switch, window: QWidget,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services_of, self.settings, self.switch, self.window = services_of, settings, switch, window
        self.picker: SurveyPickerDialog | None = None

    def _catalog(self) -> SurveyCatalog | None:
        services = self.services_of()
        return SurveyCatalog(services.db) if services is not None else None

    def choose(self) -> None:
        catalog = self._catalog()
        if catalog is None:
            return
        services = self.services_of()
        dialog = SurveyPickerDialog(catalog.surveys(), services.survey.key, self.window)
        dialog.accepted.connect(lambda: self._chosen(dialog.chosen_key()))
        dialog.finished.connect(dialog.deleteLater)
        self.picker = dialog
        dialog.open()

    def _chosen(self, key: str) -> None:
        catalog = self._catalog()
        if catalog is None:
            return
        definition = catalog.definition(key)
        self.settings.survey_key = key
        current = self.services_of().survey
        if definition.key != current.key or definition.version != current.version:
            self.switch(definition)

    def import_definition(self) -> None:
        catalog = self._catalog()
        if catalog is None:
            return
        path, _f = QFileDialog.getOpenFileName(self.window, self.tr("調査票の定義を取り込む"), "",
                                               self.tr("調査票の定義 (*.xlsx *.toml)"))
        if not path:
            return
        from desktop.app.definitions import DefinitionFileError, read_definition_file   # openpyxl: not at start-up

        try:
            definition = read_definition_file(Path(path))
            added = catalog.add(definition, current_user())
        except DefinitionFileError as exc:
            QMessageBox.warning(self.window, self.tr("調査票の定義を取り込めません"), str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a database failure is told in Japanese, the rest re-raised
            if failures.classify(exc, self.services_of().target) is None:
                raise
            QMessageBox.warning(self.window, self.tr("調査票の定義を取り込めません"),
                                failures.message(exc, self.services_of().target))
            return
        if not added.created:
            QMessageBox.information(self.window, self.tr("調査票の定義を取り込む"), self.tr(
                "「{0}」は同じ内容の第{1}版が登録済みです。何も変更していません。").format(definition.title, added.version))
            return
        answer = QMessageBox.question(self.window, self.tr("調査票の定義を取り込む"), self.tr(
            "「{0}」（{1}）を第{2}版として取り込みました。この版に切り替えますか？").format(
            definition.title, added.key, added.version))
        if answer == QMessageBox.StandardButton.Yes:
            self._chosen(added.key)

    def export_definition(self) -> None:
        services = self.services_of()
        if services is None:
            return
        survey = services.survey
        path, _f = QFileDialog.getSaveFileName(self.window, self.tr("調査票の定義を書き出す"),
                                               f"{survey.key}-v{survey.version}.xlsx", self.tr("Excel ブック (*.xlsx)"))
        if not path:
            return
        from desktop.reports.definition_workbook import write_definition_workbook   # openpyxl: not at start-up
        from desktop.reports.errors import ReportError

        try:
            written = write_definition_workbook(survey, path)
        except (ReportError, OSError) as exc:
            QMessageBox.warning(self.window, self.tr("調査票の定義を書き出せません"), str(exc))
            return
        QMessageBox.information(self.window, self.tr("調査票の定義を書き出す"),
                                self.tr("調査票の定義ブックを書き出しました: {0}").format(written))
