"""Entry script of the frozen ``spaceocr-gui`` (packaging/spaceocr.spec)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # first thing: a spawned worker process (OCR, page renders) runs its target here
    multiprocessing.freeze_support()
    from spaceocr.gui.app import main

    sys.exit(main())
