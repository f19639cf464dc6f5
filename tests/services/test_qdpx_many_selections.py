"""A .qdpx with many long selections imports in linear time, with its word counts right,
outside a long write transaction, and over a cap it is refused with one clear line (issue 13)."""
from __future__ import annotations

import re
import uuid
import zipfile
from pathlib import Path

import pytest

from sto_qual.domain import text as textmod
from sto_qual.domain.errors import ImportRefused
from sto_qual.services import Workspace
from sto_qual.services import interchange
from tests_support import others_can_write

ZINNEN = ["Het tekort aan technische docenten blijft de grootste zorg in de regio.",
          "We werken samen met het mbo aan keuzevakken en een gezamenlijke werkplaats.",
          "Na 2026 weten we niet of de subsidie doorloopt, dat maakt plannen lastig."]


def many_selections_qdpx(tmp_path: Path, n: int) -> tuple[Path, int]:
    """Fictional transcript exported by sto_qual, then its one selection copied ``n`` times
    with different long spans."""
    src = tmp_path / "R50.txt"
    src.write_text("\n\n".join(f"{'Interviewer' if i % 2 == 0 else 'Sanne'}: {ZINNEN[i % 3]} {ZINNEN[(i + 1) % 3]}"
                               for i in range(120)) + "\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "bron.db")
    assert ws.import_files([src]).ok
    ws.assign_code("R50", "urgentie", start=0, end=20)
    out = tmp_path / "bron.qdpx"
    interchange.export_qdpx(ws, out)
    ws.close()
    with zipfile.ZipFile(out) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    source = next(v for k, v in members.items() if k.startswith("sources/")).decode("utf-8")
    length = len(source)  # the text with its speaker labels, as the selections count it
    qde = members["project.qde"].decode("utf-8")
    sel = re.search(r"<PlainTextSelection .*?</PlainTextSelection>", qde, re.S).group(0)
    copies = []
    for i in range(n):
        s, e = i % 997, length - 1 - (i // 997)
        copy = re.sub(r'guid="[^"]+"', lambda _m: f'guid="{uuid.uuid4()}"', sel)
        copy = re.sub(r'CodeRef guid="[^"]+"', "CodeRef", copy)
        copy = re.sub(r'startPosition="\d+"', f'startPosition="{s}"', copy)
        copy = re.sub(r'endPosition="\d+"', f'endPosition="{e}"', copy)
        copies.append(copy)
    members["project.qde"] = qde.replace(sel, "\n".join(copies)).encode("utf-8")
    big = tmp_path / "veel.qdpx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return big, length


def test_many_long_selections_count_words_once(tmp_path, monkeypatch):
    path, length = many_selections_qdpx(tmp_path, 2000)
    scanned = [0]
    real = textmod.count_words

    def spy(text: str) -> int:
        scanned[0] += len(text)
        return real(text)
    monkeypatch.setattr(textmod, "count_words", spy)
    monkeypatch.setattr(interchange, "count_words", spy, raising=False)
    from sto_qual.nlp import pipeline
    real_segment = pipeline.segment
    ws = Workspace.create(tmp_path / "doel.db")

    def segment_outside(*a, **k):
        others_can_write(ws.path)  # the TUI can save while the sentences are split
        return real_segment(*a, **k)
    monkeypatch.setattr(pipeline, "segment", segment_outside)
    summary = ws.import_files([path])
    assert summary.ok, summary.refused
    codings = ws.codings(doc="R50")
    # some spans coincide once the speaker labels move out of the text (a span that starts inside
    # "Interviewer: " starts where the turn does) and the text is normalised
    assert len(codings) > 1800
    # each text is scanned about once, not once per selection (2000 x ~16,000 characters)
    assert scanned[0] < 5 * length
    # the words the counts report are those the spans cover, each word once
    text, covered = ws.document_text("R50"), []
    for s, e in sorted((c.start, c.end) for c in codings):
        if covered and s <= covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], e)
        else:
            covered.append([s, e])
    counts = ws.theme_counts().set_index("code")
    assert counts.loc["urgentie", "words"] == sum(real(text[s:e]) for s, e in covered)
    ws.close()


def test_too_many_selections_are_refused_with_one_line(tmp_path, monkeypatch):
    from sto_qual.importers import limits
    path, _ = many_selections_qdpx(tmp_path, 30)
    monkeypatch.setattr(limits, "MAX_QDPX_SELECTIONS", 20)
    ws = Workspace.create(tmp_path / "doel.db")
    with pytest.raises(ImportRefused, match="more than 20 codings"):
        ws.import_qdpx(path)
    assert ws.info()["documents"] == 0 and ws.info()["codings"] == 0
    ws.close()
