"""A memo typed in the Coder is kept while it is typed (``services.memo_drafts``), so a workbench stopped before
ctrl+s loses none of it: a tester killed the workbench while typing a memo and found it empty on reopening."""
from __future__ import annotations

import json
import os

from sto_qual.services import memo_drafts

GONE = 2 ** 22 + 12345  # a process id no process has here (above the usual pid_max of 4,194,304)


def _as_if_stopped(small_ws, coder: str) -> None:
    """This window's draft as a window whose process is gone leaves it (a kill -9 runs nothing after)."""
    [mine] = [p for p in memo_drafts._folder(small_ws, coder).glob("*.json") if p.stem == str(os.getpid())]
    mine.rename(mine.with_name(f"{GONE}.json"))


def test_a_draft_of_a_window_that_stopped_is_left_over_and_taken_once(small_ws):
    memo_drafts.keep(small_ws, "anna", "coding:7", "Eerst de krimp, dan")
    assert memo_drafts.left_over(small_ws, "anna") == []  # this window's own draft: it is still typing
    _as_if_stopped(small_ws, "anna")
    [left] = memo_drafts.left_over(small_ws, "anna")
    assert (left["on"], left["text"]) == ("coding:7", "Eerst de krimp, dan")
    assert memo_drafts.left_over(small_ws, "bram") == []  # another coder's drafts are hers
    assert memo_drafts.take(small_ws, "anna", "coding:8") is None
    assert memo_drafts.take(small_ws, "anna", "coding:7") == "Eerst de krimp, dan"
    assert memo_drafts.left_over(small_ws, "anna") == [] and memo_drafts.take(small_ws, "anna", "coding:7") is None


def test_a_window_still_running_keeps_its_draft_and_a_blank_or_closed_editor_keeps_none(small_ws):
    folder = memo_drafts._folder(small_ws, "anna")
    folder.mkdir(parents=True)
    (folder / f"{os.getppid()}.json").write_text(json.dumps({"on": "document:1", "text": "x"}), encoding="utf-8")
    assert memo_drafts.left_over(small_ws, "anna") == []  # a second window of hers, typing still
    memo_drafts.keep(small_ws, "anna", "coding:7", "iets")
    memo_drafts.keep(small_ws, "anna", "coding:7", "  ")  # typed away again: nothing to come back to
    assert not (folder / f"{os.getpid()}.json").exists()
    memo_drafts.keep(small_ws, "anna", "coding:7", "iets")
    memo_drafts.keep(small_ws, "anna", "coding:7", None)  # saved or dropped: the dialog closed
    assert not (folder / f"{os.getpid()}.json").exists()
