"""The readers disclosure-schema ships: published reports (text, HTML, Word, PDF, XLSX) into the model.

Each module here registers under the entry-point group ``disclosure_schema.readers``
exactly as a third party's reader would, and uses only the core's public API.
"""
