"""Source formats -> domain objects. No database, no spaCy."""
