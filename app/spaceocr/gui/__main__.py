"""``python -m spaceocr.gui``: start the desktop app."""

import sys

from spaceocr.gui.app import main

sys.exit(main())
