"""Exporters: the API's JSON shape, CSV (UTF-8 with BOM) and Excel."""
