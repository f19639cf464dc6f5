"""A theme section opens with its synthesis (ThemeSummary) and its quotes illustrate the points."""
import docx

from sto_qual.domain.synthesis import Contrast, SummaryPoint, ThemeSummary


def _summary(ws, status="draft", text=""):
    from sto_qual.domain.quote_selection import opens_without_referent
    codings = [c for c in ws.codings(code="financieringsonzekerheid/impact", coder="onderzoeker-a")
               if 12 <= len(c.text.split()) <= 60 and not opens_without_referent(c.text)]
    ref = codings[-1]
    points = (
        SummaryPoint(code="financieringsonzekerheid/impact", label="uitstel van investeringen",
                     regions=("R05", "R06", "R12", "R16"), wording="een aantal", evidence=ref.text,
                     references=(ref.id,), text="In een aantal regio's stelden besturen investeringen uit."),
        SummaryPoint(code="financieringsonzekerheid/geen-impact", label="men ging hoe dan ook door",
                     regions=("R04", "R11"), wording="een paar", evidence="", references=()),
    )
    contrasts = (Contrast(code="financieringsonzekerheid/impact", other="financieringsonzekerheid/geen-impact",
                          kind="codes", text="Waar de ene regio investeringen uitstelde, ging de andere door."),)
    return ThemeSummary(code="financieringsonzekerheid", lead=("De onzekerheid over het geld speelde overal.",
                                                               "De gevolgen verschilden."),
                        points=points, contrasts=contrasts, status=status, text=text), ref


def test_draft_summary_opens_the_section_marked_concept(demo_ws, tmp_path):
    from sto_qual.report.docx_report import write_docx
    from sto_qual.services.reporting import build_report_data
    summary, ref = _summary(demo_ws)
    data = build_report_data(demo_ws, demo_ws.synthesis(), codes=["financieringsonzekerheid"],
                             summaries={"financieringsonzekerheid": summary})
    theme = data.themes[0]
    assert theme.opening == ("De onzekerheid over het geld speelde overal. De gevolgen verschilden.",)
    assert theme.note.startswith("Concept")
    assert [b.text for b in theme.points] == ["In een aantal regio's stelden besturen investeringen uit.",
                                              "Men ging hoe dan ook door: in een paar regio's (2 van 19). "
                                              "De twee onderzoekers codeerden dit onderwerp niet steeds in dezelfde "
                                              "passages (alfa 0,28), maar wel in dezelfde interviews, van de zes die "
                                              "beiden codeerden: voor het aantal maakt dat geen verschil."]
    assert theme.points[0].quotes[0].text == demo_ws.anonymiser()(ref.text)  # the point's own evidence first
    assert theme.points[1].quotes  # a point without references still gets a quote of its sub-code
    assert theme.contrasts == ("Waar de ene regio investeringen uitstelde, ging de andere door.",)
    out = tmp_path / "s.docx"
    write_docx(data, out)
    paras = [(p.style.name, p.text) for p in docx.Document(str(out)).paragraphs]
    i = paras.index(("Heading 2", "Financieringsonzekerheid"))
    assert paras[i + 1][1].startswith("Concept") and paras[i + 2][1].startswith("De onzekerheid over het geld")
    assert ("Heading 3", "Verschillen tussen regio's") in paras


def test_reviewed_text_replaces_the_draft(demo_ws):
    from sto_qual.services.reporting import build_report_data
    summary, _ = _summary(demo_ws, status="reviewed", text="Eerste alinea.\n\nTweede alinea.")
    data = build_report_data(demo_ws, demo_ws.synthesis(), codes=["financieringsonzekerheid"],
                             summaries={"financieringsonzekerheid": summary})
    theme = data.themes[0]
    from sto_qual.report.labels import LABELS
    assert theme.opening == ("Eerste alinea.", "Tweede alinea.")
    # the drafted difference under her text is marked, and the note says only that
    assert theme.marked and theme.note == LABELS["nl"]["contrasts_draft"] and theme.contrast_concept == (True,)
    assert all(b.text == "" for b in theme.points) and theme.points[0].quotes


def test_a_quote_her_own_text_quotes_is_not_printed_again_under_it(demo_ws):
    """A writer quoted "Dat was drie jaar geleden ondenkbaar." in her own text for a theme;
    the chapter printed the same quote again under it."""
    import re

    from sto_qual.services.reporting import build_report_data
    own, _ = _summary(demo_ws, status="reviewed", text="Eigen tekst.")
    before = build_report_data(demo_ws, demo_ws.synthesis(), codes=["financieringsonzekerheid"], summaries={"financieringsonzekerheid": own})
    quotes = [q.text for b in before.themes[0].points for q in b.quotes]
    sentence = next(x for q in quotes for x in re.split(r"(?<=[.!?])\s+", q) if len(x.split()) >= 5)
    quoting, _ = _summary(demo_ws, status="reviewed", text=f"Eigen tekst. Zo zegt men: “{sentence}”")
    after = build_report_data(demo_ws, demo_ws.synthesis(), codes=["financieringsonzekerheid"],
                              summaries={"financieringsonzekerheid": quoting})
    again = [q.text for b in after.themes[0].points for q in b.quotes]
    assert not any(sentence in q for q in again) and len(again) == len(quotes) - 1


def test_an_accepted_example_takes_its_paragraphs_quote_in_its_place_not_away(demo_ws):
    """A writer accepted the example of the teacher shortage ("op [school] staat nu een vacature …")
    and the paragraph lost its only quote, the next passage of its own going to the appendix, while
    `quotes --starred` said the passage it dropped was printed in the text."""
    syn = demo_ws.synthesis()
    syn.summarize(theme="urgentie")
    points = syn.theme("urgentie")["points"]
    n = next(i for i, p in enumerate(points, 1) if "installatietechniek open sinds de zomer" in p["text"])
    syn.set_item("urgentie", "point", n, coder="noor")  # accepted as drafted; two others rewritten
    start = next(i for i, p in enumerate(points, 1) if p["code"].endswith("verschuiving"))
    syn.set_item("urgentie", "point", start, "Een regio vertelt dat bij de start vooral het geld de urgentie "
                 "bepaalde.", coder="noor")
    nine = next(i for i, p in enumerate(points, 1) if "negen leerlingen" in p["text"])
    syn.set_item("urgentie", "point", nine, "In een regio zitten dit jaar op één locatie nog maar negen leerlingen "
                 "in de derde klas PIE.", coder="noor")
    data = demo_ws.report_data()
    theme = next(t for t in data.themes if t.path == "urgentie")
    block = next(b for b in theme.points if "installatietechniek" in b.text)
    assert block.quotes, "the paragraph lost its quote"
    assert not any("vacature" in q.text for q in block.quotes)  # not the example's words again
    printed = [demo_ws.coding(q.id) for t in data.themes for q in t.quotes]
    for i in (i for i, place in data.places.items() if place == "text"):  # `quotes` says what is printed
        c = demo_ws.coding(i)
        assert any(p.document_id == c.document_id and p.start < c.end and c.start < p.end for p in printed), c


def test_one_regions_example_rewritten_in_the_writers_words_keeps_its_passage_out_of_the_appendix(demo_ws):
    """A writer rewrote the example of a class of nine PIE pupils in her own words ("In een regio
    zitten dit jaar …"); the appendix then printed the passage it retold, with its speaker's role,
    which ties the example to one person (accepted as drafted, it was left out)."""
    syn = demo_ws.synthesis()
    syn.summarize(theme="urgentie")
    points = syn.theme("urgentie")["points"]
    n = next(i for i, p in enumerate(points, 1) if "negen leerlingen" in p["text"])
    source = points[n - 1]["references"][0]
    syn.set_item("urgentie", "point", n, "In een regio zitten dit jaar op één locatie nog maar negen leerlingen "
                 "in de derde klas PIE.", coder="noor")
    data = demo_ws.report_data()
    assert data.places.get(source) == "example"
    assert source not in {q.id for q in data.appendix}


def test_an_accepted_themes_quotes_stay_when_another_theme_is_edited(demo_ws):
    """A writer accepted collectief-optrekken whole, then edited urgentie: in the next chapter two
    of the six quotes of the theme she had accepted were other passages."""
    syn = demo_ws.synthesis()
    syn.summarize()
    syn.accept(theme="collectief-optrekken", coder="noor")

    def quotes() -> list[int]:
        section = next(t for t in demo_ws.report_data().themes if t.path == "collectief-optrekken")
        return [q.id for b in section.points for q in b.quotes]
    before = quotes()
    points = syn.theme("urgentie")["points"]
    for n, p in enumerate(points, 1):
        if n in (2, 4, 5):
            syn.set_item("urgentie", "point", n, coder="noor")
        elif n == 3:
            syn.leave_out("urgentie", "point", n, True, coder="noor")
        elif n in (1, 6):
            syn.set_item("urgentie", "point", n, f"Een regio noemt {p['label']}.", coder="noor")
    for n in (1, 3, 4):
        syn.set_item("urgentie", "lead", n, coder="noor")
    assert quotes() == before


def test_a_rewritten_examples_passage_and_a_left_out_points_own_passage_are_not_quoted(demo_ws):
    """A writer rewrote an example in her own words ("Een andere regio ziet de vervanging van een
    vertrekkende PIE-docent als een probleem …") and the chapter quoted the passage it retells right
    under it, credited to a penvoerder; another ("In een krimpregio zitten …") went to the appendix
    under a role; and a point she left out came back as its paragraph's quote, from a passage only
    that point rested on."""
    syn = demo_ws.synthesis()
    syn.summarize(theme="urgentie")
    points = syn.theme("urgentie")["points"]
    pie = next(i for i, p in enumerate(points, 1) if "PIE-docent" in p["text"])
    nine = next(i for i, p in enumerate(points, 1) if "negen leerlingen" in p["text"])
    fitters = next(i for i, p in enumerate(points, 1) if "monteurs" in p["text"])
    syn.set_item("urgentie", "point", pie, "Een andere regio ziet de vervanging van een vertrekkende PIE-docent "
                 "als een probleem waarvoor nog geen oplossing is.", coder="noor")
    syn.set_item("urgentie", "point", nine, "In een krimpregio zitten in de derde klas PIE van een school nog maar "
                 "negen leerlingen.", coder="noor")
    syn.leave_out("urgentie", "point", fitters, True, coder="noor")
    theme = syn.theme("urgentie")
    rewritten = [theme["points"][pie - 1]["references"][0], theme["points"][nine - 1]["references"][0]]
    kept = {r for p in theme["points"] if not p.get("left_out") for r in p["references"]}
    only_left = [r for r in points[fitters - 1]["references"] if r not in kept]
    data = demo_ws.report_data()
    quoted = {q.id for t in data.themes for q in t.quotes}
    assert not quoted & {*rewritten, *only_left}, (quoted & {*rewritten, *only_left})
    assert not {q.id for q in data.appendix} & set(rewritten)
    assert all(data.places.get(r) == "example" for r in rewritten if r in data.places)


def test_the_appendix_leaves_out_what_a_writers_own_sentence_retells_and_what_only_a_left_out_point_rested_on(demo_ws):
    """A writer rewrote a point to retell another of its passages than the draft's example ("Ook zien
    werkgevers in een andere regio het vmbo inmiddels als gesprekspartner …"); the appendix printed that
    passage with its speaker's role. A point she left out came back in the appendix with a role."""
    syn = demo_ws.synthesis()
    syn.summarize(theme="vmbo-in-the-lead")
    points = syn.theme("vmbo-in-the-lead")["points"]
    starred = {c.id: c for who in demo_ws.coders() for c in demo_ws.codings(code="vmbo-in-the-lead",
                                                                             coder=who["name"], starred=True)}
    n, other = next((i, r) for i, p in enumerate(points, 1) for r in p["references"][1:] if r in starred)
    syn.set_item("vmbo-in-the-lead", "point", n, f"Een regio vertelt: {starred[other].text}", coder="noor")
    def elsewhere(i):
        return {r for j, q in enumerate(points, 1) if j != i for r in q["references"]}
    out = next((i, p) for i, p in enumerate(points, 1)
               if i != n and any(r in starred and r not in elsewhere(i) for r in p["references"]))
    syn.leave_out("vmbo-in-the-lead", "point", out[0], True, coder="noor")
    theme = syn.theme("vmbo-in-the-lead")
    resting = {r for p in theme["points"] if not p.get("left_out") for r in p["references"]}
    only_out = [r for r in out[1]["references"] if r in starred and r not in resting]
    data = demo_ws.report_data(codes=["vmbo-in-the-lead"])
    shown = {q.id for q in data.appendix}
    assert other not in shown and data.places.get(other) == "example", data.places.get(other)
    assert only_out and not shown & set(only_out), (only_out, shown & set(only_out))


def test_only_the_passage_a_writers_sentence_retells_leaves_the_appendix_not_others_like_it(demo_ws):
    """"In één regio gaat Harm nu namens alle negen besturen naar het overleg …" retold one passage; two
    other regions' starred passages ("namens alle [aantal] besturen …") left the appendix as well, said to
    be retold, and so did another region's after a drafted sentence was accepted on its own."""
    syn = demo_ws.synthesis()
    syn.summarize(theme="collectief-optrekken")
    before = demo_ws.report_data().places
    points = syn.theme("collectief-optrekken")["points"]
    n = next(i for i, p in enumerate(points, 1) if "namens alle negen" in p["text"] + p["evidence"])
    syn.set_item("collectief-optrekken", "point", n, "In één regio gaat Harm nu namens alle negen besturen naar "
                 "het overleg met de werkgevers, wat drie jaar geleden ondenkbaar was.", coder="noor")
    after = demo_ws.report_data().places
    became = [i for i in points[n - 1]["references"] if before.get(i) == "appendix" and after.get(i) == "example"]
    assert len(became) <= 1, became  # the one it retells, at most


def test_a_lead_sentence_a_person_wrote_is_printed_with_her_count(demo_ws):
    """An analyst wrote a facet's lead sentence with its count ("In de meeste regio's (16 van 19) merkt
    men …") and the chapter printed it without "(16 van 19)": the drafted one drops a count the
    theme's opening gave, hers is printed as she wrote it. A drafted or accepted one still drops it."""
    syn = demo_ws.synthesis()
    syn.summarize(theme="financieringsonzekerheid")
    theme = syn.theme("financieringsonzekerheid")
    codes = theme["lead_codes"]
    impact = codes.index("financieringsonzekerheid/impact") + 1
    knelpunt = codes.index("financieringsonzekerheid/structurele-knelpunten") + 1
    hers = "In de meeste regio's (16 van 19) merkt men de gevolgen van de onzekerheid nu al."
    syn.set_item("financieringsonzekerheid", "lead", impact, hers, coder="hanna")
    syn.set_item("financieringsonzekerheid", "lead", knelpunt, coder="hanna")  # accepted as drafted
    drafted = theme["lead"][knelpunt - 1]
    assert "(15 van 19)" in drafted
    data = demo_ws.report_data()
    section = next(t for t in data.themes if t.path == "financieringsonzekerheid")
    texts = [b.text for b in section.points]
    assert any(t.startswith(hers) for t in texts), texts
    assert "(15 van 19)" in section.opening[0]
    assert any(t.startswith(drafted.replace(" (15 van 19)", "").rstrip(".")) for t in texts), texts  # said once


def test_the_remarks_on_a_theme_after_its_first_example_is_left_out_give_no_example_of_nothing(demo_ws):
    """A writer left out the first of the remarks on financieringsonzekerheid as a whole; the
    next ("In een andere regio is men bezig met een plan …") was printed alone under "Overige
    opmerkingen" as "In een regio is men bijvoorbeeld bezig …", an example of nothing. It opens
    as the draft opens those remarks ("daarnaast")."""
    syn = demo_ws.synthesis()
    syn.summarize(theme="financieringsonzekerheid")
    points = syn.theme("financieringsonzekerheid")["points"]
    own = [i for i, p in enumerate(points, 1) if p["code"] == "financieringsonzekerheid" and p["text"]]
    assert len(own) >= 2, points
    syn.leave_out("financieringsonzekerheid", "point", own[0], coder="hanna")
    section = next(t for t in demo_ws.report_data().themes if t.path == "financieringsonzekerheid")
    [remarks] = [b for b in section.points if b.remarks]
    assert remarks.text.startswith(("In een regio ", "Daarnaast noemt een regio")) and "daarnaast" in \
        remarks.text.lower().split(".")[0], remarks.text
    assert "bijvoorbeeld" not in remarks.text.split(".")[0] and "andere regio" not in remarks.text.split(".")[0]


def test_a_point_left_out_keeps_its_words_out_of_the_appendix_too(demo_ws):
    """A writer left out the example "Ik heb in Kleiwolde dit jaar een derde klas PIE met negen
    leerlingen"; the appendix still printed those words, as the sentence before another coder's
    starred "Als we daar de techniek sluiten …" (a row that opens without its referent is extended back).
    That row is left out now, as one that cannot stand without the sentence before it, and said."""
    syn = demo_ws.synthesis()
    syn.summarize(theme="urgentie")
    points = syn.theme("urgentie")["points"]
    n = next(i for i, p in enumerate(points, 1) if "negen leerlingen" in p["text"])
    told = demo_ws.coding(points[n - 1]["references"][0])
    after = [c for c in demo_ws.codings(doc=told.doc) if c.starred and c.start >= told.end and c.start - told.end < 3]
    assert after and after[0].text.startswith("Als we daar"), [c.text for c in after]
    syn.leave_out("urgentie", "point", n, coder="hanna")
    data = demo_ws.report_data(appendix="starred")
    assert not any("negen leerlingen" in q.text for q in data.appendix)
    assert not any("negen leerlingen" in b.text or any("negen leerlingen" in q.text for q in b.quotes)
                   for t in data.themes for b in t.points)
    said = " ".join(data.warnings)
    assert f"#{after[0].id}" in said and "cannot be understood without the sentence before them" in said, said
    # a star under another code on the very passage the left-out point retold: not printed either, and said
    twin = demo_ws.assign_code(told.doc, "urgentie/behoud-techniekaanbod", start=told.start, end=told.end,
                               coder="onderzoeker-a", starred=True)
    again = demo_ws.report_data(appendix="starred")
    assert not any("negen leerlingen" in q.text for q in again.appendix)
    said = " ".join(again.warnings)
    import re
    left = re.search(r"(\d+) that says? the words of a point left out of the chapter[^;]*", said)
    assert left and f"#{twin.id}" in left[0] and f"#{told.id}" in left[0], said  # her own star on it: said too


def test_a_lead_sentence_a_person_wrote_with_another_count_than_the_tables_is_warned_of(demo_ws):
    """A writer set a lead sentence to "In bijna alle regio's (17 van 19) …" where the table beside it
    counts 15 of 19: printed as she wrote it, with no word of the difference."""
    syn = demo_ws.synthesis()
    syn.summarize(theme="financieringsonzekerheid")
    codes = syn.theme("financieringsonzekerheid")["lead_codes"]
    i = codes.index("financieringsonzekerheid/structurele-knelpunten") + 1
    syn.set_item("financieringsonzekerheid", "lead", i, "In bijna alle regio's (17 van 19) knelt de financiering.",
                 coder="hanna")
    said = [w for w in demo_ws.report_data().warnings if "which a person wrote, says" in w]
    assert said == [f"financieringsonzekerheid: lead sentence {i}, which a person wrote, says (17 van 19) where the "
                    "chapter's tables count 15 of 19 for financieringsonzekerheid/structurele-knelpunten (`sto-qual "
                    f"summary set --theme financieringsonzekerheid --lead {i} --text …` writes it anew)"], said
    syn.set_item("financieringsonzekerheid", "lead", i, "In de meeste regio's (15 van 19) knelt de financiering.",
                 coder="hanna")
    assert not [w for w in demo_ws.report_data().warnings if "which a person wrote, says" in w]


def test_an_example_left_out_stays_out_of_the_appendix_when_other_points_rest_on_its_passage(demo_ws):
    """An editor left out "Een derde regio vertelt: bij de open dagen stond men tegenover elkaar." and
    found the passage word for word in the appendix, unsaid: two other points rest on that coding too,
    so it was not among those only a left-out point rests on."""
    syn = demo_ws.synthesis()
    syn.summarize(theme="collectief-optrekken")
    points = syn.theme("collectief-optrekken")["points"]
    n = next(i for i, p in enumerate(points, 1) if "open dagen" in p["text"])
    told = points[n - 1]["references"][0]
    assert any(told in p["references"] for i, p in enumerate(points, 1) if i != n)  # (what made it slip through)
    syn.leave_out("collectief-optrekken", "point", n, coder="hanna")
    data = demo_ws.report_data(appendix="starred")
    assert not any("open dagen" in q.text for q in data.appendix)
    assert not any("open dagen" in b.text or any("open dagen" in q.text for q in b.quotes)
                   for t in data.themes for b in t.points)
    assert demo_ws.coding(told).starred and f"#{told}" in next(
        w for w in data.warnings if "the words of a point left out of the chapter" in w)
