"""The exporters disclosure-schema ships, kept apart from the core.

Each module here registers under the entry-point group
``disclosure_schema.exporters`` exactly as a third party's exporter would, and
uses only the core's public API (``disclosure_schema``).
"""
