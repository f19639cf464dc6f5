"""``sto-qual ARGS`` for tests: through the real entry point (``main``, which maps a user's
mistake to one line on stderr and an exit code) but inside this process, because a new
interpreter pays a second or more of imports per command. Tests that need a real process
(kill -9, a second program holding the project, peak memory, the installed script, a fresh
interpreter's imports) start one themselves."""
from __future__ import annotations

import io
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from unittest import mock


def sq(*args, input: str | None = None) -> subprocess.CompletedProcess:
    """Run the command; the result looks like ``subprocess.run(..., text=True)``'s."""
    from sto_qual.cli import main
    argv = ["sto-qual", *map(str, args)]
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with mock.patch.object(sys, "argv", argv), mock.patch.object(sys, "stdin", io.StringIO(input or "")), \
            redirect_stdout(out), redirect_stderr(err):
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())
