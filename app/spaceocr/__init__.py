"""spaceocr: invoices, receipts and cards into data a clerk can verify."""

__version__ = "0.1.0"

__all__ = ["__version__"]
