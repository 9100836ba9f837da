"""Where the shipped data lives, in a checkout, an installed tree or a bundle.

Resources (survey definitions, translations, demo data) and the seed documents
are kept outside the Python package so that a new survey is a data file, not a
release. This module is the one place that knows how to find them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _project_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller bundle: data files sit beside the code
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    override = os.environ.get("SESAKU_RESOURCES")
    return Path(override) if override else _project_root() / "resources"


def seeds_dir() -> Path:
    override = os.environ.get("SESAKU_SEEDS")
    return Path(override) if override else _project_root() / "seeds"


def surveys_dir() -> Path:
    return resources_dir() / "surveys"


APP_NAME = "SesakuDesk"
LOG_FILE_NAME = "sesaku-desk.log"


def user_data_dir() -> Path:
    """The user's own data folder: the default database, the thesaurus, the crash journal, records of exports, the log.

    ``SESAKU_DATA_DIR`` overrides it (tests, portable installs).
    """
    override = os.environ.get("SESAKU_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir as platform_data_dir

    return Path(platform_data_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    """Where the app writes its log (SESAKU_LOG_DIR overrides the folder), for support to ask for."""
    override = os.environ.get("SESAKU_LOG_DIR")
    return (Path(override) if override else user_data_dir() / "logs") / LOG_FILE_NAME
