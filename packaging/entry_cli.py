"""Entry script of the frozen ``spaceocr`` command line (packaging/spaceocr.spec)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # first thing: ``spaceocr gui`` starts worker processes from this executable
    multiprocessing.freeze_support()
    from spaceocr.cli.main import main

    sys.exit(main())
