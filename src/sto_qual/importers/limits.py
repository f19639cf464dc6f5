"""Limits that keep hostile input bounded (documented in the README)."""
MAX_TEXT_BYTES = 20 * 1024 * 1024        # a plain-text/VTT/CSV source over 20 MB is refused
MAX_ZIP_BYTES = 50 * 1024 * 1024         # .docx/.xlsx/.qdpx file size
MAX_UNPACKED_BYTES = 200 * 1024 * 1024   # sum of uncompressed ZIP members
MAX_ZIP_RATIO = 200                      # uncompressed / compressed, per member
MAX_ZIP_MEMBERS = 10_000
MAX_XML_PART_BYTES = 64 * 1024 * 1024    # one unpacked XML part of a .xlsx (a sheet, the shared strings)
MAX_DOCX_PART_BYTES = 10 * 1024 * 1024   # one unpacked XML part of a .docx: ~50 times a long interview
MAX_DOCUMENT_CHARS = 20_000_000          # text of one imported document, whatever its format
MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_YAML_ALIASES = 50
MAX_YAML_DEPTH = 64                      # nesting of lists/mappings in a YAML file
MAX_YAML_NODES = 1_000_000               # values after expanding aliases ("billion laughs")
MAX_PARAGRAPH_CHARS = 500_000            # one line (paragraph) of imported text; spaCy's own limit is 1,000,000
MAX_SURVEY_ROWS = 50_000                 # respondents (rows) in one .csv/.xlsx survey file
MAX_SURVEY_COLUMNS = 2_000
MAX_SURVEY_CELLS = 5_000_000             # rows x columns read from a worksheet, empty ones included
MAX_QDPX_SELECTIONS = 200_000           # codings (selections) in one .qdpx; each becomes a stored coding
