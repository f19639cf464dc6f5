"""Dutch text processing: the only package that imports spaCy (lazily)."""
