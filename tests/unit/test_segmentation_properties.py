"""Properties of segmentation and spans, for random Dutch-ish transcripts and random edits.

- ``split_turns``: normalised text, turns ordered, disjoint, inside the text, separated
  only by blank lines; a text without labels or colons is one turn and unchanged.
- An import through the Workspace: every stored turn and unit satisfies the
  ``text[start:end]`` invariants and no unit crosses a turn or a line.
- Random assign / remove / resize / undo / redo: every coding's text is exactly
  ``text[start:end]`` of the stored document, and the set of codings is what a
  simple undo-stack model says it must be.
"""
from __future__ import annotations

import functools
import shutil
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sto_qual.domain.errors import NothingToDo, StoQualError
from sto_qual.domain.text import normalise
from sto_qual.importers.speakers import split_turns

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
from import_invariants import check_stored  # noqa: E402

SETTINGS = settings(max_examples=50, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

WORDS = ["de", "het", "een", "school", "scholen", "bestuur", "besturen", "vmbo", "mbo", "regio", "techniek",
         "docent", "Het", "De", "ja", "nee", "eh", "ehm", "nou", "’t", "m'n", "zo-even", "één", "coördinatie",
         "financiële", "ideeën", "café", "cafe\u0301", "Ærø", "😀", "ﬁets", "2027", "R05", "B.V.", "St.", "enz."]
PUNCT = [".", ",", "?", "!", "...", "…", ":", ";", " -", "“", "”", "(", ")", "'", '"']
LABELS = ["Interviewer: ", "I: ", "R: ", "R1: ", "R2: ", "Anna de Vries: ", "Kees: ", "[00:12:34] Piet: ",
          "Kees (00:01:05): ", "Spreker 1: ", "Marieke 00:12\n", "Interviewer:\n", "Noot: "]
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\n   \n", " \t\n", "\u00a0\n", "\n\n\n\n"]

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(PUNCT),
                  st.text(alphabet="abcdefghijklmnopqrstuvwxyzéëï ", min_size=1, max_size=8))
line = st.tuples(st.one_of(st.none(), st.sampled_from(LABELS)), st.lists(token, max_size=14),
                 st.sampled_from(BREAKS))


@st.composite
def transcripts(draw, min_lines=0):
    lines = draw(st.lists(line, min_size=min_lines, max_size=14))
    out = draw(st.sampled_from(["", "\ufeff", "  ", "\n"]))
    for label, tokens, brk in lines:
        out += (label or "") + " ".join(tokens) + draw(st.sampled_from(["", " ", "\t"])) + brk
    return out


def _check_split(raw: str) -> tuple[str, tuple]:
    text, turns, warnings = split_turns(raw)
    assert normalise(text) == text
    assert bool(turns) == bool(text)
    prev = 0
    for t in turns:
        assert prev <= t.start < t.end <= len(text), (t, prev)
        body = text[t.start:t.end]
        assert body and not body.startswith("\n") and not body.endswith("\n"), t
        assert text[prev:t.start].strip() == "" and (prev == 0 or text[prev:t.start] == "\n\n"), (prev, t)
        prev = t.end
    assert text[prev:].strip() == ""
    if turns and not any(t.speaker for t in turns):
        assert warnings
    return text, turns


@SETTINGS
@given(transcripts())
def test_split_turns_invariants(raw):
    _check_split(raw)


@SETTINGS
@given(st.lists(st.lists(st.sampled_from([w for w in WORDS if ":" not in w]), min_size=1, max_size=10),
                min_size=1, max_size=8), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_text_without_labels_is_one_unchanged_turn(lines, brk):
    raw = brk.join(" ".join(words) + "." for words in lines)
    text, turns = _check_split(raw)
    assert text == normalise(raw)
    assert [(t.start, t.end, t.speaker) for t in turns] == [(0, len(text), None)]


@functools.cache
def _empty_project() -> Path:
    """A new project, made once: each example opens a copy (creating one costs ~25 times more)."""
    from sto_qual.services import Workspace
    path = Path(tempfile.mkdtemp(prefix="sto-props-")) / "empty.db"
    ws = Workspace.create(path)
    ws.session.checkpoint()
    ws.close()
    return path


def _workspace(folder: str):
    from sto_qual.services import Workspace
    target = Path(folder) / "p.db"
    shutil.copy(_empty_project(), target)
    return Workspace.open(target)


@SETTINGS
@given(transcripts(min_lines=1))
def test_import_stores_turns_and_units_that_never_cross(raw):
    from sto_qual.importers.registry import parse_file
    with tempfile.TemporaryDirectory() as d:
        ws = _workspace(d)
        f = Path(d) / "t.txt"
        f.write_text(raw, encoding="utf-8", newline="")
        try:
            (parsed,) = parse_file(f)
        except StoQualError as exc:
            assert "no text" in str(exc) or "no transcript text" in str(exc), exc
            assert not ws.import_files([f]).imported
            ws.close()
            return
        summary = ws.import_files([f])
        _check_import(ws, summary, parsed)


def _check_import(ws, summary, parsed) -> None:
    assert summary.ok, summary.refused
    stored = check_stored(ws, "t")
    assert stored["text"] == parsed.text
    assert [(t.start, t.end, t.speaker) for t in stored["turns"]] == [
        (t.start, t.end, t.speaker) for t in parsed.turns]
    # every non-blank line of every turn is covered by units, in order
    words_in_units = "".join(stored["text"][u.start:u.end] for u in stored["units"]).split()
    assert "".join(words_in_units) == "".join(stored["text"].split())
    ws.close()


OPS = st.lists(st.tuples(st.sampled_from(["assign", "assign", "assign-unit", "assign-turn", "remove", "resize",
                                          "undo", "undo", "redo"]),
                         st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 100)),
               min_size=1, max_size=25)


@SETTINGS
@given(transcripts(min_lines=1), OPS)
def test_random_edits_keep_every_coding_equal_to_its_text(raw, ops):
    with tempfile.TemporaryDirectory() as d:
        ws = _workspace(d)
        f = Path(d) / "doc.txt"
        f.write_text("Interviewer: Begin van het gesprek.\n" + raw, encoding="utf-8", newline="")
        assert ws.import_files([f]).ok
        _random_edits(ws, ops)


def _random_edits(ws, ops) -> None:
    text = ws.document_text("doc")
    n = len(text)
    units = ws.units("doc")
    turns = ws.turns("doc")
    codes = [c.path for c in ws.codebook()]
    states: list[frozenset] = [frozenset()]   # undo-stack model of (code, start, end)
    pos = 0

    def current() -> frozenset:
        return frozenset((c.code, c.start, c.end) for c in ws.codings())

    def push(state: frozenset) -> None:
        nonlocal pos
        del states[pos + 1:]
        states.append(state)
        pos += 1

    for op, a, b, k in ops:
        if op.startswith("assign"):
            code = codes[k % len(codes)]
            if op == "assign":
                s, e = sorted((a % (n + 1), b % (n + 1)))
                if not any(ch.isalnum() for ch in text[s:e]):  # no word: refused, nothing to code
                    continue
                c = ws.assign_code("doc", code, start=s, end=e)
            elif op == "assign-unit":
                u = units[a % len(units)]
                if not any(ch.isalnum() for ch in text[u.start:u.end]):
                    continue
                c = ws.assign_code("doc", code, unit=u.id)
            else:
                t = turns[a % len(turns)]
                if not any(ch.isalnum() for ch in text[t.start:t.end]):
                    continue
                c = ws.assign_code("doc", code, turn=t.seq + 1)
            assert c.text == text[c.start:c.end]
            if (c.code, c.start, c.end) not in states[pos]:  # the same coding again adds nothing to undo
                push(states[pos] | {(c.code, c.start, c.end)})
        elif op == "remove":
            existing = ws.codings()
            if not existing:
                continue
            c = existing[a % len(existing)]
            ws.remove_coding(c.id)
            push(current())
        elif op == "resize":
            existing = ws.codings()
            if not existing:
                continue
            c = existing[a % len(existing)]
            s, e = sorted((b % (n + 1), (b + k + 1) % (n + 1)))
            if s == e:
                continue
            r = ws.resize_coding(c.id, start=s, end=e, snap=bool(k % 2))
            assert r.text == text[r.start:r.end]
            push(current())
        else:
            try:
                (ws.undo if op == "undo" else ws.redo)()
            except NothingToDo:
                assert (pos == 0) if op == "undo" else (pos == len(states) - 1)
                continue
            pos += -1 if op == "undo" else 1
        for c in ws.codings():
            assert 0 <= c.start < c.end <= n, c
            assert c.text == text[c.start:c.end], c
        assert current() == states[pos], (op, sorted(current()), sorted(states[pos]))
    ws.close()
