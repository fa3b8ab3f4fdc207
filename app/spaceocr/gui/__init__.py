"""The desktop app: a thin PySide6 shell over :mod:`spaceocr.core`.

This package is the only one that imports Qt. Everything slow (OCR, file I/O, rendering,
SQL) runs on :class:`QThreadPool` lanes (:mod:`spaceocr.gui.workers`); the GUI thread only
adapts immutable core results to Qt models and draws them.
"""
