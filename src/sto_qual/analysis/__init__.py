"""Analysis: records in, pandas DataFrames out. No database, no UI."""
