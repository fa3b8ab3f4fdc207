"""The Qt-free core of spaceocr: documents, OCR, extraction, grounding, store, exports."""
