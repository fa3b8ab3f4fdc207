"""The ``spaceocr`` command line: a thin shell over :mod:`spaceocr.core`."""
