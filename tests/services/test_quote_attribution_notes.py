"""What a quote table says of who speaks: a researcher coming from MAXQDA coded two sentences across a speaker
change (a penvoerder, then a programmaleider) and the codings export gave the first speaker's role and turn only,
"penvoerder", "beurt 10", where `stats --by role` counts the passage for both; and with every role set, each quote
of `quotes --format md` read "— een geïnterviewde", the reason only in the README."""
from __future__ import annotations

from cli_runner import sq


def test_a_coding_over_a_speaker_change_gives_every_role_and_turn_it_runs_over(demo_ws):
    turns = demo_ws.turns("R02")
    assert [t.role for t in turns[1:3]] == ["bestuurder", "penvoerder"]
    doc = demo_ws.document("R02")
    across = demo_ws.assign_code(doc.id, "urgentie", start=turns[1].start + 100, end=turns[2].start + 60,
                                 coder="onderzoeker-a")
    within = demo_ws.assign_code(doc.id, "urgentie", start=turns[2].start + 5, end=turns[2].start + 60,
                                 coder="onderzoeker-a")
    rows = {r["id"]: r for r in demo_ws.export_service.coding_table()}
    assert (rows[across.id]["role"], rows[across.id]["reference"]) == ("bestuurder; penvoerder", "beurt 2-3")
    assert (rows[within.id]["role"], rows[within.id]["reference"]) == ("penvoerder", "beurt 3")
    # a quote for the chapter is one speaker's words, credited to that one role, as before
    quoted = {r["id"]: r for r in demo_ws.quotes("urgentie")}
    assert quoted[across.id]["role"] == "bestuurder" and "penvoerder" not in quoted[across.id]["quote"]


def test_quotes_say_which_roles_they_credit_as_an_interviewee(demo_copy):
    got = sq("quotes", "urgentie", "--where", "region_type=krimp", "--format", "md", "--project", demo_copy)
    assert got.returncode == 0, got.stderr
    assert "— een geïnterviewde" in got.stdout
    line = next(x for x in got.stderr.splitlines() if "credited to 'een geïnterviewde'" in x)
    assert "penvoerder (in 2 interviews)" in line, line
    # and the file says it under its promise of "met de rol van de spreker" (read later, without the stderr)
    intro = got.stdout.split("\n\n")[1]
    assert "met de rol van de spreker" in intro and intro.endswith("en daar staat ‘een geïnterviewde’."), intro
    every = sq("quotes", "urgentie", "--format", "md", "--project", demo_copy)  # no role that rare in all nineteen
    assert every.returncode == 0 and "credited to 'een geïnterviewde'" not in every.stderr, every.stderr
    credited = "— een geïnterviewde" in every.stdout  # (a quote naming the one island region, say)
    assert ("daar staat ‘een geïnterviewde’" in every.stdout.split("\n\n")[1]) == credited


def test_under_each_quote_credited_as_an_interviewee_the_file_says_why_without_the_role(demo_copy):
    """The same programme leader was "— een programmaleider" under one quote and "— een geïnterviewde" under the
    next (it named the island), and a penvoerder's quotes "een geïnterviewde" too: the reader could not tell why."""
    krimp = sq("quotes", "urgentie", "--where", "region_type=krimp", "--format", "md", "--project", demo_copy).stdout
    said = [b for b in krimp.split("\n\n> “")[1:] if "— een geïnterviewde" in b]
    assert said and all("‘Een geïnterviewde’: de rol van de spreker komt in minder dan drie van deze interviews voor."
                        in b or "‘Een geïnterviewde’: het citaat noemt een type regio" in b for b in said)
    assert any("de rol van de spreker" in b for b in said)
    assert "penvoerder" not in " ".join(b.split("— een geïnterviewde", 1)[1] for b in said)  # the role stays hidden
    every = sq("quotes", "urgentie", "--format", "md", "--project", demo_copy).stdout
    island = [b for b in every.split("\n\n> “")[1:] if "— een geïnterviewde" in b]
    assert island and all("het citaat noemt een type regio waarvan er minder dan drie zijn" in b for b in island)
    credited = [b for b in every.split("\n\n> “")[1:] if "— een geïnterviewde" not in b]
    assert not any("‘Een geïnterviewde’" in b for b in credited)


def test_a_quote_printed_from_the_sentence_before_is_credited_as_what_it_prints(demo_copy):
    """A quote the file prints from the sentence before ("Onze derdejaars gaan … naar de overkant") was credited
    "— een programmaleider", checked on the words as coded: beside the island's other quotes credited "een
    geïnterviewde", it tied the island to its programme leader."""
    for theme in ("urgentie", "financieringsonzekerheid"):
        md = sq("quotes", theme, "--format", "md", "--project", demo_copy).stdout
        blocks = md.split("\n\n> “")[1:]
        island = [b for b in blocks if "overkant" in b.split("\n> —")[0] or "met de boot" in b.split("\n> —")[0]]
        assert island, theme
        for b in island:
            assert "\n> — een geïnterviewde" in b, b
            assert "‘Een geïnterviewde’: het citaat noemt een type regio" in b, b
