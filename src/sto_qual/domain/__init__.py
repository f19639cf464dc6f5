"""Pure domain: dataclasses and rules. Standard library only."""
