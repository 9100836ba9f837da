"""The bundle's entry point: exactly the ``sesaku-desk`` command (GUI without a subcommand)."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
