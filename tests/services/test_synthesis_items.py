"""A theme summary's sentences one by one: lead sentences, points and contrasts are each
edited and accepted from the CLI; the theme is reviewed only when every one of them is;
redrafting keeps them; English drafts behind --lang en; drafted points read as sentences."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest
from sto_qual.services import Workspace
from tests_support import invoke_cli

THEME = "vmbo-in-the-lead"


def run(project, *args, ok=True):
    args = [*args[:2], "--project", str(project), *args[2:]] if args[0] == "summary" else [*args, "--project", str(project)]
    res = invoke_cli(args)
    if ok:
        assert res.exit_code == 0, res.output
    return res


def show(project, *extra):
    return json.loads(run(project, "summary", "show", "--theme", THEME, "--format", "json", *extra).output)


def test_lead_and_contrast_sentences_are_edited_and_accepted_one_by_one(demo_copy):
    run(demo_copy, "summarize")
    before = show(demo_copy)
    assert before["lead_reviewed"] == [False] * len(before["lead"]) and len(before["lead_codes"]) == len(before["lead"])
    run(demo_copy, "summary", "accept", "--theme", THEME, "--lead", "2")
    run(demo_copy, "summary", "set", "--theme", THEME, "--contrast", "1", "--text", "Eigen zin over het contrast.")
    t = show(demo_copy)
    assert t["lead_reviewed"][1] and not t["lead_reviewed"][0]
    assert t["contrasts"][0]["text"] == "Eigen zin over het contrast." and t["contrasts"][0]["reviewed"]
    assert t["status"] == "draft"  # the unread sentences are not silently reviewed
    # the text view's header counts the accepted lead among the reviewed sentences
    n = len(t["lead"]) + len([p for p in t["points"] if p["text"]]) + len(t["contrasts"])
    header = run(demo_copy, "summary", "show", "--theme", THEME).output.splitlines()[0]
    assert header.endswith(f"2 of {n} sentences reviewed (●)"), header
    # redrafting keeps what a person edited or accepted
    run(demo_copy, "summarize", "--redraft")
    again = show(demo_copy)
    assert again["lead_reviewed"][1] and again["contrasts"][0]["text"] == "Eigen zin over het contrast."
    # and so does drafting the one theme again (it replaced every reviewed sentence, unasked)
    said = run(demo_copy, "summary", "draft", "--theme", THEME).output
    assert said.strip() == f"drafted: {THEME} [draft]; 2 reviewed sentences kept", said
    again = show(demo_copy)
    assert again["lead_reviewed"][1] and again["contrasts"][0]["text"] == "Eigen zin over het contrast."
    assert again["lead"][1] == t["lead"][1] and sum(again["lead_reviewed"]) == 1


def test_theme_is_reviewed_when_every_sentence_is(demo_copy):
    """Every sentence: the lead's, the points' that have one, the contrasts'. A point no sentence
    could retell (a quote carries it) has nothing to accept: accepting it is refused, and the
    theme is reviewed without it ("Accepted point 6" had marked nothing the chapter prints)."""
    run(demo_copy, "summarize", "--theme", THEME)
    t = show(demo_copy)
    bare = [i for i, p in enumerate(t["points"], 1) if not p["text"]]
    assert bare and len(bare) < len(t["points"])  # the demo's theme has both kinds
    refused = run(demo_copy, "summary", "accept", "--theme", THEME, "--point", str(bare[0]), ok=False)
    assert refused.exit_code == 1 and f"point {bare[0]} of {THEME} has no sentence to accept" in refused.output
    said = [("--lead", i) for i in range(1, len(t["lead"]) + 1)]
    said += [("--point", i) for i, p in enumerate(t["points"], 1) if p["text"]]
    said += [("--contrast", i) for i in range(1, len(t["contrasts"]) + 1)]
    for kind, i in said:
        assert show(demo_copy)["status"] == "draft"
        run(demo_copy, "summary", "accept", "--theme", THEME, kind, str(i))
    assert show(demo_copy)["status"] == "reviewed"


def test_item_errors_are_one_line(demo_copy):
    res = run(demo_copy, "summary", "accept", "--theme", THEME, "--lead", "99", ok=False)
    assert res.exit_code == 1 and "there is no lead sentence 99" in res.output
    res = run(demo_copy, "summary", "accept", "--doc", "R01", "--code", THEME, "--contrast", "1", ok=False)
    assert res.exit_code == 2 and "--contrast goes with --theme" in res.output
    # a cell and a theme at once: `accept --doc R03 --theme T` accepted the whole theme, --doc unsaid
    run(demo_copy, "summarize", "--theme", THEME)
    for verb in ("accept", "clear", "draft", "show"):
        res = run(demo_copy, "summary", verb, "--doc", "R03", "--theme", THEME, ok=False)
        assert res.exit_code == 2 and "a cell, or --theme T for a theme, not both" in res.output, (verb, res.output)
    assert show(demo_copy)["lead_reviewed"] == [False] * len(show(demo_copy)["lead"])


def test_points_read_as_sentences_from_what_was_said(demo_copy):
    run(demo_copy, "summarize", "--theme", "financieringsonzekerheid")
    t = json.loads(run(demo_copy, "summary", "show", "--theme", "financieringsonzekerheid", "--format",
                       "json").output)
    texts = [p["text"] for p in t["points"]]
    # no list of words as a finding: a point without a safe sentence has none (its label is a hint)
    assert not any("‘" in x or (p["label"] and p["label"] in x) for p, x in zip(t["points"], texts))
    # one region's example, framed as such, never as what all the point's regions said
    assert any(x.endswith(": men heeft een investering in een nieuwe CNC-machine een jaar uitgesteld.")
               for x in texts), texts
    assert not any(" van 19)" in x for x in texts)  # a word-grouped point claims no count of regions
    written = [x for x in texts if x]
    assert len(written) == len(set(written))  # no sentence twice
    openers = ("Een regio noemt als voorbeeld", "Een regio vertelt bijvoorbeeld", "Een voorbeeld uit een regio")
    assert all(x.startswith(tuple(o + ": " for o in openers) + ("Een andere regio vertelt: ", "Een derde regio vertelt: ",
                                                                 "Daarnaast noemt een regio: ")) for x in written)
    # the paragraphs do not all open alike
    assert len({x.split(":")[0] for x in written if x.startswith(openers)}) >= 2
    # "Een andere regio", "Een derde regio": each example of a paragraph from another interview,
    # and never two examples that say the same in other words
    from sto_qual.domain.quote_selection import content_words
    for code in {p["code"] for p in t["points"]}:
        told = [p for p in t["points"] if p["code"] == code and p["text"]]
        frames = [p["text"].split(":")[0] for p in told]
        assert not frames or frames[0].startswith(openers if code != t["code"] else "Daarnaast noemt een regio"), \
            frames
        for i, f in enumerate(frames[1:3]):
            assert f == ("Een andere regio vertelt", "Een derde regio vertelt")[i], frames
        said = [content_words(p["text"].partition(": ")[2]) for p in told]
        for i, a in enumerate(said):
            assert not any(len(a & b) >= 2 and len(a & b) * 2 >= min(len(a), len(b)) for b in said[:i]), told
    # the widest point of a sub-code first, and points without a sentence last (the chapter's order)
    assert texts[len(written):] == [""] * (len(texts) - len(written))
    assert t["lead"][0].endswith("In de meeste regio's noemt men ook de structurele knelpunten in de financiering (15 van 19).")
    # the regions that name both sides, counted from the codings the lead counts
    ws = Workspace.open(demo_copy)
    try:
        both = regions_naming_both(ws, "financieringsonzekerheid/impact", "financieringsonzekerheid/geen-impact")
    finally:
        ws.close()
    assert 1 < both < 19 and (f"Op één punt lopen de antwoorden uiteen: in de meeste regio's (16 van 19) wijst men op "
                              f"de gevolgen van de onzekerheid, in een deel van de regio's (8 van 19) op het beperkte "
                              f"effect van de onzekerheid; een aantal regio's ({both} van 19) noemt beide."
                              ) in t["lead"][0], t["lead"][0]


def regions_naming_both(ws, a: str, b: str) -> int:
    ref = ws.counting_coder()
    docs = [{c.doc for c in ws.codings(code=code) if c.coder == ref} for code in (a, b)]
    return len(docs[0] & docs[1])


def test_english_draft_behind_lang(demo_copy):
    ws = Workspace.open(demo_copy)
    try:
        en = ws.synthesis().theme_summary(THEME, lang="en", unspoken=True)
        nl = ws.synthesis().theme_summary(THEME, unspoken=True)
        assert en.lang == "en" and en.status == "draft" and not en.fallback
        # the codebook's English phrase (summary_en) reads after "In all regions,"
        assert en.lead[0].startswith("All regions mention the obstacles to the lead role, and most regions also "
                                     "mention the success factors for the lead role (14 of 19).")
        both = regions_naming_both(ws, "vmbo-in-the-lead/gerealiseerd", "vmbo-in-the-lead/op-papier")
        assert en.lead[0].endswith("On one point the answers differ: most regions (15 of 19) point to the lead the vmbo "
                                   "takes in practice, a large minority of the regions (7 of 19) to a lead role that "
                                   f"exists mainly on paper; several regions ({both} of 19) mention both."), en.lead[0]
        assert en.lead[2] == "In most regions (15 of 19), the vmbo is said to have taken the lead role in practice."
        # no Dutch fragment cut from its context stands in for an English retelling ("One region
        # gives an example: “We zijn wel eens uitgenodigd …”" left out that the region declined):
        # the English points have no sentence, and their quotes carry them, as in Dutch
        assert sorted(p.label for p in en.points) == sorted(p.label for p in nl.points)
        assert any(p.text for p in nl.points) and not any(p.text for p in en.points)
    finally:
        ws.close()
    # a code without label_en falls back to Dutch, visibly
    con = sqlite3.connect(demo_copy)
    with con:
        con.execute("UPDATE codes SET label_en = NULL WHERE path = ?", (THEME + "/op-papier",))
        con.execute("UPDATE code_synthesis SET summary_en = '' WHERE code_id = (SELECT id FROM codes WHERE path = ?)",
                    (THEME + "/op-papier",))
    con.close()
    ws = Workspace.open(demo_copy)
    try:
        en = ws.synthesis().theme_summary(THEME, lang="en")
        assert en.fallback == (THEME + "/op-papier",)
        assert any("[nl]" in x for x in en.lead)
    finally:
        ws.close()
    out = run(demo_copy, "summary", "show", "--theme", THEME, "--lang", "en").output
    assert "no label_en (Dutch label used, marked [nl]): vmbo-in-the-lead/op-papier" in out


def test_drafts_stay_deterministic(demo_copy, tmp_path):
    import shutil
    other = tmp_path / "again.db"
    shutil.copy(demo_copy, other)
    for p in (demo_copy, other):
        run(p, "summarize")
    strip = lambda d: {k: v for k, v in d.items() if k not in ("updated_at",)}  # noqa: E731
    assert strip(show(demo_copy)) == strip(show(other))


def test_setting_one_sentence_says_what_was_saved_and_credits_only_that(demo_copy):
    run(demo_copy, "summarize", "--theme", THEME)
    out = run(demo_copy, "summary", "set", "--theme", THEME, "--point", "1", "--text", "Eigen zin.",
              "--coder", "onderzoeker-a").output
    assert "Saved point 1 of vmbo-in-the-lead; it is marked reviewed." in out
    assert "The theme as a whole is still a draft:" in out and "[draft]" not in out
    t = show(demo_copy)
    assert t["author"] == "sto_qual"  # the theme is not credited to the person who set one point
    p = t["points"][0]
    assert p["edited"] is True and p["reviewed_by"] == "onderzoeker-a" and p["text"] == "Eigen zin."
    header = run(demo_copy, "summary", "show", "--theme", THEME).output.splitlines()[0]
    assert re.search(r"drafted, \d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d", header), header  # not an ISO stamp
    assert "point 1 by onderzoeker-a" in header


def test_a_point_set_as_typed_text_says_the_chapter_keeps_its_topics_drafted_opening(demo_copy):
    """A writer rewrote point 1 of urgentie ("Vrijwel overal …") and the chapter printed it after
    the drafted "In alle regio's vergelijkt men …", which `summary set` had not said; and the
    text typed after the options, as other commands take it, was refused as an extra argument."""
    run(demo_copy, "summarize", "--theme", "urgentie")
    drafted = json.loads(run(demo_copy, "summary", "show", "--theme", "urgentie", "--format", "json").output)
    k = drafted["lead_codes"].index(drafted["points"][0]["code"]) + 1
    res = run(demo_copy, "summary", "set", "--theme", "urgentie", "--point", "1", "Vrijwel overal verschoof het.")
    assert res.stderr.startswith(f"note: the chapter opens this point's topic with lead sentence {k} as drafted: "
                                 f"“{drafted['lead'][k - 1]}”"), res.stderr
    assert f"summary set --theme urgentie --lead {k} --text" in res.stderr
    after = json.loads(run(demo_copy, "summary", "show", "--theme", "urgentie", "--format", "json").output)
    assert after["points"][0]["text"] == "Vrijwel overal verschoof het."
    run(demo_copy, "summary", "set", "--theme", "urgentie", "--lead", str(k), "Overal kwam het ter sprake.")
    again = run(demo_copy, "summary", "set", "--theme", "urgentie", "--point", "1", "--text", "Nog eens anders.")
    assert "note:" not in again.stderr  # its opening is the writer's own now
    twice = run(demo_copy, "summary", "set", "--theme", "urgentie", "--point", "1", "a", "--text", "b", ok=False)
    assert twice.exit_code == 2 and "give the text once" in twice.output


def test_a_redraft_keeps_reviewed_points_in_the_chapters_order():
    from sto_qual.services.synthesis_rows import keep_reviewed
    old = {"points": [{"code": "t/a", "label": "x", "reviewed": True, "text": "Mijn zin."},
                      {"code": "t/b", "label": "gone", "reviewed": True, "text": "Weg."}],
           "lead": [], "lead_meta": [], "contrasts": []}
    fresh = {"points": [{"code": "t/a", "label": "w", "text": "A"}, {"code": "t/a", "label": "x", "text": "B"},
                        {"code": "t/c", "label": "y", "text": "C"}], "lead": [], "lead_meta": [], "contrasts": []}
    out = keep_reviewed(old, fresh)
    assert [p["text"] for p in out["points"]] == ["A", "Mijn zin.", "C", "Weg."]


def test_a_remark_on_the_theme_in_all_its_regions_does_not_repeat_the_lead(demo_copy):
    theme = "financieringsonzekerheid"
    ws = Workspace.open(demo_copy)
    try:
        syn = ws.synthesis()
        corpus = syn.corpus()
        every = {sp.doc for sp in corpus.spans_of(theme)}
        pts = syn._points(corpus, theme, direct_only=True, scope_of=every)
        first = next(p for p in pts if p.text)
        assert first.text.startswith("Daarnaast noemt een regio: ") and len(first.regions) > 1  # one region's words
        # were the theme spoken of only in this point's regions, the point would say its lead again
        ids = {x for x, name in corpus.docs if name in first.regions}
        again = {p.label: p.text for p in syn._points(corpus, theme, direct_only=True, scope_of=ids)}
        assert again[first.label] == ""
        # a sub-code's point made in all of the sub-code's regions adds no second count
        sub = theme + "/impact"
        widest = syn._points(corpus, sub, scope_of={sp.doc for sp in corpus.spans_of(sub)})
        same = [p for p in widest if p.text and len(p.regions) == len({sp.doc for sp in corpus.spans_of(sub)})]
        assert all(p.text.startswith("Een regio noemt als voorbeeld: ") for p in same)
    finally:
        ws.close()


def test_the_examples_of_a_paragraph_come_from_different_interviews(demo_ws):
    """ "Een andere regio: …" is true: each example of a paragraph is the retelling of a sentence
    of another interview (traced by retelling every sentence of the project the same way)."""
    from sto_qual.domain import drafting as d
    from sto_qual.domain.reported_speech import third_person
    syn = demo_ws.synthesis()
    corpus = syn.corpus()
    told: dict[str, set[str]] = {}
    for ui, (start, end) in enumerate(corpus.unit_span):
        doc = corpus.unit_doc[ui]
        retold = third_person(d.clean_sentence(" ".join(corpus.text(doc)[start:end].split())))
        if retold:
            told.setdefault(retold, set()).add(corpus.doc_name[doc])
    by_code: dict[str, list[set[str]]] = {}
    for theme in ("urgentie", "vmbo-in-the-lead", "collectief-optrekken", "financieringsonzekerheid"):
        for p in syn.theme_summary(theme).points:
            if p.text:
                by_code.setdefault(p.code, []).append(told.get(p.text.partition(": ")[2], set()))
    # paragraphs with a second example (the demo's third, "één daarvan is inmiddels weg", lost its
    # referent and is no longer retold)
    assert sum(len(v) >= 2 for v in by_code.values()) >= 4
    for code, docs in by_code.items():
        assert all(docs), (code, docs)  # each traced to an interview that said it
        if len(docs) > 1:  # "Een andere regio": the examples of one paragraph come from different interviews
            assert all(len(x) == 1 for x in docs), (code, docs)
            assert len({min(x) for x in docs}) == len(docs), (code, docs)


def test_no_circular_difference_between_region_types(demo_ws):
    """"Krimp speelt in alle krimpregio's" says what the group's name says: a code named after the
    group that would lead its contrast has none."""
    s = demo_ws.synthesis().theme_summary("urgentie")
    attribute = [c for c in s.contrasts if c.kind == "attribute"]
    assert attribute  # the theme has real differences
    assert not any(c.code == "urgentie/krimp-leerlingaantallen" and c.counts[0][0] == "krimp" for c in attribute)


def test_differences_between_regions_are_drafted_over_the_region_type_alone(demo_ws):
    """The twelve interviews with a bestuurder at the table split by number of school boards into
    groups of three: "In alle regio's met 4 (3 van 3) …" told a reader nothing no table showed.
    A difference is drafted over the attribute the chapter's tables compare by."""
    data = demo_ws.report_data(where={"respondent_roles": "bestuurder"})
    printed = " ".join(" ".join(t.contrasts) for t in data.themes)
    assert printed and "regio's met" not in printed and "regio met" not in printed, printed
    for theme in ("urgentie", "collectief-optrekken", "vmbo-in-the-lead"):
        attribute = [c for c in demo_ws.synthesis().theme_summary(theme).contrasts if c.kind == "attribute"]
        assert {c.other for c in attribute} <= {"region_type"}


def test_a_drafted_difference_reads_as_the_chapter_prints_it(demo_ws):
    """The theme view and `summary show` offer the chapter's own sentence to edit: a drafted
    difference between region types is worded as the report words it."""
    s = demo_ws.synthesis().theme_summary("financieringsonzekerheid")
    data = demo_ws.report_data(codes=["financieringsonzekerheid"])
    printed = " ".join(data.themes[0].contrasts)
    attribute = [c.text for c in s.contrasts if c.kind == "attribute"]
    assert attribute and all(t in printed for t in attribute), (attribute, printed)
    assert not any("vooral in" in c.text or "alleen ‘" in c.text for c in s.contrasts)


def _lead_of(theme: dict, code: str) -> tuple[int, str]:
    i = theme["lead_codes"].index(code)
    return i + 1, theme["lead"][i]


def remove_one(project, code: str):
    """Remove one of the counted coder's codings of ``code``; returns it."""
    ws = Workspace.open(project)
    try:
        gone = next(c for c in ws.codings(code=code) if c.coder == ws.counting_coder())
        ws.remove_coding(gone.id)
    finally:
        ws.close()
    return gone


def test_an_accepted_sentence_reads_outdated_when_the_codings_under_it_change(demo_copy):
    """A reviewed lead sentence kept "(15 van 19)" after a coding under it was removed, and
    neither `summary show` nor `summarize` said anything ("0 outdated")."""
    code = "vmbo-in-the-lead/gerealiseerd"
    run(demo_copy, "summarize")
    n, _text = _lead_of(show(demo_copy), code)
    run(demo_copy, "summary", "accept", "--theme", THEME, "--lead", str(n))
    assert show(demo_copy)["status"] == "draft"
    gone = remove_one(demo_copy, code)
    t = show(demo_copy)
    assert t["status"] == "outdated" and t["changes"]["removed"] == [gone.id]
    # the sentence itself is marked, not only the theme: ◐ where its "(15 van 19)" is no longer true
    assert [i + 1 for i, x in enumerate(t["lead_outdated"]) if x] == [n]
    assert f"L{n}. ◐ " in run(demo_copy, "summary", "show", "--theme", THEME).output
    assert "1 outdated" in run(demo_copy, "summarize").output.split("themes:")[1]
    assert show(demo_copy)["status"] == "outdated"  # a redraft keeps the sentence and its warning
    n, text = _lead_of(show(demo_copy), code)
    # accepted as drafted, its "(15 van 19)" is that of then: not accepted again but drafted again
    refused = run(demo_copy, "summary", "accept", "--theme", THEME, "--lead", str(n), ok=False)
    assert refused.exit_code == 1 and f"lead {n} of {THEME} was accepted as drafted" in refused.output
    assert f"`sto-qual summary draft --theme {THEME} --project {demo_copy}`" in refused.output
    run(demo_copy, "summary", "draft", "--theme", THEME)
    t = show(demo_copy)
    n, redrafted = _lead_of(t, code)
    assert t["status"] == "draft" and not any(t["lead_outdated"]) and not t["lead_reviewed"][n - 1]
    run(demo_copy, "summary", "accept", "--theme", THEME, "--lead", str(n))
    assert show(demo_copy)["status"] == "draft"  # accepted again against today's codings


def test_a_stored_draft_never_shows_counts_the_codings_no_longer_have(demo_copy):
    """After `summarize`, removing a coding left the stored draft's "(15 van 19)" in `summary
    show`, the theme view and the chapter, beside a table that said 14."""
    code = "vmbo-in-the-lead/gerealiseerd"
    run(demo_copy, "summarize")
    ws = Workspace.open(demo_copy)
    try:
        ref = ws.counting_coder()
        docs = {c.doc: c.id for c in ws.codings(code=code) if c.coder == ref}
        doc = next(d for d in docs if sum(c.doc == d for c in ws.codings(code=code) if c.coder == ref) == 1)
        ws.remove_coding(docs[doc])
    finally:
        ws.close()
    now = len(docs) - 1
    _n, text = _lead_of(show(demo_copy), code)
    assert f"({now} van 19)" in text, text
    assert f"({now} van 19)" in show(demo_copy)["lead"][0]


def test_a_drafted_cell_follows_its_codings_and_goes_when_they_do(demo_copy):
    """A cell whose only coding was removed kept its draft, the removed passage's text with
    "passages": [], until the next `summarize`."""
    run(demo_copy, "summarize")
    grid = json.loads(run(demo_copy, "grid", "--format", "json").output)
    cell = next(c for c in grid if c["status"] == "draft" and len(c["passages"]) == 1)
    ws = Workspace.open(demo_copy)
    try:
        ws.remove_coding(cell["passages"][0])
    finally:
        ws.close()
    grid = json.loads(run(demo_copy, "grid", "--format", "json").output)
    now = next(c for c in grid if (c["document"], c["code"]) == (cell["document"], cell["code"]))
    assert now["status"] == "empty" and now["summary"] == "" and now["passages"] == []


def test_who_reviewed_each_sentence_and_who_changed_the_theme_last(demo_copy):
    """The theme's author stays the draft's until the whole theme is reviewed; per sentence the
    reviewer (lead sentences and contrasts too, not only points), and the last change's author,
    also after an undo."""
    run(demo_copy, "summarize")
    ws = Workspace.open(demo_copy)
    try:
        syn = ws.synthesis()
        empty = syn.theme_reviewers(THEME)
        assert empty["changed_by"] == "sto_qual" and not any(empty["lead"] + empty["contrast"] + empty["point"])
        syn.set_item(THEME, "lead", 2, None, coder="onderzoeker-b")
        syn.set_item(THEME, "contrast", 1, "Eigen zin.", coder="collega")
        marks = syn.theme_reviewers(THEME)
        assert marks["lead"][1] == "onderzoeker-b" and marks["lead"][0] == ""
        assert marks["contrast"][0] == "collega" and marks["changed_by"] == "collega"
        # how: her own words or the draft accepted (F9 said "reviewed by" of both)
        assert marks["edited"]["contrast"][0] and not marks["edited"]["lead"][1]
        same = syn.theme(THEME)["lead"][0]
        syn.set_item(THEME, "lead", 1, same, coder="noor")  # saved as it stood: an accept
        syn.set_item(THEME, "lead", 3, "Een zin van noor.", coder="noor")
        edited = syn.theme_reviewers(THEME)["edited"]["lead"]
        assert edited[:3] == [False, False, True], edited
        ws.undo("noor")
        ws.undo("noor")
        t = syn.theme(THEME)
        assert t["author"] == "sto_qual" and marks["changed_at"] == t["updated_at"]
        assert len(marks["point"]) == len(t["points"]) and len(marks["lead"]) == len(t["lead"])
        # `summary show` names them all (it named the points only: "point 1 by …" with five reviewed)
        header = run(demo_copy, "summary", "show", "--theme", THEME).output.splitlines()[0]
        assert "reviewed: lead 2 by onderzoeker-b; contrast 1 by collega" in header, header
        ws.undo("collega")
        marks = syn.theme_reviewers(THEME)
        assert marks["contrast"][0] == "" and marks["changed_by"] == "onderzoeker-b"
    finally:
        ws.close()


def test_an_outdated_partly_reviewed_theme_keeps_its_drafts_marked_in_the_chapter(demo_copy):
    """After a coding under a partly accepted theme was removed, the chapter printed only "de
    coderingen zijn gewijzigd …" and no longer marked the 16 drafted sentences: a reader took
    the whole section as checked."""
    from sto_qual.report.labels import LABELS
    run(demo_copy, "summarize")
    n, _text = _lead_of(show(demo_copy), "vmbo-in-the-lead/gerealiseerd")
    run(demo_copy, "summary", "accept", "--theme", THEME, "--lead", str(n))
    ws = Workspace.open(demo_copy)
    try:
        gone = next(c for c in ws.codings(code="vmbo-in-the-lead/gerealiseerd") if c.coder == ws.counting_coder())
        ws.remove_coding(gone.id)
        section = next(t for t in ws.report_data().themes if t.path == THEME)
    finally:
        ws.close()
    lab = LABELS["nl"]
    # the accepted sentence rests on the removed coding: it is marked too, and the note says why
    assert section.marked and section.note == lab["concept_stale"]
    parts = [c for b in section.points for _t, c in b.parts] + [c for ps in section.opening_concept for c in ps]
    assert parts and all(parts)  # nothing in it stands as reviewed any more


def test_a_cell_whose_passages_are_gone_is_not_accepted(demo_copy):
    """ctrl+g (and `summary accept`) vouched for a cell text after its only passage was removed."""
    run(demo_copy, "summarize")
    grid = json.loads(run(demo_copy, "grid", "--format", "json").output)
    cell = next(c for c in grid if c["status"] == "draft" and len(c["passages"]) == 1)
    run(demo_copy, "summary", "set", "--doc", cell["document"], "--code", cell["code"], "--text", "Eigen tekst.")
    ws = Workspace.open(demo_copy)
    try:
        ws.remove_coding(cell["passages"][0])
    finally:
        ws.close()
    res = run(demo_copy, "summary", "accept", "--doc", cell["document"], "--code", cell["code"], ok=False)
    assert res.exit_code == 1 and "has no passages any more" in res.output
    now = json.loads(run(demo_copy, "summary", "show", "--doc", cell["document"], "--code", cell["code"],
                          "--format", "json").output)
    assert now["status"] == "outdated" and now["summary"] == "Eigen tekst."


def test_accepting_a_whole_theme_names_who_reviewed_each_sentence(demo_copy):
    """After a whole-section accept, lead sentences and contrasts read "reviewed" with no name;
    one accepted earlier on its own keeps its own reviewer."""
    run(demo_copy, "summarize")
    run(demo_copy, "summary", "accept", "--theme", THEME, "--lead", "1", "--coder", "onderzoeker-b")
    run(demo_copy, "summary", "accept", "--theme", THEME, "--coder", "onderzoeker-a")
    ws = Workspace.open(demo_copy)
    try:
        who = ws.synthesis().theme_reviewers(THEME)
    finally:
        ws.close()
    assert who["lead"][0] == "onderzoeker-b" and set(who["lead"][1:]) == {"onderzoeker-a"}
    assert who["contrast"] and set(who["contrast"]) == {"onderzoeker-a"}
    assert show(demo_copy)["status"] == "reviewed"


def test_summary_show_prints_one_time_format_for_cells_and_themes(demo_copy):
    """A theme's byline read "2 Dec 2026, 18:05 UTC" and a cell's the raw ISO stamp."""
    run(demo_copy, "summarize")
    cell = run(demo_copy, "summary", "show", "--doc", "R01", "--code", "urgentie").output.splitlines()[0]
    theme = run(demo_copy, "summary", "show", "--theme", THEME).output.splitlines()[0]
    stamp = re.compile(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC")
    assert stamp.search(cell) and stamp.search(theme) and "+00:00" not in cell, (cell, theme)


def test_summary_show_gives_an_outdated_contrasts_counts_today(demo_copy):
    """An accepted contrast whose codings changed since: `summary show` printed ◐ and the
    reviewed sentence, and nothing said what the counts are now. JSON `counts_now` and a
    text line give today's beside the reviewed ones; a contrast that did not change has none."""
    run(demo_copy, "summarize", "--theme", THEME)
    n = next(i for i, c in enumerate(show(demo_copy)["contrasts"], 1) if c["kind"] == "codes")
    run(demo_copy, "summary", "accept", "--theme", THEME, "--contrast", str(n))
    c = show(demo_copy)["contrasts"][n - 1]
    assert "counts_now" not in c and "counts when reviewed" not in run(demo_copy, "summary", "show", "--theme", THEME).output
    ws = Workspace.open(demo_copy)
    try:
        me = ws.counting_coder()
        docs = {code: {x.doc for x in ws.codings(code=code, coder=me)} for code in (c["code"], c["other"])}
        doc = sorted(docs[c["other"]] - docs[c["code"]])[0]  # the other code only: now both
        taken = {(x.start, x.end) for x in ws.codings(doc=doc)}
        unit = next(u for u in ws.units(doc)[2:] if not any(s < u.end and u.start < e for s, e in taken))
        ws.assign_code(doc, c["code"], unit=unit.id, coder=me)
    finally:
        ws.close()
    was = {g: k for g, k, _of in c["counts"]}
    c = show(demo_copy)["contrasts"][n - 1]
    now = {g: k for g, k, _of in c["counts_now"]}
    assert c["outdated"] and c["counts"] == show(demo_copy)["contrasts"][n - 1]["counts"]
    assert now["both"] == was["both"] + 1 and now["only-other"] == was["only-other"] - 1
    out = run(demo_copy, "summary", "show", "--theme", THEME).output
    line = next(x for x in out.splitlines() if "counts when reviewed → today" in x)
    assert f"both {was['both']} of 19 → {now['both']} of 19" in line, line
    assert f"only {c['other']} {was['only-other']} of 19 → {now['only-other']} of 19" in line, line


def test_summary_show_of_a_sub_code_says_it_shows_its_theme(demo_copy):
    """`summary show --theme urgentie/docententekort` showed the theme urgentie, silently."""
    run(demo_copy, "summarize", "--theme", "urgentie")
    res = run(demo_copy, "summary", "show", "--theme", "urgentie/docententekort", "--format", "json")
    assert json.loads(res.stdout)["code"] == "urgentie"
    assert "note: urgentie/docententekort is not a theme; the summary of its theme urgentie is shown" in res.stderr
    assert run(demo_copy, "summary", "show", "--theme", "urgentie", "--format", "json").stderr == ""


def test_summarize_counts_each_theme_once(demo_copy):
    """After a coding change under an accepted lead sentence, `summarize` said "themes: 1
    drafted, 3 unchanged, 0 reviewed, 1 outdated": five for four themes (the theme drafted
    again around the accepted sentence counted twice)."""
    run(demo_copy, "summarize")
    run(demo_copy, "summary", "accept", "--theme", "urgentie", "--lead", "1")
    run(demo_copy, "code", "--doc", "R01", "--code", "urgentie", "--sentence", "40")
    counts = json.loads(run(demo_copy, "summarize", "--format", "json").stdout)
    themes = [counts[f"themes_{k}"] for k in ("drafted", "unchanged", "reviewed", "outdated")]
    assert sum(themes) == 4 and counts["themes_outdated"] == 1, counts


def test_undo_of_a_sentence_accept_is_called_an_accept_of_that_sentence(demo_copy):
    """F9's u after ctrl+g on one lead sentence said "Undid: edit of the theme summary
    ‘Urgentie’": nothing was edited, a sentence was accepted. Then it said "accept of the theme
    summary" where a writer had accepted one point: the step names the sentence."""
    run(demo_copy, "summarize")
    run(demo_copy, "summary", "accept", "--theme", "urgentie", "--lead", "1")
    res = run(demo_copy, "undo")
    assert "undone: accept of lead sentence 1 of the theme summary ‘Urgentie’" in res.output, res.output
    run(demo_copy, "summary", "set", "--theme", "urgentie", "--point", "2", "--text", "Een regio vertelt iets anders.")
    assert "undone: edit of point 2 of the theme summary ‘Urgentie’" in run(demo_copy, "undo").output
    run(demo_copy, "summary", "accept", "--theme", "urgentie")  # the whole: named as the whole
    assert "undone: accept of the theme summary ‘Urgentie’" in run(demo_copy, "undo").output
    # the last sentence accepted, which makes the whole theme reviewed, is still named as that sentence
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_copy)
    data = ws.synthesis().theme("urgentie")
    items = [("lead", i) for i in range(1, len(data["lead"]) + 1)] + [  # (a point without a sentence has none)
        ("point", i) for i, p in enumerate(data["points"], 1) if p["text"].strip()] + [
        ("contrast", i) for i in range(1, len(data["contrasts"]) + 1)]
    for kind, i in items[:-1]:
        ws.synthesis().set_item("urgentie", kind, i, coder="noor")
    ws.close()
    kind, i = items[-1]
    run(demo_copy, "summary", "accept", "--theme", "urgentie", f"--{kind}", str(i))
    said = run(demo_copy, "undo").output
    name = {"lead": "lead sentence", "point": "point", "contrast": "contrast"}[kind]
    assert f"undone: accept of {name} {i} of the theme summary ‘Urgentie’" in said, said


def test_a_point_that_retells_an_example_shows_that_passage_as_its_evidence(demo_ws):
    """Point 1 retold R03's bestuurder ("een paar kleinere besturen hebben hun zij-instromers
    geen vaste aanstelling gegeven") while its evidence, in F9 and `summary show`, was R02's
    sentence: a reviewer could not check the sentence against what it retells."""
    from sto_qual.domain.drafting_en import is_example
    from sto_qual.domain.quote_selection import content_words
    checked = 0
    for theme in ("financieringsonzekerheid", "urgentie"):
        for p in demo_ws.synthesis().theme_summary(theme).points:
            if not is_example(p.text):
                continue
            c = demo_ws.coding(p.references[0])
            held = " ".join(demo_ws.document_text(c.document_id)[c.start:c.end].split())
            assert p.evidence in held, (p.text, p.evidence)
            said, source = content_words(p.text.partition(": ")[2]), content_words(p.evidence)
            assert len(said & source) * 2 >= len(said), (p.text, p.evidence)
            checked += 1
    assert checked >= 4


def test_a_sentence_saved_beside_outdated_ones_does_not_say_none_is_left_to_review(demo_copy):
    """Every sentence of a theme reviewed, then a coding under it removed: saving one sentence said
    "The theme as a whole is still a draft: 0 of 17 sentences not yet reviewed."."""
    theme = "financieringsonzekerheid"
    run(demo_copy, "summarize", "--theme", theme)
    run(demo_copy, "summary", "accept", "--theme", theme)
    coding = next(c for c in json.loads(run(demo_copy, "codings", "--doc", "R03", "--code", f"{theme}/impact",
                                            "--format", "json").output))
    run(demo_copy, "uncode", str(coding["id"]))
    out = run(demo_copy, "summary", "set", "--theme", theme, "--lead", "1", "--text", "Eigen zin.").output
    assert "0 of" not in out, out
    # (the commands it names carry the project given, on stdout as on stderr)
    assert (f"The theme as a whole is not reviewed yet: a sentence was reviewed before its codings changed "
            f"(`sto-qual summary show --theme {theme} --project {demo_copy}` marks it; one you edited is reviewed by "
            f"accepting it again, one accepted as drafted by drafting it again: `sto-qual summary draft --theme "
            f"{theme} --project {demo_copy}`).") in out, out


def test_a_whole_theme_accepted_marks_just_the_sentences_a_removed_coding_touches(demo_copy):
    """A theme accepted as a whole kept nothing per sentence: after a coding under one sub-code was
    removed, the chapter printed every "(15 van 19)" unmarked under one note for the section."""
    code = "vmbo-in-the-lead/gerealiseerd"
    run(demo_copy, "summarize")
    run(demo_copy, "summary", "accept", "--theme", THEME)
    gone = remove_one(demo_copy, code)
    t = show(demo_copy)
    n, _text = _lead_of(t, code)
    assert t["status"] == "outdated" and t["changes"]["removed"] == [gone.id]
    # the sentence on that sub-code and the theme's opening sentence over all of them; no other
    assert t["lead_codes"][0] == THEME and [i + 1 for i, x in enumerate(t["lead_outdated"]) if x] == [1, n]
    assert all(p["outdated"] == (p["code"] in (code, THEME)) for p in t["points"])
    assert any(p["outdated"] for p in t["points"]) and not all(p["outdated"] for p in t["points"])


def test_deleting_or_adding_an_interview_marks_every_reviewed_count_of_the_theme(demo_copy, tmp_path):
    """After R03 was deleted, a reviewed theme still said "(11 van 19)" beside tables of 18
    interviews, a sentence whose own codings R03 did not hold unmarked and unwarned; an interview
    added later changes every "van 19" just as much."""
    run(demo_copy, "summarize")
    run(demo_copy, "summary", "accept", "--theme", THEME)
    run(demo_copy, "delete-doc", "--doc", "R03", "--yes")
    t = show(demo_copy)
    assert t["status"] == "outdated" and t["changes"]["interviews"] == [19, 18]
    assert t["lead_outdated"] and all(t["lead_outdated"]) and all(p["outdated"] for p in t["points"])
    assert "counted over 19 interviews, now 18" in run(demo_copy, "summary", "show", "--theme", THEME).output
    assert "1 outdated" in run(demo_copy, "summarize").output.split("themes:")[1]
    out = tmp_path / "h.docx"
    res = run(demo_copy, "report", "-o", str(out))
    assert ("reviewed sentences whose codings, the interviews they count over or the groups they compare (the "
            "attribute the tables compare by) changed since (shaded yellow; their counts may be out of date): Vmbo in "
            "the lead") in res.output
    assert "nothing was accepted: draft them again" not in res.output
    # accepted as drafted, each "(11 van 19)" is that of then: accepting again is refused, drafting
    # again gives today's counts, which are then read and accepted
    refused = run(demo_copy, "summary", "accept", "--theme", THEME, ok=False)
    assert refused.exit_code == 1 and "were accepted as drafted and rest on codings, interviews or groups" in \
        refused.output and "nothing was accepted: draft them again from today's codings first" in refused.output
    assert show(demo_copy)["status"] == "outdated"
    run(demo_copy, "summary", "draft", "--theme", THEME)
    assert "van 19)" not in " ".join(show(demo_copy)["lead"]) and "van 18)" in " ".join(show(demo_copy)["lead"])
    run(demo_copy, "summary", "accept", "--theme", THEME)
    assert show(demo_copy)["status"] == "reviewed"
    new = tmp_path / "R20.txt"
    new.write_text("Interviewer: Hoe staat het ervoor?\nJan: Goed, dank je.\n", encoding="utf-8")
    run(demo_copy, "import", str(new))
    t = show(demo_copy)
    assert t["status"] == "outdated" and t["changes"]["interviews"] == [18, 19] and all(t["lead_outdated"])


def test_a_theme_accepted_whole_before_sentences_kept_their_codings_reads_outdated_in_each(demo_copy):
    """A theme accepted as a whole by an earlier version kept what it rests on only for the
    theme: a change under it now marks each of its sentences (which one it touches is not known)."""
    run(demo_copy, "summarize")
    run(demo_copy, "summary", "accept", "--theme", THEME)
    db = sqlite3.connect(str(demo_copy))
    with db:
        (code_id, lead_meta, points), = db.execute(
            "SELECT t.code_id, t.lead_meta, t.points FROM theme_summaries t JOIN codes c ON c.id = t.code_id "
            "WHERE c.path = ?", (THEME,))
        old = ("basis", "fingerprint", "interviews", "groups")
        strip = lambda items: json.dumps([{k: v for k, v in x.items() if k not in old} for x in json.loads(items)])
        db.execute("UPDATE theme_summaries SET lead_meta = ?, points = ? WHERE code_id = ?",
                   (strip(lead_meta), strip(points), code_id))
    db.close()
    assert show(demo_copy)["status"] == "reviewed"
    remove_one(demo_copy, "vmbo-in-the-lead/gerealiseerd")
    t = show(demo_copy)
    assert t["status"] == "outdated" and all(t["lead_outdated"]) and all(p["outdated"] for p in t["points"])


def test_drafting_an_outdated_theme_again_keeps_the_sentences_a_person_wrote(demo_copy):
    """After a deleted interview, a sentence she wrote herself is hers to correct: drafting the theme
    again replaces only the ones accepted as drafted, and accepting then vouches for hers too."""
    run(demo_copy, "summarize")
    run(demo_copy, "summary", "set", "--theme", THEME, "--lead", "2", "--text", "Eigen zin over de regie (15 van 19).")
    run(demo_copy, "summary", "accept", "--theme", THEME)
    run(demo_copy, "delete-doc", "--doc", "R03", "--yes")
    drafted = run(demo_copy, "summary", "draft", "--theme", THEME).output
    assert "drafted again from today's codings, accepted as drafted before their codings or interviews changed: " \
        "lead 1, lead 3" in drafted and "lead 2," not in drafted
    t = show(demo_copy)
    mine = t["lead"].index("Eigen zin over de regie (15 van 19).")  # (in its code's place: leads go by prevalence)
    assert t["lead_reviewed"][mine] and not any(r for i, r in enumerate(t["lead_reviewed"]) if i != mine)
    assert all("van 18)" in x or "(" not in x for i, x in enumerate(t["lead"]) if i != mine)
    run(demo_copy, "summary", "accept", "--theme", THEME)  # hers as she wrote it: she vouches for it
    assert show(demo_copy)["status"] == "reviewed"


def _accepted(project, theme: str) -> dict:
    """The theme drafted and accepted whole, as `summary show --format json` gives it."""
    run(project, "summarize")
    run(project, "summary", "accept", "--theme", theme)
    return json.loads(run(project, "summary", "show", "--theme", theme, "--format", "json").output)


def test_the_chapter_retells_no_example_from_an_interview_deleted_since(demo_copy, tmp_path):
    """After R03 was deleted (a consent withdrawn), the chapter still retold its passage: "Een regio
    noemt als voorbeeld: een paar kleinere besturen hebben hun zij-instromers …", from a reviewed point."""
    import docx
    t = _accepted(demo_copy, "financieringsonzekerheid")
    ws = Workspace.open(demo_copy)
    try:
        doc_of = {c.id: c.doc for c in ws.codings()}
    finally:
        ws.close()
    point = next(p for p in t["points"] if p["text"].startswith("Een regio") and p["references"]
                 and doc_of.get(p["references"][0]) not in (None, "R01"))
    retold = point["text"].partition(": ")[2].rstrip(".")
    chapter = lambda name: " ".join(p.text for p in docx.Document(str(tmp_path / name)).paragraphs)  # noqa: E731
    run(demo_copy, "report", "-o", str(tmp_path / "before.docx"))
    assert retold in chapter("before.docx")
    run(demo_copy, "delete-doc", "--doc", doc_of[point["references"][0]], "--yes")
    res = run(demo_copy, "report", "-o", str(tmp_path / "after.docx"))
    assert retold not in chapter("after.docx")
    assert "reviewed example retelling a coding removed since, uncoded or with its interview, or trimmed off it " \
        "(Financieringsonzekerheid)" in res.output


@pytest.mark.parametrize("accepted", ["theme", "point"])
def test_the_chapter_retells_no_example_whose_sentence_a_coder_trimmed_off_its_coding(demo_copy, tmp_path, accepted):
    """A coder trimmed the sentence a reviewed example retells off its coding (`x` on it): the chapter still
    retold it, marked only, where an example of a coding removed is left out. With only that point accepted, the
    report then promised yellow sentences the section did not show."""
    import docx
    from docx.enum.text import WD_COLOR_INDEX
    theme = "financieringsonzekerheid"
    run(demo_copy, "summarize")
    t = json.loads(run(demo_copy, "summary", "show", "--theme", theme, "--format", "json").output)
    ws = Workspace.open(demo_copy)
    try:
        def trimmed(p):  # the coding's span without the retold sentence, where it holds more than that
            c = ws.coding(p["references"][0])
            at = ws.document_text(c.doc).find(p["evidence"], c.start)
            if at < 0 or at + len(p["evidence"]) > c.end:
                return None
            end = at + len(p["evidence"])
            return (c, (c.start, at) if at - c.start > 20 else (end, c.end) if c.end - end > 20 else None)
        n, point, (coding, span) = next((n, p, got) for n, p in enumerate(t["points"], 1) if p["text"].startswith(
            ("Een regio", "Een andere")) and p["references"] and (got := trimmed(p)) and got[1])
    finally:
        ws.close()
    run(demo_copy, "summary", "accept", "--theme", theme, *(["--point", str(n)] if accepted == "point" else []))
    retold = " ".join(point["text"].rstrip(".").split()[-5:])  # (the frame before it turned round: "In een regio …")
    chapter = lambda name: " ".join(p.text for p in docx.Document(str(tmp_path / name)).paragraphs)  # noqa: E731
    run(demo_copy, "report", "-o", str(tmp_path / "before.docx"))
    assert retold in chapter("before.docx")
    run(demo_copy, "resize", str(coding.id), "--start", str(span[0]), "--end", str(span[1]), "--coder", coding.coder)
    res = run(demo_copy, "report", "-o", str(tmp_path / "after.docx"))
    assert retold not in chapter("after.docx")
    assert "reviewed example retelling a coding removed since, uncoded or with its interview, or trimmed off it " \
        "(Financieringsonzekerheid)" in res.output
    # yellow said where yellow is printed (the example left out was counted among them)
    yellow = [r for p in docx.Document(str(tmp_path / "after.docx")).paragraphs for r in p.runs
              if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert ("(shaded yellow" in res.output) == bool(yellow), (yellow, res.output)


def test_a_point_she_wrote_and_vouched_for_again_names_no_deleted_interview(demo_copy):
    """Her edited point kept R05 among its regions and R05's codings as its evidence after R05 was
    deleted, and read ● as checked once she accepted the theme again."""
    theme = "urgentie"
    run(demo_copy, "summarize")
    run(demo_copy, "summary", "set", "--theme", theme, "--point", "1", "--text", "Mijn eigen punt over de start.")
    run(demo_copy, "summary", "accept", "--theme", theme)
    before = json.loads(run(demo_copy, "summary", "show", "--theme", theme, "--format", "json").output)["points"][0]
    ws = Workspace.open(demo_copy)
    try:
        of_r05 = {c.id for c in ws.codings(doc="R05")}
    finally:
        ws.close()
    assert "R05" in before["regions"] and of_r05 & set(before["references"])
    run(demo_copy, "delete-doc", "--doc", "R05", "--yes")
    run(demo_copy, "summary", "draft", "--theme", theme)
    run(demo_copy, "summary", "accept", "--theme", theme)
    t = json.loads(run(demo_copy, "summary", "show", "--theme", theme, "--format", "json").output)
    mine = next(p for p in t["points"] if p["text"] == "Mijn eigen punt over de start.")
    assert "R05" not in mine["regions"] and not of_r05 & set(mine["references"]) and t["status"] == "reviewed"


def test_undo_of_a_draft_over_an_outdated_theme_is_called_a_draft(demo_copy):
    """F9's u after ctrl+r said "Undid: accept of the theme summary ‘Urgentie’" (and U "Redid:
    accept …") of a redraft that brought back the reviewed text."""
    run(demo_copy, "summarize")
    run(demo_copy, "summary", "accept", "--theme", THEME, "--coder", "onderzoeker-a")
    run(demo_copy, "delete-doc", "--doc", "R07", "--yes")
    run(demo_copy, "summary", "draft", "--theme", THEME, "--coder", "onderzoeker-a")
    undone = run(demo_copy, "undo", "--coder", "onderzoeker-a").output
    assert undone.startswith("undone: draft of the theme summary ‘Vmbo in the lead’"), undone
    assert show(demo_copy)["status"] == "outdated"  # the reviewed text back, as it was
    assert run(demo_copy, "redo", "--coder", "onderzoeker-a").output.startswith("redone: draft of the theme summary")


def test_show_gives_one_sentence_as_set_and_accept_name_it(demo_copy):
    """`summary show --theme T --point 2` was a usage error, where `set` and `accept` take --point."""
    run(demo_copy, "summarize", "--theme", THEME)
    t = show(demo_copy)
    one = run(demo_copy, "summary", "show", "--theme", THEME, "--point", "2").output
    sub = t["points"][1]["code"].rsplit("/", 1)[-1]  # (the sub-code it is of, then its words)
    assert one.startswith(f"2. {sub}: {t['points'][1]['label']}") and "1. " not in one.splitlines()[0][:3]
    lead = run(demo_copy, "summary", "show", "--theme", THEME, "--lead", "1").output
    assert lead.strip() == f"L1. {t['lead'][0]}"
    got = json.loads(run(demo_copy, "summary", "show", "--theme", THEME, "--contrast", "1", "--format", "json").output)
    assert (got["theme"], got["part"], got["number"], got["item"]["text"]) == (THEME, "contrast", 1,
                                                                               t["contrasts"][0]["text"])
    res = run(demo_copy, "summary", "show", "--theme", THEME, "--point", "99", ok=False)
    assert res.exit_code == 1 and "there is no point 99" in res.output


def test_the_count_of_sentences_left_to_review_says_which_points_it_does_not_count(demo_copy):
    """A writer saved a point and read "15 of 17 sentences not yet reviewed" beside a listing of 19
    rows: the points without a sentence are listed, not counted. The line says so."""
    theme = "vmbo-in-the-lead"
    run(demo_copy, "summarize", "--theme", theme)
    points = json.loads(run(demo_copy, "summary", "show", "--theme", theme, "--format", "json").output)["points"]
    bare = sum(1 for p in points if not p["text"].strip())
    assert bare >= 1  # the demo's theme has points no sentence retells
    out = run(demo_copy, "summary", "set", "--theme", theme, "--point", "1", "--text", "Eigen zin over geld.").output
    assert f"sentences not yet reviewed ({bare} point{'s' if bare > 1 else ''} without a sentence not counted)." \
        in out, out

