"""Paths shared by tests (importable because pytest puts tests/ on sys.path)."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def invoke_cli(args: list[str]):
    """Run a ``sto-qual`` command in-process (click's CliRunner) as ``main()`` would: the
    analysis commands registered, the projects it opened closed afterwards."""
    from click.testing import CliRunner

    from sto_qual.cli import _OPENED, _register_optional, cli
    _register_optional()
    try:
        return CliRunner().invoke(cli, args)
    finally:
        while _OPENED:
            _OPENED.pop().close()
