"""Reusable widgets. They get plain data from their screen and post intent messages."""
