"""Paths shared by tests (importable because pytest puts tests/ on sys.path)."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def others_can_write(path) -> None:
    """Fail unless another program (the TUI, a second import) could write to the project file
    at this moment: no write transaction of ours holds it."""
    import sqlite3
    other = sqlite3.connect(str(path), timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.rollback()
    except sqlite3.OperationalError as e:
        raise AssertionError(f"the project is held for writing ({e})") from e
    finally:
        other.close()


def invoke_cli(args: list[str]):
    """Run a ``sto-qual`` command in-process (click's CliRunner) as the installed command does:
    a user's mistake is one line on stderr and an exit code, the project is closed afterwards."""
    from click.testing import CliRunner

    from sto_qual.cli import cli
    return CliRunner().invoke(cli, args)
