"""Paths shared by tests (importable because pytest puts tests/ on sys.path)."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def invoke_cli(args: list[str]):
    """Run a ``sto-qual`` command in-process (click's CliRunner) as the installed command does:
    a user's mistake is one line on stderr and an exit code, the project is closed afterwards."""
    from click.testing import CliRunner

    from sto_qual.cli import cli
    return CliRunner().invoke(cli, args)
