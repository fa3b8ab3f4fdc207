"""``python -m spaceocr.gui``: start the desktop app."""

import sys

from spaceocr.gui.app import main

if __name__ == "__main__":  # the worker processes (spawn) import this module too
    sys.exit(main())
