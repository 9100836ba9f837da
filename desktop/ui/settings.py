"""Typed options over QSettings, with a versioned upgrade step.

Everything the application remembers between sessions is named here once:
the window's geometry and layout, the last and recent databases, the
language, the autosave delay and the folders last used for exports and imports. The QSettings object is injected, so tests
use an INI file in a temporary folder and never touch the user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "SesakuDesk"
APPLICATION = "SesakuDesk"
SCHEMA_VERSION = 1
MAX_RECENT = 8
LANGUAGES = ("ja", "en")
ROLES = ("ministry", "secretariat")
DEFAULT_AUTOSAVE_MS = 1000


def default_qsettings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)


class Settings:
    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.q = qsettings if qsettings is not None else default_qsettings()
        self.upgrade()

    # -- versioning -------------------------------------------------------------

    def upgrade(self) -> None:
        """Bring settings written by an older version to the current shape."""
        version = self._int("settings/version", 0)
        if version < 1:
            # 0 → 1: the recent list used to be one ';'-joined string.
            raw = self.q.value("databases/recent")
            if isinstance(raw, str) and raw:
                self.q.setValue("databases/recent", [p for p in raw.split(";") if p])
        if version != SCHEMA_VERSION:
            self.q.setValue("settings/version", SCHEMA_VERSION)

    # -- typed access -------------------------------------------------------------

    def _int(self, key: str, default: int) -> int:
        value = self.q.value(key, default)
        try:
            return int(value)
        except (TypeError, ValueError):
            return default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def language(self) -> str:
        value = str(self.q.value("ui/language", "ja") or "ja")
        return value if value in LANGUAGES else "ja"

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("ui/language", value if value in LANGUAGES else "ja")

    @property
    def role(self) -> str:
        """Who acts in the review cycle: ministry (府省庁, the default) or secretariat (事務局)."""
        value = str(self.q.value("review/role", "ministry") or "ministry")
        return value if value in ROLES else "ministry"

    @role.setter
    def role(self, value: str) -> None:
        self.q.setValue("review/role", value if value in ROLES else "ministry")

    @property
    def survey_key(self) -> str | None:
        """The survey the window works in (調査票 > 切り替え); None: the shipped one."""
        value = self.q.value("survey/key")
        return str(value) if value else None

    @survey_key.setter
    def survey_key(self, value: str | None) -> None:
        self.q.setValue("survey/key", value or "")

    @property
    def autosave_ms(self) -> int:
        return max(50, self._int("editor/autosave_ms", DEFAULT_AUTOSAVE_MS))

    @autosave_ms.setter
    def autosave_ms(self, value: int) -> None:
        self.q.setValue("editor/autosave_ms", int(value))

    @property
    def last_database(self) -> str | None:
        value = self.q.value("databases/last")
        return str(value) if value else None

    @last_database.setter
    def last_database(self, value: str | None) -> None:
        self.q.setValue("databases/last", value or "")

    @property
    def recent_databases(self) -> list[str]:
        value = self.q.value("databases/recent", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in (value or []) if v]

    def add_recent_database(self, target: str) -> None:
        items = [target] + [t for t in self.recent_databases if t != target]
        self.q.setValue("databases/recent", items[:MAX_RECENT])

    def remove_recent_database(self, target: str) -> None:
        self.q.setValue("databases/recent", [t for t in self.recent_databases if t != target])

    def existing_recent_databases(self) -> list[str]:
        return [t for t in self.recent_databases if "://" in t or Path(t).exists()]

    def folder(self, name: str) -> str:
        """The folder last used for a kind of file (e.g. "reports", "forms"), else the home folder."""
        value = str(self.q.value(f"folders/{name}", "") or "")
        return value if value and Path(value).is_dir() else str(Path.home())

    def set_folder(self, name: str, folder: str | Path) -> None:
        self.q.setValue(f"folders/{name}", str(folder))

    def geometry(self, name: str) -> QByteArray | None:
        return self._bytes(f"layout/{name}")

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self.q.setValue(f"layout/{name}", value)

    def panel_shown(self, name: str) -> bool | None:
        """Whether the person last showed (True) or hid (False) a side panel; None: never chose."""
        value = self.q.value(f"panels/{name}")
        if value is None:
            return None
        return str(value).lower() in ("true", "1")

    def set_panel_shown(self, name: str, shown: bool) -> None:
        self.q.setValue(f"panels/{name}", bool(shown))

    def sync(self) -> None:
        self.q.sync()
