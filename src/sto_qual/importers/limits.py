"""Limits that keep hostile input bounded (documented in the README)."""
MAX_TEXT_BYTES = 20 * 1024 * 1024        # a plain-text/VTT/CSV source over 20 MB is refused
MAX_ZIP_BYTES = 50 * 1024 * 1024         # .docx/.xlsx/.qdpx file size
MAX_UNPACKED_BYTES = 200 * 1024 * 1024   # sum of uncompressed ZIP members
MAX_ZIP_RATIO = 200                      # uncompressed / compressed, per member
MAX_ZIP_MEMBERS = 10_000
MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_YAML_ALIASES = 50
