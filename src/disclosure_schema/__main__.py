from disclosure_schema.cli import entry

entry()
