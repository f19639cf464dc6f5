"""A chapter on part of the interviews says which way a count errs from the interviews both coders coded of
that part: the report writer's krimp chapter said "In twee van de zes interviews die beiden codeerden, vond
alleen de andere onderzoeker dit onderwerp: het aantal is eerder te laag dan te hoog" under "In alle
krimpregio's speelt de daling" (four of four cannot be too low), of two urban interviews the chapter does not
count, beside a method saying the second researcher coded two of its interviews."""
from __future__ import annotations

import re

from sto_qual.services.report_reliability import errs


def _facets(ws, **kw) -> str:
    return " ".join(b.text for t in ws.report_data(appendix="none", **kw).themes for b in t.points)


def test_a_part_chapter_counts_the_interviews_both_coded_of_its_part(demo_ws):
    where = {"region_type": "krimp"}
    keep = set(demo_ws.analysis_service.doc_ids(where))
    both = demo_ws.agreement("onderzoeker-a", "onderzoeker-b", where=where)
    n = len(both["overall"]["documents"])
    assert 0 < n < len(demo_ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["documents"])
    data = demo_ws.report_data(appendix="none", where=where)
    assert "een tweede codeerde er twee onafhankelijk" in data.method and n == 2
    text = _facets(demo_ws, where=where)
    said = re.findall(r"[Ii]n (\w+) van de (\w+) interviews die beiden codeerden|van de (\w+) die beiden codeerden"
                      r"|In (de twee|het ene|alle \w+ de) interviews? d\w+ beiden codeerden", text)
    assert said, text
    # every interview-level caution speaks of the part's two, never of the whole project's six
    assert "van de zes" not in text and "zes interviews die beiden" not in text, text
    # krimp en leerlingaantallen: only the other coder found it in two urban interviews, none of this part
    rows = {r["code"]: r for r in both["interviews"]}
    krimp = rows["urgentie/krimp-leerlingaantallen"]
    assert krimp["only_a"] == krimp["only_b"] == 0
    assert "In alle krimpregio's speelt de daling van het aantal leerlingen (krimp). De twee onderzoekers codeerden " \
           "dit onderwerp niet steeds in dezelfde passages (alfa 0,66), maar wel in dezelfde interviews, van de twee " \
           "die beiden codeerden: voor het aantal maakt dat geen verschil." in text, text
    assert all(demo_ws.document(d).id in keep for d in both["overall"]["documents"])


def test_found_by_one_in_every_interview_both_coded_is_said_without_k_of_k():
    assert errs("nl", 0, 2, 6) == (" In twee van de zes interviews die beiden codeerden, vond alleen de andere "
                                   "onderzoeker dit onderwerp: het aantal is eerder te laag dan te hoog.")
    assert errs("nl", 0, 2, 2) == (" In de twee interviews die beiden codeerden, vond alleen de andere onderzoeker "
                                   "dit onderwerp: het aantal is eerder te laag dan te hoog.")
    assert errs("nl", 1, 1, 1).startswith(" In het ene interview dat beiden codeerden, vond alleen de onderzoeker van")
    assert errs("nl", 1, 4, 4).startswith(" In alle vier de interviews die beiden codeerden, vond alleen")
    assert errs("en", 0, 3, 3) == (" In all three interviews both coded only the other researcher found this topic: "
                                   "the count is more likely too low than too high.")
    assert errs("en", 0, 2, 2).startswith(" In the two interviews both coded only the other researcher")
