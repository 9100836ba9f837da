"""``python -m desktop`` behaves exactly like the ``sesaku-desk`` command."""

import sys

from desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
