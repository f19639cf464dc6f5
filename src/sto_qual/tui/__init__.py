"""The terminal UI (Textual). The only package that imports textual; it talks to the
project through ``sto_qual.services`` only."""
