"""``python -m spaceocr`` runs the command line."""

import sys

from spaceocr.cli.main import main

sys.exit(main())
