"""A passage coded with two of a quote file's codes: the file lists every passage once, under the
first of its codes, and a writer looking under the other heading ("Krimp en leerlingaantallen")
did not find the passage listed under "Verschuiving van de urgentie". Now the other heading points
to it, with its first words as printed there, and the quote names its other codes."""
from __future__ import annotations

import json
import re

from cli_runner import sq
from docx import Document


def _sections(md: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", md, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def test_a_passage_with_two_codes_is_listed_once_and_pointed_to_under_the_other(demo_copy, tmp_path):
    rows = json.loads(sq("quotes", "urgentie", "--format", "json", "--project", demo_copy).stdout)
    both = next(r for r in rows if set(r["codes"]) == {"urgentie/verschuiving", "urgentie/krimp-leerlingaantallen"})
    assert both["code"] == "urgentie/verschuiving"
    got = sq("quotes", "urgentie", "--format", "md", "--project", demo_copy)
    assert got.returncode == 0, got.stderr
    sections = _sections(got.stdout)
    opening = " ".join(both["quote"].split()[:5])
    # the quote itself once, under its first code, saying where its other code is
    assert sum(s.count(f"> “{opening}") for s in sections.values()) == 1
    shift = sections["Verschuiving van de urgentie"]
    after = shift[shift.index(f"“{opening}"):].split("\n> “")[0]
    assert "Ook gecodeerd als ‘Krimp en leerlingaantallen’; daar staat een verwijzing naar dit citaat." in after
    # and under the other heading a pointer with its first words and who says it
    pointer = next(line for line in sections["Krimp en leerlingaantallen"].splitlines() if opening in line)
    assert pointer.startswith("*Ook met deze code gecodeerd, en opgenomen onder ‘Verschuiving van de urgentie’: “")
    assert pointer.endswith(f"” {both['attribution']}.*"), pointer
    # a pointer is no quote of its own: the count and the intro are the passages', as before
    out = tmp_path / "urgentie.docx"
    wrote = sq("quotes", "urgentie", "--format", "docx", "-o", out, "--project", demo_copy)
    listed = int(re.search(r": (\d+) quotes", wrote.stdout).group(1))
    assert f"Alle {listed} gecodeerde passages" in got.stdout
    assert listed == sum(s.count("\n> — ") for s in sections.values())
    # the Word file says both, as the Markdown does
    text = "\n".join(p.text for p in Document(out).paragraphs)
    assert "en opgenomen onder ‘Verschuiving van de urgentie’: “" in text
    assert "Ook gecodeerd als ‘Krimp en leerlingaantallen’" in text


def test_a_quote_file_of_one_code_has_no_pointers(demo_copy):
    got = sq("quotes", "urgentie/krimp-leerlingaantallen", "--format", "md", "--project", demo_copy)
    assert got.returncode == 0 and "Ook met deze code" not in got.stdout and "Ook gecodeerd als" not in got.stdout


def test_a_quote_file_of_a_code_no_one_coded_says_so(demo_copy):
    """"Alle 0 gecodeerde passages, elk één keer, …" heads the file of a code no one coded yet."""
    assert sq("code-add", "urgentie/huisvesting", "--project", demo_copy).returncode == 0
    got = sq("quotes", "urgentie/huisvesting", "--format", "md", "--project", demo_copy)
    assert got.returncode == 0 and "Er zijn (nog) geen gecodeerde passages met deze code." in got.stdout
    assert "Alle 0" not in got.stdout


def test_a_quote_file_of_part_of_the_interviews_says_which(demo_copy):
    """`quotes urgentie --where region_type=krimp --format md` opened "Alle 46 gecodeerde passages…" with no word of
    krimp: a writer could take it for the whole set."""
    got = sq("quotes", "urgentie", "--where", "region_type=krimp", "--format", "md", "--project", demo_copy)
    assert "gecodeerde passages (alleen de interviews in de krimpregio's), elk één keer" in got.stdout
    en = sq("quotes", "urgentie", "--where", "region_type=krimp", "--lang", "en", "--format", "md",
            "--project", demo_copy)
    assert "coded passages (only the interviews in the shrinking regions), each once" in en.stdout


def test_csv_of_no_rows_still_has_its_header(demo_copy):
    """`quotes leeg --format csv` and `codings --code leeg --format csv` printed a bare newline: a script reading
    the columns found none."""
    assert sq("code-add", "leeg", "--project", demo_copy).returncode == 0
    quotes = sq("quotes", "leeg", "--format", "csv", "--project", demo_copy)
    full = sq("quotes", "urgentie", "--format", "csv", "--project", demo_copy)
    assert quotes.returncode == 0 and quotes.stdout.strip() == full.stdout.splitlines()[0]
    codings = sq("codings", "--code", "leeg", "--format", "csv", "--project", demo_copy)
    every = sq("codings", "--format", "csv", "--project", demo_copy)
    assert codings.returncode == 0 and codings.stdout.strip() == every.stdout.splitlines()[0]


def test_a_starred_quote_file_says_where_the_chapter_puts_each(demo_copy):
    """The starred Word file said nothing of where the chapter puts each passage (the JSON did), and under one the
    chapter leaves out it said how "the chapter would quote it", from the sentence before."""
    places = {r["id"]: r["chapter"] for r in json.loads(sq("quotes", "vmbo-in-the-lead", "--starred", "--format",
                                                            "json", "--project", demo_copy).stdout)}
    md = sq("quotes", "vmbo-in-the-lead", "--starred", "--format", "md", "--project", demo_copy).stdout
    blocks = md.split("\n\n> “")[1:]
    assert len(blocks) == len(places)
    said = {"text": "*In het hoofdstuk: geciteerd in de tekst.", "appendix": "*In het hoofdstuk: in de bijlage.",
            "context": "*Niet in het hoofdstuk: zonder de zin ervoor niet te begrijpen."}
    assert {"text", "appendix", "context"} <= set(places.values())
    for place in ("text", "appendix", "context"):
        assert sum(said[place] in b for b in blocks) == list(places.values()).count(place), place
    for b in blocks:
        if "*Niet in het hoofdstuk" in b:
            assert "Zo staat het op zichzelf" not in b, b


def test_a_pointer_credits_the_passage_as_its_quote_does(demo_copy):
    """A passage the file prints from the sentence before, which names the island, is credited "een
    geïnterviewde"; the pointer to it under its other code still named the role its quote hides."""
    R01 = "R01"
    span = ("--start", "9404", "--end", "9466")  # "En het bedrag is al jaren hetzelfde …", after "Alles moet met de boot"
    assert sq("code", R01, "financieringsonzekerheid/impact", *span, "--project", demo_copy).returncode == 0
    md = sq("quotes", "financieringsonzekerheid", "--format", "md", "--project", demo_copy).stdout
    pointer = next(line for line in md.splitlines() if line.startswith("*Ook met deze code") and "met de boot" in line)
    quote = md[md.index("> “Alles moet met de boot"):].split("\n\n")[0]
    assert quote.endswith("> — een geïnterviewde"), quote
    assert pointer.endswith("” — een geïnterviewde.*"), pointer
    # a second coder's longer passage of it under the same heading: the shorter one is read in it, and no
    # pointer is left to it without words ("opgenomen onder ‘Structurele knelpunten’: “ …”")
    assert sq("code", R01, "financieringsonzekerheid/impact", "--start", "9318", "--end", "9466", "--coder",
              "onderzoeker-b", "--project", demo_copy).returncode == 0
    md = sq("quotes", "financieringsonzekerheid", "--format", "md", "--project", demo_copy).stdout
    assert all("“ …”" not in line for line in md.splitlines())


def test_a_quote_file_of_interviews_picked_by_name_does_not_name_them(demo_copy):
    """`--where doc=R05,R07,R09` put "met als document ‘R05’ of ‘R07’ of ‘R09’" in the file's first line, beside
    quotes credited by role: a region's code beside a role points to one person."""
    got = sq("quotes", "urgentie", "--where", "doc=R05,R07,R09", "--format", "md", "--project", demo_copy).stdout
    assert "gecodeerde passages (alleen de drie gekozen interviews), elk één keer" in got
    assert "R05" not in got and "R07" not in got


def test_every_place_of_the_chapter_has_its_line_in_both_languages():
    from sto_qual.domain.quote_picking import CHAPTER_PLACES
    from sto_qual.report.labels import LABELS
    assert set(LABELS["nl"]["quotes_places"]) == set(CHAPTER_PLACES) == set(LABELS["en"]["quotes_places"])


def test_the_english_starred_file_says_a_passage_the_dutch_chapter_retells_is_not_in_the_english_one(demo_copy):
    """"In the chapter: retold in the text as an example" under #173 in the English file: the English chapter
    retells no examples (and leaves such passages out of its appendix), so the partner searched for it in vain."""
    rows = json.loads(sq("quotes", "urgentie", "--starred", "--lang", "en", "--format", "json",
                         "--project", demo_copy).stdout)
    retold = [r for r in rows if r["chapter"] == "example"]
    assert retold
    md = sq("quotes", "urgentie", "--starred", "--lang", "en", "--format", "md", "--project", demo_copy).stdout
    assert md.count("*Not in the chapter: the Dutch chapter retells it as an example") == len(retold)
    assert "retold in the text as an example" not in md


def test_the_placeholders_said_above_the_quotes_are_those_printed(demo_copy):
    """A quote printed from the sentence before took in a "[school]" that the line above the quotes, listing what
    the placeholders stand for, did not name."""
    import re as regex
    for theme in ("urgentie", "financieringsonzekerheid"):
        md = sq("quotes", theme, "--starred", "--lang", "en", "--format", "md", "--project", demo_copy).stdout
        intro, body = md.split("\n\n")[1], "\n\n".join(md.split("\n\n")[2:])
        printed = set(regex.findall(r"\\\[([a-z-]+)\\\]", body))
        assert printed and all(f"\\[{p}\\]" in intro for p in printed), (theme, printed, intro)
