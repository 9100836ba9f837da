"""The Qt user interface. Importing it installs the PySide6 emit() guard (see qtfix)."""

from desktop.ui import qtfix  # noqa: F401
