"""A researcher's own small project, not the demo: three interviews, a codebook with a theme
without sub-codes, roles of her own. The chapter must read right for it too."""
from __future__ import annotations

import pytest

from sto_qual.domain.errors import StoQualError
from tests_support import invoke_cli

CODEBOOK = """codebook: Eigen pilot (fictief)
version: 1
language: nl
codes:
  - name: aanleiding
    label: Aanleiding
    definition: Waarom STO in de regio nodig is.
    codes:
      - name: krimp
        label: Krimp
        definition: Dalende leerlingaantallen.
      - name: personeel
        label: Personeelstekort
        definition: Tekort aan technische docenten.
  - name: borging
    label: Borging na 2027
    definition: Zorgen en plannen over de tijd na STO.
"""

# fictional interviews, written for this test
TURNS = {
    "G01": ("krimp", [
        "We hebben te maken met krimp. Het aantal leerlingen in de onderbouw daalt al jaren, en dat voel je in elke klas.",
        "Na 2027 moeten we het zelf betalen. De gemeente wil meedoen, maar alleen als de scholen samen een plan maken.",
        "Voor de vacature elektrotechniek hadden we één sollicitant. We leiden nu zelf zij-instromers op."]),
    "G02": ("stedelijk", [
        "Het tekort aan docenten is hier het grootste probleem. Goede technische docenten zijn er gewoon bijna niet.",
        "Zonder structureel geld stopt het techniekhuis na 2027. Dat zeggen we al twee jaar tegen het ministerie.",
        "De leerlingaantallen blijven hier gelijk, dus krimp speelt bij ons niet."]),
    "G03": ("landelijk", [
        "Wij zoeken al een jaar een docent metaal. Het bedrijfsleven betaalt meer, dus ze gaan daarheen.",
        "Wat er na 2027 gebeurt, weet niemand. De besturen hebben afgesproken de werkplaats in elk geval open te houden.",
        "Het dorp loopt leeg, de basisscholen krimpen, en over vijf jaar merken wij dat ook."]),
}
SPEAKERS = ("instructeur", "secretaris")


def _transcript(region: str, kind: str, answers: list[str]) -> str:
    lines = ["---", f"region: {region}", f"region_type: {kind}", "date: 2024-03-01", "---"]
    for i, answer in enumerate(answers):
        lines += ["", "Interviewer: Kunt u daar iets over vertellen?", "", f"{'Anna' if i % 2 else 'Bert'}: {answer}"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def own(tmp_path):
    from sto_qual.services import Workspace
    cb = tmp_path / "codebook.yaml"
    cb.write_text(CODEBOOK, encoding="utf-8")
    ws = Workspace.create(tmp_path / "eigen.db", codebook=cb, default_coder="eva")
    files = []
    for name, (kind, answers) in TURNS.items():
        f = tmp_path / f"{name}.txt"
        f.write_text(_transcript(name, kind, answers), encoding="utf-8")
        files.append(f)
    assert ws.import_files(files).ok
    ws.set_roles({"Interviewer": "interviewer", "Bert": SPEAKERS[0], "Anna": SPEAKERS[1]})
    codes = {"G01": ("aanleiding/krimp", "borging", "aanleiding/personeel"),
             "G02": ("aanleiding/personeel", "borging", None),
             "G03": ("aanleiding/personeel", "borging", "aanleiding/krimp")}
    for name, per_answer in codes.items():
        text = ws.document_text(name)
        for answer, code in zip(TURNS[name][1], per_answer):
            if code:
                start = text.index(answer)
                ws.assign_code(name, code, start=start, end=start + len(answer))
    yield ws
    ws.close()


def _section(data, title):
    return next(t for t in data.themes if t.title == title)


def test_a_theme_without_sub_codes_is_quoted_under_its_opening(own):
    """'Borging na 2027', coded in all three interviews, read as one bare sentence: quotes were
    chosen per sub-code only, so a flat theme had none."""
    data = own.report_data()
    borging = _section(data, "Borging na 2027")
    quotes = [q for b in borging.points for q in b.quotes]
    assert quotes, borging
    assert all(not b.label and not b.remarks for b in borging.points)  # no facet heading, no "Overige opmerkingen"
    assert all("2027" in q.text for q in quotes)


def test_a_passage_coded_under_two_themes_is_quoted_once(own):
    """One answer coded 'krimp' and 'borging' was the quote of both sections: the reader met the
    same words twice in the chapter."""
    for c in own.codings():
        own.remove_coding(c.id)
    text = own.document_text("G02")
    answer = TURNS["G02"][1][1]
    start = text.index(answer)
    for code in ("aanleiding/krimp", "borging"):
        own.assign_code("G02", code, start=start, end=start + len(answer))
    quoted = [q.text for t in own.report_data().themes for b in t.points for q in b.quotes]
    assert sum("structureel geld" in q for q in quoted) == 1, quoted


def test_roles_without_words_are_named_and_role_label_gives_them(own):
    data = own.report_data()
    note = next(w for w in data.warnings if "without words of their own" in w)
    assert "instructeur, secretaris" in note and "sto-qual role-label ROLE SINGULAR PLURAL" in note
    assert "instructeur en secretaris" in data.method  # written as they are: the plural is the role's name
    own.report_settings.set_role_words("instructeur", "instructeur", "instructeurs")
    own.report_settings.set_role_words("secretaris", "ambtenaar", "ambtenaren")
    data = own.report_data()
    assert not [w for w in data.warnings if "without words" in w]
    assert "ambtenaren en instructeurs" in data.method
    attributions = {q.attribution for t in data.themes for b in t.points for q in b.quotes}
    assert {"— een instructeur", "— een ambtenaar"} <= attributions and "— een secretaris" not in attributions
    words = {r["role"]: (r["nl"], r["nl_plural"], r["words"]) for r in own.report_settings.role_words()}
    assert words["secretaris"] == ("ambtenaar", "ambtenaren", "own") and words["interviewer"][2] == "built in"
    own.report_settings.set_role_words("secretaris", None, None)
    assert "secretaris" in next(w for w in own.report_data().warnings if "without words" in w)


def test_others_at_a_steering_groups_table_have_words_of_their_own(own):
    """A newcomer's chapter said "Aan tafel zaten onder meer bestuurders, …, programmaleiders en
    wethouder": an alderman had no plural, and each quote of hers was "— een wethouder" with a
    warning to give the words herself."""
    own.set_roles({"Anna": "wethouder"})
    data = own.report_data()
    assert "Aan tafel zaten instructeur en wethouders." in data.method, data.method  # every speaker's role: whole
    assert "wethouder" not in next(w for w in data.warnings if "without words" in w)
    assert "aldermen" in own.report_data(lang="en").method


def test_the_method_says_how_long_the_interviews_were_only_when_the_project_says_so(own):
    """'vier interviews van ongeveer een uur' was fixed text, also for interviews of ten minutes."""
    assert "drie interviews met leden" in own.report_data().method
    own.report_settings.set("interview_length", "tien tot twintig minuten")
    assert "drie interviews van tien tot twintig minuten met leden" in own.report_data().method
    assert "three interviews with members" in own.report_data(lang="en").method
    with pytest.raises(StoQualError, match="did you mean interview_length"):
        own.report_settings.set("interview_lenght", "een uur")
    with pytest.raises(StoQualError, match="no document has the attribute 'regio'"):
        own.report_settings.set("main_attribute", "regio")
    with pytest.raises(StoQualError, match=r"attribute 'regoin_type' \(did you mean region_type\?\)"):
        own.report_settings.set("main_attribute", "regoin_type")


def test_the_demo_says_its_interviews_took_about_an_hour(demo_ws):
    method = demo_ws.report_data().method
    # programme leaders are no members of the steering groups (DOMAIN.md), and a count that
    # points to a region ("[aantal] besturen") was replaced too: both said
    assert "interviews van ongeveer een uur met leden van de stuurgroepen en programmaleiders in" in method
    # ... said as what it counts: "herkenbare aantallen" claimed every count; "[mbo-instelling] heeft
    # elf locaties" stood in a quote, and two readers traced it to one region: the list replaces it
    assert ("plaatsen en, waar het naar één regio wijst, het aantal besturen, po-besturen en locaties zijn vervangen"
            in method)
    quoted = " ".join(q.text for t in demo_ws.report_data().themes for b in t.points for q in b.quotes)
    assert "[aantal] locaties" in quoted and "elf locaties" not in quoted
    assert "counts that could identify a region" in demo_ws.report_data(lang="en").method


def test_the_method_says_the_sample_as_the_project_gives_it_and_only_of_the_whole(demo_ws):
    """A report writer missed that the programme follows twenty case regions and only nineteen were
    interviewed: the project says so in `report-settings sample`, the demo from DOMAIN.md."""
    method = demo_ws.report_data().method
    assert (" gehouden tussen november 2023 en januari 2024. Het onderzoek volgt elk jaar twintig caseregio's; in "
            "deze ronde zijn er negentien geïnterviewd (één interview kon niet doorgaan). Aan tafel zaten") in method, \
        method[:400]
    assert "nineteen of them were interviewed in this round (one interview could not take place). Those present" in demo_ws.report_data(lang="en").method
    # a chapter on part of the interviews is not on that sample: not said there
    assert "twintig caseregio's" not in demo_ws.report_data(where={"region_type": "krimp"}).method
    demo_ws.report_settings.set("sample", None)
    assert "twintig" not in demo_ws.report_data().method


def test_report_settings_and_role_label_from_the_command_line(own):
    path = str(own.path)
    r = invoke_cli(["report-settings", "-p", path, "interview_length", "ongeveer drie kwartier"])
    assert r.exit_code == 0 and "interview_length: ongeveer drie kwartier" in r.output
    r = invoke_cli(["report-settings", "-p", path, "interview_lenght"])
    assert r.exit_code == 1 and "did you mean interview_length" in r.output
    # a typo of a role the project has is refused, nothing stored (it was kept with a note, and named nobody)
    r = invoke_cli(["role-label", "-p", path, "instructuer", "instructeur", "instructeurs"])
    assert r.exit_code == 1 and "no speaker has the role 'instructuer' (did you mean instructeur?); nothing was " \
        "stored" in r.output, r.output
    r = invoke_cli(["role-label", "-p", path, "instructuer", "--clear"])
    assert r.exit_code == 1 and "has no words of the project's own" in r.output
    r = invoke_cli(["role-label", "-p", path, "bestuurder", "", ""])  # (it listed the roles, exit 0)
    assert r.exit_code == 1 and "a role's words need a singular and a plural" in r.output
    r = invoke_cli(["role-label", "-p", path, "instructeur", "--clear"])
    assert r.exit_code == 1 and "has no words of the project's own" in r.output
    r = invoke_cli(["role-label", "-p", path, "--format", "json"])
    assert r.exit_code == 0 and '"role": "secretaris"' in r.output


def test_the_method_names_only_the_kinds_of_names_the_pseudonym_list_replaces(own):
    """The method said "namen van personen, scholen en plaatsen zijn vervangen" for a list that
    replaced persons only: a claim the reader cannot check and the list does not make."""
    own.add_pseudonym("Bert", "[naam]")
    assert "namen van personen zijn vervangen" in own.report_data().method
    own.add_pseudonym("Veenhoven", "[plaats]")
    own.add_pseudonym("Techlab Oost", "[techlab]")
    own.add_pseudonym("De Boog", "[docent]")  # a role stands for a person
    assert "namen van personen, andere organisaties en plaatsen zijn vervangen" in own.report_data().method
    assert "names of people, other organisations and places are replaced" in own.report_data(lang="en").method


def test_kinds_of_replaced_names():
    from sto_qual.domain.anonymise import replaced_kinds
    assert replaced_kinds(["[school]", "[schoolbestuur]", "[mbo-instelling]"]) == ["schools"]
    assert replaced_kinds(["[penvoerder]", "[aantal] besturen"], {"penvoerder"}) == ["persons", "counts"]
    assert replaced_kinds(["[bedrijf]", "[regio]", "[netwerk]"]) == ["companies", "organisations", "places"]
    assert replaced_kinds(["Piet", "Westdorp"]) == []  # made-up names say nothing of their kind


def test_regions_the_pseudonym_list_writes_alike_are_still_other_regions(own):
    """A list that wrote every region name as "[regio]" made all regions one: "one quote per
    region" then left a facet without a quote although other regions had usable passages."""
    def quoted():
        return sorted(q.text for t in own.report_data().themes for b in t.points for q in b.quotes)
    before = quoted()
    for name in TURNS:
        own.add_pseudonym(name, "[regio]")
    assert len(quoted()) == len(before) > 2


def test_a_theme_without_sub_codes_is_said_as_one_in_the_method_and_its_table(own, tmp_path):
    """The method said "een codeboek van twee thema's en hun subcodes" where one had none, and
    the theme's table was headed "Subcode" with the theme as its one sub-code."""
    assert "een codeboek van twee thema's, één daarvan met subcodes." in own.report_data().method
    f = tmp_path / "G04.txt"
    f.write_text(_transcript("G04", "krimp", ["Na 2027 weten we niet hoe we het techniekhuis openhouden."]),
                 encoding="utf-8")
    assert own.import_files([f]).ok
    own.set_attributes("G02", {"region_type": "krimp"})  # three krimp interviews: a column of their own
    table = _section(own.report_data(), "Borging na 2027").tables[0]
    assert table.header[0] == "Thema" and "Borging na 2027 naar regiotype" in table.caption, table
    assert [row[0] for row in table.rows] == ["Borging na 2027"]


def test_the_english_subtitle_keeps_the_year_of_the_dutch_one(own):
    """The Dutch title's "2024" was dropped from the English subtitle (only "2023-2024" was kept)."""
    own.report_settings.set("codebook_title", "Eigen pilot stuurgroepinterviews 2024")
    assert own.report_data(lang="en").subtitle.endswith(" 2024")
    own.report_settings.set("codebook_title", "Eigen pilot stuurgroepinterviews 2023–2024")
    assert own.report_data(lang="en").subtitle.endswith(" 2023–2024")


def test_a_theme_without_sub_codes_keeps_its_opening_on_the_page_of_its_quotes(own, tmp_path):
    """The heading, note and one sentence of a flat theme stood at the foot of a page and both
    its quotes on the next."""
    from docx import Document
    out = tmp_path / "h.docx"
    own.report(out)
    paras = Document(str(out)).paragraphs
    opening = next(p for p in paras if p.text.startswith("In alle regio's") and "borging na 2027" in p.text)
    assert opening.paragraph_format.keep_with_next
    nxt = paras[paras.index(opening) + 1]
    assert "2027" in nxt.text  # its first quote


def test_a_lead_names_a_sub_code_without_a_topic_by_its_label_in_quotes(own):
    """A codebook without ``topic:`` gave leads that read labels as words of the sentence ("In
    alle regio's noemt men gevolgen nu al en mogelijke oplossingen"): a label is set off in quotes,
    as the points' "spreekt men over ‘krimp’" sets it off; a topic stays a noun phrase."""
    lead = own.synthesis().theme_summary("aanleiding").lead[0]
    assert lead.startswith("In alle regio's noemt men ‘personeelstekort’, in de meeste regio's ook ‘krimp’"), lead
    own.edit_code("aanleiding/personeel", topic="het tekort aan docenten")
    lead = own.synthesis().theme_summary("aanleiding").lead[0]
    assert lead.startswith("In alle regio's noemt men het tekort aan docenten, in de meeste regio's ook ‘krimp’"), lead


@pytest.mark.parametrize("held, warned", [("2025-03-12", True), ("2024-03-12", False), ("2023-11-20", False)])
def test_a_subtitle_whose_years_the_interviews_fall_outside_is_said(tmp_path, held, warned):
    """A project's own interviews on the bundled codebook got its subtitle, "stuurgroepinterviews
    2023-2024", whatever year they were held in; a school year's spring is within it."""
    from tests_support import one_coded_interview
    ws = one_coded_interview(tmp_path, "W01", f"Interview W01\nDatum: {held}\n\nInterviewer: Hoe urgent is het?\n"
                             "Femke: Heel urgent, de techniek groeit en we vinden geen docenten.\n")
    said = [w for w in ws.report_data(appendix="none").warnings if "subtitle" in w]
    assert bool(said) is warned, said
    if warned:
        assert "names years the interviews' dates (2025) fall outside" in said[0]
        assert "`sto-qual report-settings codebook_title 'Stuurgroepinterviews 2025'`" in said[0]
