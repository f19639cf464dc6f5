"""Paths and a transcript shared by tests (importable because pytest puts tests/ on sys.path)."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# one short transcript (two respondents): the ``small_ws`` fixture's, and for tests that import it themselves
SMALL = """---
region: R90
region_type: stedelijk
date: 2023-12-01
---
Interviewer: Goedemiddag. Wat is nu de grootste urgentie in de regio?

Jan: Het tekort aan technische docenten. Dat merken alle scholen. We hebben vacatures die niet vervuld raken.

Interviewer: En hoe zit het met vmbo in the lead?

Piet: Op papier zijn wij in the lead. Maar het mbo heeft het geld.
"""


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


def invoke_cli(args: list[str], input: str | None = None):
    """Run a ``sto-qual`` command in-process (click's CliRunner) as the installed command does:
    a user's mistake is one line on stderr and an exit code, the project is closed afterwards.
    ``input``: what is typed at its questions."""
    from click.testing import CliRunner

    from sto_qual.cli import cli
    return CliRunner().invoke(cli, args, input=input)


def plain(text: str) -> str:
    """A chapter's text with its non-breaking spaces (an exact count "(3 van 5)" is kept on one line)
    as plain ones, to compare with the words the report data holds."""
    return text.replace("\u00a0", " ")


def one_coded_interview(tmp_path, name: str, text: str, code: str = "urgentie", turn: int = 1):
    """A new project (``p.db``) holding one transcript ``name``.txt of ``text``, its turn ``turn`` (from
    0) coded ``code`` by coder "a"; returns the open Workspace."""
    from sto_qual.services import Workspace
    (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    ws.import_files([tmp_path / f"{name}.txt"])
    t = ws.turns(name)[turn]
    ws.assign_code(name, code, start=t.start, end=t.end, coder="a")
    return ws
