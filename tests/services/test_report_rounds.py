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


def test_a_region_with_two_interviews_is_said_in_the_method_and_warned_of(demo_ws, tmp_path):
    """Six interviews in five regions (a region's steering group and its programme leader apart, or a second
    round beside the first): the method said "zes interviews … in evenzoveel caseregio's" and "De eenheid van
    tellen is het interview (de regio)", the counts went on as regions, and nothing told the writer."""
    demo_ws.change_attributes("R03", {"region": "R02"})  # R03 is a second conversation in region R02
    text = _chapter(demo_ws, tmp_path, None)
    assert "negentien interviews" in text and "in achttien caseregio's" in text and "evenzoveel" not in text
    assert ("In één regio zijn meerdere gesprekken gevoerd; elk telt als interview, zodat zo'n regio meer dan eens "
            "meetelt waar dit hoofdstuk regio's telt.") in text
    assert "De eenheid van tellen is het interview, niet het aantal gecodeerde passages." in text
    data = demo_ws.report_data()
    [said] = [w for w in data.warnings if "more than one of the chapter's interviews" in w]
    assert said.startswith("1 region has more than one of the chapter's interviews (R02: R02, R03): every count is "
                           "of interviews, which the chapter calls regions, so it counts more than once"), said
    # a chapter with one interview of each region says it as before
    text = _chapter(demo_ws, tmp_path, {"doc": "R01,R03,R04,R05,R06"})
    assert "in evenzoveel caseregio's" in text and "het interview (de regio)" in text and "meerdere gesprekken" not in text
    assert not [w for w in demo_ws.report_data(where={"doc": "R01,R03,R04,R05,R06"}).warnings if "more than one" in w]


def test_stats_says_a_region_it_counts_twice(demo_copy):
    from cli_runner import sq
    assert sq("attribute", "R03", "region=R02", "--project", demo_copy).returncode == 0
    done = sq("stats", "--project", demo_copy)
    assert done.returncode == 0 and "note: 1 region has more than one of the interviews counted (R02: R02, R03): " \
        "every count is of interviews, so it counts more than once" in done.stderr, done.stderr
    assert "more than one" not in sq("stats", "--where", "doc!=R03", "--project", demo_copy).stderr


def test_many_regions_with_more_than_one_interview_are_named_three_then_counted(demo_ws):
    """Nineteen regions of three rounds each: every `stats` and `report` printed a note of 1,200 characters that
    named all 57 interviews."""
    from sto_qual.services.report_warnings import twice_warning
    for doc, region in (("R03", "R02"), ("R05", "R04"), ("R07", "R06"), ("R09", "R08"), ("R11", "R10")):
        demo_ws.change_attributes(doc, {"region": region})
    [said] = twice_warning(demo_ws, None, chapter=False)
    assert said.startswith("5 regions have more than one of the interviews counted (R02: R02, R03; R04: R04, R05; "
                           "R06: R06, R07 and 2 more): every count is of interviews"), said


def test_a_second_rounds_subtitle_and_the_sample_sentence_are_checked_against_the_chapter(demo_ws, tmp_path):
    """A chapter on a second round kept the subtitle "stuurgroepinterviews 2023-2024", and the warning offered
    the years of both rounds; a chapter on both rounds kept "in deze ronde zijn er negentien geïnterviewd" beside
    its 25 interviews, unsaid."""
    for name in ("R01", "R02", "R03"):
        demo_ws.change_attributes(name, {"date": "2025-01-15", "ronde": "2024-2025"})
    warned = demo_ws.report_data(where={"ronde": "2024-2025"}).warnings
    assert [w for w in warned if "subtitle" in w] == [
        "the chapter's subtitle, 'Sterk Techniekonderwijs — stuurgroepinterviews 2023-2024' (the codebook's title), "
        "names years the interviews' dates (2025) fall outside: `sto-qual report-settings codebook_title "
        "'Stuurgroepinterviews 2025'` gives it another"]
    assert not [w for w in demo_ws.report_data(where={"doc": "R04,R05,R06,R07"}).warnings if "subtitle" in w]
    assert not [w for w in warned if "sample" in w]  # a part prints no sample sentence
    demo_ws.report_settings.set("sample", "In deze ronde zijn er achttien geïnterviewd.")
    [said] = [w for w in demo_ws.report_data().warnings if "sample" in w]
    assert said == ("the method's sentence on the sample ('In deze ronde zijn er achttien geïnterviewd.') names 18 "
                    "where the chapter has 19 interviews: `sto-qual report-settings sample TEXT` says it anew")


def test_comparing_by_round_sets_a_region_beside_itself_and_is_said(demo_ws):
    """`report-settings main_attribute ronde` made the chapter's differences between regions read "in alle
    regio's met 2023-2024 … tegenover een deel van de regio's met 2024-2025": the same regions a year apart."""
    for doc in ("R01", "R02", "R04", "R05", "R06", "R07", "R08", "R09", "R10", "R11", "R12", "R13", "R14", "R15",
                "R16", "R17", "R18", "R19"):
        demo_ws.change_attributes(doc, {"ronde": "2023-2024"})
    types = {d.name: d.attributes.get("region_type") for d in demo_ws.documents()}
    for doc, region in (("R03", "R02"), ("R13", "R04"), ("R15", "R05")):  # a year on, in the same region (and type)
        demo_ws.change_attributes(doc, {"ronde": "2024-2025", "region": region, "region_type": types[region]})
    demo_ws.report_settings.set("main_attribute", "ronde")
    [said] = [w for w in demo_ws.report_data().warnings if "compares groups by" in w]
    assert said.startswith("the chapter compares groups by 'ronde', and 3 regions (R02, R04, R05) are in more than "
                           "one of them: its differences between regions then set a region beside itself"), said
    demo_ws.report_settings.set("main_attribute", None)  # by region type: a region keeps its type
    assert not [w for w in demo_ws.report_data().warnings if "compares groups by" in w]
    demo_ws.change_attributes("R15", {"region": "r05", "region_type": "eiland"})  # retyped (and in small letters)
    [said] = [w for w in demo_ws.report_data().warnings if "compares groups by" in w]
    assert "and 1 region (R05) is in more than one of them" in said and "one region type (`sto-qual attribute" in said
    # a region named twice while another interview names none: the method cannot say it, and the warning does not
    demo_ws.change_attributes("R01", {}, remove=["region"])
    [twice] = [w for w in demo_ws.report_data().warnings if "more than one of the chapter's interviews" in w]
    assert "(the method says so)" not in twice


def test_a_chapter_one_researcher_coded_says_the_researcher_chose_its_quotes(demo_ws, tmp_path):
    """A second round's chapter said "Eén onderzoeker codeerde alle vijf de interviews" and then "de andere
    citaten die de onderzoekers kozen" and "die de onderzoekers … hebben geselecteerd" in its appendix."""
    both = demo_ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["documents"]
    alone = [d.name for d in demo_ws.documents() if d.name not in both][:5]
    text = _chapter(demo_ws, tmp_path, {"doc": ",".join(alone)})
    assert "die de onderzoeker koos" in text and "onderzoekers kozen" not in text
    assert "de citaten die de onderzoeker uit de interviews heeft geselecteerd" in text
    assert "onderzoekers kozen" in _chapter(demo_ws, tmp_path, None)  # two coded the whole


def test_the_methods_small_group_of_one_region_interviewed_twice_is_one_region(demo_ws):
    demo_ws.change_attributes("R13", {"region": "R01", "region_type": "eiland"})  # the island region, a year on
    method = demo_ws.report_data(appendix="none").method
    assert "de eilandregio (twee interviews) is te klein om apart te vergelijken" in method, method
