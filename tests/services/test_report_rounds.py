"""A chapter on part of the interviews, as an evaluation that follows its regions yearly writes one per
round: what it says of the coders' agreement, and of a region interviewed twice."""
from __future__ import annotations

import docx


def _chapter(ws, tmp_path, where):
    out = tmp_path / "h.docx"
    ws.report(out, where=where)
    return " ".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_a_chapter_on_interviews_one_researcher_coded_gives_no_caution_on_the_others_agreement(demo_ws, tmp_path):
    """A second round's chapter said "Eén onderzoeker codeerde alle zes de interviews" and then, under its
    themes, "liep tussen de twee onderzoekers meer uiteen (alfa 0,40)" and "In twee van de zes interviews die
    beiden codeerden, …": the first round's six double-coded interviews, none of them in the chapter."""
    both = demo_ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["documents"]
    alone = [d.name for d in demo_ws.documents() if d.name not in both][:5]
    text = _chapter(demo_ws, tmp_path, {"doc": ",".join(alone)})
    assert "Eén onderzoeker codeerde alle vijf de interviews." in text
    assert "meer uiteen" not in text and "die beiden codeerden" not in text and "voorbehoud" not in text
    # one of them in the chapter: the agreement (the project's, and said so) and its cautions stay
    text = _chapter(demo_ws, tmp_path, {"doc": ",".join([both[0], *alone[:4]])})
    assert "in het hele onderzoek" in text and "die beiden codeerden" in text
