"""Names the pseudonym list missed: a word the transcripts write only with a capital, in
mid-sentence ("bij Techwerf", "in Noordrand"), that a printed quote or sentence still holds is
named by `report` and `quotes` on stderr with the two commands that settle it: `pseudonyms add`
(it is a name) or `pseudonyms keep` (it is not; asked about no more)."""
from cli_runner import sq
from sto_qual.domain.missed_names import NameProfile


def test_a_name_is_a_word_written_only_with_a_capital_in_mid_sentence():
    texts = {1: "We gaan naar Hoornsand. Daar staat het techlab van Techwerf, en ook Jan de Wit komt.",
             2: "Het STO-geld en de MaT-docent; daarom gaat het vmbo voor. In Hoornsand zeggen ze dat.",
             3: "Hoornsand is ver weg. Techniek is leuk, techniek is alles.", 4: "Niets."}
    profile = NameProfile.of(texts)
    assert set(profile.names) == {"hoornsand", "techwerf", "jan", "wit"}  # "Daarom": lower case elsewhere
    assert profile.names["hoornsand"] == frozenset({1, 2})
    # at the start of a sentence too; a run of names is one; each once; acronyms and kept words are not
    assert profile.unlisted("Hoornsand wil met Jan de Wit en Techwerf naar Hoornsand.") == [
        "Hoornsand", "Jan de Wit", "Techwerf"]  # a surname's particle is the name's ('Wit': "Jan de [naam]")
    # capitalised mid-sentence too ("Mevrouw De [naam]" was offered); not after a title or a preposition
    people = NameProfile.of({1: "Mevrouw De Vries belde. Anouk van den Berg ook. In de Werkplaats. Niemand.",
                             2: "Niets."})
    assert people.unlisted("Mevrouw De Vries belde. Anouk van den Berg ook. In de Werkplaats.") == [
        "De Vries", "Anouk van den Berg", "Werkplaats"]
    assert profile.unlisted("Het STO-geld van [school] in Techniek", kept={"techwerf"}) == []
    assert profile.unlisted("bij Techwerf", kept={"techwerf"}) == []
    assert NameProfile.of({1: "met El Amrani gebeld"}).unlisted("met El Amrani gebeld") == ["El Amrani"]
    # a word more than half of the interviews use names no region
    many = NameProfile.of({i: "het Vakwerf-plan en de Noordkaap" if i < 3 else "de Noordkaap" for i in range(1, 6)})
    assert many.unlisted("Vakwerf-plan bij Noordkaap") == ["Vakwerf-plan"]
    two = NameProfile.of({1: "de Noordkaap", 2: "de Noordkaap"})  # of two: three or more is common
    assert two.unlisted("Noordkaap") == ["Noordkaap"]
    # a word only ever at the start of a sentence: a name when the language does not know it
    starts = NameProfile.of({1: "Vledderhoven is het dorp. Jammer is het. Het is jammer.", 2: "Niets."})
    assert starts.unlisted("Vledderhoven is het dorp.") == []  # without the language's words: not asked
    known = {"is", "het", "dorp"}.__contains__
    assert starts.unlisted("Vledderhoven is het dorp. Jammer.", is_word=known) == ["Vledderhoven"]
    # with the Dutch tables the project uses: a determiner only ever opening a sentence is a word, not a
    # name (a new user's report asked to `pseudonyms add Elke`)
    from sto_qual.nlp.lemmas import lemmatizer
    words = NameProfile.of({1: "Elke school doet mee. Welke niet? Vledderhoven is het dorp.", 2: "Niets."})
    said = "Elke school doet mee. Welke niet? Vledderhoven is het dorp."
    assert words.unlisted(said, is_word=lemmatizer().knows) == ["Vledderhoven"]
    # common words the tables lack, and pronominal adverbs: a new project's chapter said its
    # anonymisation was not done because of "Alles wordt duurder." and "Daarbuiten …"
    said = ("Alles wordt duurder. Daarbuiten niets. Hierdoor stopt het. Soms wel. Tijdens de les. "
            "Volgens mij wel. Trouwens, Ermelo is de plaats.")
    words = NameProfile.of({1: said, 2: "Niets."})
    assert words.unlisted(said, is_word=lemmatizer().knows) == ["Ermelo"]


def test_the_report_names_an_unlisted_name_and_keep_or_add_settles_it(demo_ws, demo_copy, tmp_path):
    from sto_qual.services.reporting import build_report_data

    def named(ws):
        return [w for w in build_report_data(ws, ws.synthesis()).warnings if "pseudonyms keep" in w]
    not_yet = "Concept: de anonimisering is nog niet af. De tekst noemt nog namen of aantallen"
    assert named(demo_ws) == []  # the demo's list takes every name out
    assert build_report_data(demo_ws, demo_ws.synthesis()).method_note == ""
    demo_ws.remove_pseudonym("Farida")
    [line] = named(demo_ws)
    # the method, which says that names were replaced, says in the chapter itself that one is not yet
    note = build_report_data(demo_ws, demo_ws.synthesis()).method_note
    assert note.startswith(not_yet) and note.endswith("de waarschuwingen bij het maken van dit hoofdstuk noemen "
                                                      "ze."), note
    # the demo's chapter quotes her passage in the appendix (the text quotes another region's)
    assert line.startswith("‘Farida’ is printed in an appendix quote of vmbo-in-the-lead/gerealiseerd (#"), line
    # a speaker in R03: a person's name for certain, whatever the text says of the word
    assert "it names a person (a speaker or a header's participant in R03)" in line, line
    assert "`sto-qual pseudonyms add Farida '[naam]'`" in line
    assert line.endswith("`sto-qual pseudonyms keep Farida`")
    demo_ws.pseudonym_service.keep("farida")  # any case
    assert named(demo_ws) == []
    assert build_report_data(demo_ws, demo_ws.synthesis()).method_note == ""
    demo_ws.close()
    done = sq("pseudonyms", "keep", "-p", demo_copy, "Farida", "--clear")
    assert done.returncode == 0 and "asked about again: farida" in done.stdout, done.stderr
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "c.docx")
    assert done.returncode == 0 and "warning: ‘Farida’ is printed in" in done.stderr, done.stderr
    done = sq("quotes", "-p", demo_copy, "--code", "vmbo-in-the-lead/gerealiseerd")
    assert "warning: ‘Farida’ is printed in quote " in done.stderr, done.stderr
    assert sq("pseudonyms", "add", "-p", demo_copy, "Farida", "[naam]").returncode == 0
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "d.docx")
    assert done.returncode == 0 and "Farida" not in done.stderr, done.stderr


def test_several_names_end_with_one_keep_command_and_a_sentence_start_name_is_asked_about(demo_ws):
    from sto_qual.services.pseudonyms import PseudonymService
    service: PseudonymService = demo_ws.pseudonym_service
    # R02's "Gerard" opens its sentences only; its name off the list, a quote of it is asked about,
    # while "Hoewel" and "Sindsdien", which open sentences only too, are words
    demo_ws.remove_pseudonym("Gerard Lammers")
    r02 = next(c for c in demo_ws.codings(coder="onderzoeker-a") if c.doc == "R02")
    said = service.unlisted_names([((r02.id,), "Gerard zei het al. Hoewel het lastig is. Sindsdien gaat het.", "a quote")])
    assert len(said) == 1 and said[0].startswith("‘Gerard’ is printed in a quote") and "(R02)" in said[0]
    demo_ws.remove_pseudonym("Noordrand")
    demo_ws.remove_pseudonym("Farida")
    quotes = [((c.id,), c.text, f"a quote (#{c.id})") for c in demo_ws.codings(coder="onderzoeker-a")
              if "Noordrand" in c.text or "Farida" in c.text]
    said = service.unlisted_names(quotes)
    # never a command that, pasted whole, keeps the names as no names (a privacy auditor's 24 real names)
    assert said[-1] == ("of these, the words that are no names are kept in one command: `sto-qual pseudonyms keep "
                        "WORD WORD …` with those words (not the names)"), said[-1]


def test_keep_lists_takes_off_and_refuses_in_one_line(demo_copy):
    assert sq("pseudonyms", "keep", "-p", demo_copy, "Vakwerf", "Kraanbaan").stdout.splitlines() == [
        "no name, not asked about: Vakwerf", "no name, not asked about: Kraanbaan"]
    assert sq("pseudonyms", "keep", "-p", demo_copy, "vakwerf").stdout.strip() == "already kept: vakwerf"
    done = sq("pseudonyms", "keep", "-p", demo_copy, "--format", "json")
    assert done.stdout.count('"word"') == 2 and "Kraanbaan" in done.stdout
    done = sq("pseudonyms", "keep", "-p", demo_copy, "Onbekend", "--clear")
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "'Onbekend' is not kept" in done.stderr
    assert "Traceback" not in done.stderr
    assert sq("pseudonyms", "keep", "-p", demo_copy, "--clear").returncode == 2


def test_a_missed_name_is_placed_in_the_interviews_that_hold_all_of_it(tmp_path):
    """"Polderlicht College" was said to be written in two interviews because the other one had a
    "College" of its own; the interviews named are those that hold every word of it."""
    from sto_qual.services import Workspace
    (tmp_path / "A01.txt").write_text("Interviewer: Wie doet mee?\nAns: Vooral het Polderlicht College doet mee.\n",
                                      encoding="utf-8")
    (tmp_path / "A02.txt").write_text("Interviewer: Wie doet mee?\nPiet: Bij ons is dat het Noorder College, zeker.\n",
                                      encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    ws.import_files([tmp_path / "A01.txt", tmp_path / "A02.txt"])
    unit = ws.units("A01")[1]
    ws.assign_code("A01", "collectief-optrekken", start=unit.start, end=unit.end, coder="a")
    said = [w for w in ws.export(tmp_path / "c.csv")["warnings"] if w.startswith("‘Polderlicht College’")]
    assert len(said) == 1 and "only with a capital (A01)" in said[0], said
    assert "'[school]'" in said[0]  # a school's word in the name


def test_the_transcripts_are_read_for_names_once_until_their_documents_change(demo_ws, tmp_path, monkeypatch):
    """What the transcripts write as names is kept in the project as the scan it comes from,
    with the documents it read: a report reads no transcript for it (the import did), a new
    interview is read on its own and joins it, and a deleted one takes its words out of the
    project and has the others read again."""
    from sto_qual.domain import missed_names
    from sto_qual.domain.text import fold
    from sto_qual.services.reporting import build_report_data

    def read_now():  # every transcript read afresh, the rule applied: what the kept scan must give
        return missed_names.NameProfile.of({d.id: demo_ws.document_text(d.id) for d in demo_ws.documents()},
                                           lambda w: fold(w.lower()))
    real = missed_names.NameScan.of.__func__
    reads = []

    def counted(cls, texts, fold=str.lower):
        reads.append(len(texts))
        return real(cls, texts, fold)

    def named(ws):
        return [w for w in build_report_data(ws, ws.synthesis()).warnings if " is printed in " in w]
    demo_ws.remove_pseudonym("Farida")  # a name the report then asks about
    fresh = read_now()
    monkeypatch.setattr(missed_names.NameScan, "of", classmethod(counted))
    first = named(demo_ws)
    assert reads == []  # the demo's import read it
    assert demo_ws.pseudonym_service.name_profile() == fresh and reads == []
    assert any("‘Farida’ is printed in" in w for w in first)
    (tmp_path / "R30.txt").write_text("Interviewer: Hoe gaat het in Vledderwolde?\n\nAns: Goed, in Vledderwolde "
                                      "gaat het goed.\n\nInterviewer: Fijn.\n\nAns: Ja.\n", encoding="utf-8")
    assert demo_ws.import_files([tmp_path / "R30.txt"]).ok
    assert reads == [1]  # the import read the one interview it added, as it ended
    monkeypatch.setattr(missed_names.NameScan, "of", classmethod(real))
    assert demo_ws.pseudonym_service.name_profile() == read_now()  # joined, it is what reading all gives
    assert "vledderwolde" in read_now().names
    monkeypatch.setattr(missed_names.NameScan, "of", classmethod(counted))
    assert named(demo_ws) == first and reads == [1]
    demo_ws.delete_document("R30")
    assert b"ledderwolde" not in demo_ws.path.read_bytes()  # no word of R30 stays behind in the file
    assert "vledderwolde" not in demo_ws.pseudonym_service.name_profile().names and reads == [1, 19]


def test_a_name_printed_in_another_interviews_passage_names_where_it_is_printed(demo_ws):
    """R03's speaker Farida, off the list, in a retold example from R02: the warning named only
    R03, where she speaks, so a writer looked for the name in the wrong interview's passages."""
    demo_ws.remove_pseudonym("Farida")
    r02 = next(c for c in demo_ws.codings(coder="onderzoeker-a") if c.doc == "R02")
    r05 = next(c for c in demo_ws.codings(coder="onderzoeker-a") if c.doc == "R05")
    service = demo_ws.pseudonym_service
    [line] = service.unlisted_names([((r02.id,), "Volgens Farida gaat het goed.", "a retold example in urgentie")])
    assert line.startswith("‘Farida’ is printed in a retold example in urgentie (from R02), and it names a person "
                           "(a speaker or a header's participant in R03)"), line
    [line] = service.unlisted_names([((r02.id, r05.id), "Volgens Farida gaat het goed.", "a sentence in urgentie"),
                                     ((r05.id,), "Farida zegt het.", f"a quote of urgentie (#{r05.id})")])
    assert line.startswith(f"‘Farida’ is printed in a sentence in urgentie (from R02, R05); a quote of urgentie "
                           f"(#{r05.id}, R05), and it names"), line


def test_the_report_says_which_interview_a_retold_example_with_a_name_comes_from(demo_ws):
    """R12's speaker Harm, off the list, is retold in an example from R06 (the point beside it
    rests on eight interviews): the warning names R06, the example's own interview."""
    from sto_qual.services.reporting import build_report_data
    demo_ws.remove_pseudonym("Harm")
    said = [w for w in build_report_data(demo_ws, demo_ws.synthesis()).warnings if w.startswith("‘Harm’")]
    assert len(said) == 1 and said[0].startswith("‘Harm’ is printed in a retold example in "
                                                 "collectief-optrekken/vertrouwen-besturen (from R06), and it names "
                                                 "a person (a speaker or a header's participant in R12)"), said


def test_a_compound_of_words_opening_a_sentence_is_no_name(tmp_path):
    """"Zij-instromers" opened its sentences only, and the report asked whether it named a
    person: the tables know "zij" and "instromers", not the compound. A compound with a part
    the language does not know ("Vledder-Oost") is still asked about."""
    from sto_qual.services import Workspace
    t = tmp_path / "R01.txt"
    t.write_text("Interviewer: Hoe vinden jullie docenten?\nAnne: Zij-instromers helpen ons. Vledder-Oost doet "
                 "dat ook. Zij-instromers blijven vaak.\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    try:
        ws.import_files([t])
        said = ws.pseudonym_service.unlisted_names([((1,), "Zij-instromers helpen ons. Vledder-Oost doet dat ook.",
                                                      "a quote")])
    finally:
        ws.close()
    assert said and "‘Vledder-Oost’" in said[0] and not any("Zij-instromers" in s for s in said), said


def test_a_name_in_a_memo_the_chapter_prints_is_said(demo_ws):
    """`report --memos` printed "directeur (Linda)" from a memo unsaid, where `export` warned of the
    same memo: the memo appendix is read for names the list missed, as the chapter's quotes are."""
    from sto_qual.services.reporting import build_report_data
    demo_ws.remove_pseudonym("Maarten")
    c = next(c for c in demo_ws.codings(coder="onderzoeker-a") if c.code.startswith("urgentie"))
    demo_ws.set_memo(c.id, "Directeur (Maarten) ziet het anders dan de bestuurder.")
    with_memos = build_report_data(demo_ws, demo_ws.synthesis(), memos=True).warnings
    assert any(w.startswith("‘Maarten’ is printed in a memo in the appendix") for w in with_memos), with_memos
    without = build_report_data(demo_ws, demo_ws.synthesis()).warnings
    assert not any("in a memo in the appendix" in w for w in without)
    # as a possessive, and in lower case where the name is no Dutch word ("Joosts punt", "volgens joost")
    demo_ws.set_memo(c.id, "Maartens punt is anders.")
    assert any(w.startswith("‘Maarten’ is printed in a memo") for w in build_report_data(
        demo_ws, demo_ws.synthesis(), memos=True).warnings)
    demo_ws.remove_pseudonym("Farida")
    demo_ws.set_memo(c.id, "volgens farida klopt dit niet")
    assert any(w.startswith("‘Farida’ is printed in ") and "a memo in the appendix" in w.split(", and ")[0]
               for w in build_report_data(demo_ws, demo_ws.synthesis(), memos=True).warnings)


def test_with_no_pseudonym_list_the_names_printed_are_one_warning(demo_ws):
    """A project made from a .qdpx (no list: the file does not carry it) had a warning per name the
    chapter printed, some forty lines under the one saying the list is empty."""
    from sto_qual.services.reporting import build_report_data
    for p in demo_ws.pseudonyms():
        demo_ws.remove_pseudonym(p.pattern)
    warnings = build_report_data(demo_ws, demo_ws.synthesis()).warnings
    assert warnings[0].startswith("the pseudonym list is empty")
    [line] = [w for w in warnings if "words the transcripts write as names are printed" in w]
    assert "none replaced (the pseudonym list is empty): " in line and " more; once the list is there" in line
    assert not any(" is printed in " in w for w in warnings)
    assert build_report_data(demo_ws, demo_ws.synthesis()).method_note  # the chapter still says it is not done


def test_a_first_name_opening_sentences_and_one_written_small_are_still_names(tmp_path):
    """Three ways a name went out unsaid. "Klaas" (a Dutch word too) only ever opened a sentence:
    "Klaas Bruinsma, de eigenaar" named the surname alone, and "Klaas is een kanjer" nothing, also
    after "Klaas Bruinsma" was listed; and a transcriber's one "marit" made "Marit" no name anywhere."""
    from sto_qual.services import Workspace
    (tmp_path / "W20.txt").write_text(
        "Interviewer: Wie zijn jullie partners?\n"
        "Femke: Jachtwerf Bruinsma is onze grootste partner. Klaas Bruinsma, de eigenaar, geeft gastles. "
        "Klaas is een kanjer.\n"
        "Interviewer: En de stage?\n"
        "Femke: Ik heb met Marit gebeld over de stage. Toen sprak ik marit nog een keer.\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    ws.import_files([tmp_path / "W20.txt"])
    for turn in ws.turns("W20")[1::2]:
        ws.assign_code("W20", "collectief-optrekken", start=turn.start, end=turn.end, coder="a")

    def said(name):
        return [w for w in ws.export(tmp_path / "c.csv")["warnings"] if w.startswith(f"‘{name}’")]
    assert said("Klaas Bruinsma") and not said("Bruinsma"), said("Bruinsma")
    marit = said("Marit")
    assert len(marit) == 1 and "with a capital mid-sentence, and small too, and it is no Dutch word" in marit[0], marit
    ws.add_pseudonym("Klaas Bruinsma", "[naam]")
    first = said("Klaas")
    assert len(first) == 1 and "it is the first name of ‘Klaas Bruinsma’ on the pseudonym list" in first[0] \
        and "`sto-qual pseudonyms add Klaas '[naam]'`" in first[0], first
    ws.add_pseudonym("Klaas", "[naam]")
    ws.add_pseudonym("Marit", "[naam]")
    assert not said("Klaas") and not said("Marit")
    text = (tmp_path / "c.csv").read_text(encoding="utf-8-sig")
    assert "Klaas" not in text and "arit" not in text


def test_an_e_mail_address_in_the_text_leaves_the_names_in_it_names(tmp_path):
    """"Mail hem via klaas.bruinsma@school.nl" made "klaas" and "bruinsma" words the transcripts
    write small: no warning of "Klaas Bruinsma", nor of "Klaas" once the full name was listed. And a
    sentence's opening word before a name ("In Maart", "Tot Ziens") is no first name."""
    from tests_support import one_coded_interview
    ws = one_coded_interview(tmp_path, "A01", "Interviewer: Vertel eens over de school.\nFemke: Klaas Bruinsma, "
                             "de eigenaar, geeft les. Klaas is een kanjer. Mail hem via klaas.bruinsma@school.nl. "
                             "In Maart begint het, zegt Bruinsma.\n")

    def said():
        warned = ws.export(tmp_path / "c.csv")["warnings"]
        return [w.split("’")[0].lstrip("‘") for w in warned if w.startswith("‘")]
    assert "Klaas Bruinsma" in said() and "In Maart" not in said(), said()
    ws.add_pseudonym("Klaas Bruinsma", "[naam]")
    assert "Klaas" in said(), said()


def test_a_project_scanned_under_an_older_rule_is_read_again(tmp_path):
    """The scan is kept in the project: one made before "IJmuiden" counted as a name would have kept
    the town out of every warning until a transcript changed. Another rule's scan is read again."""
    import json
    import sqlite3

    from sto_qual.services import Workspace
    (tmp_path / "A01.txt").write_text("Interviewer: Waar?\n\nAns: Bij Tata in IJmuiden gaat het anders.\n",
                                      encoding="utf-8")
    (tmp_path / "A02.txt").write_text("Interviewer: En hier?\n\nBen: Hier niet.\n", encoding="utf-8")
    ws = Workspace.create(tmp_path / "p.db")
    ws.import_files([tmp_path / "A01.txt", tmp_path / "A02.txt"])
    assert "ijmuiden" in ws.pseudonym_service.name_profile().names
    ws.close()
    with sqlite3.connect(tmp_path / "p.db") as db:  # the scan as the last release kept it: without the town
        [(kept,)] = db.execute("SELECT value FROM settings WHERE key = 'name_profile'").fetchall()
        kept = json.loads(kept)
        old = {**kept, "version": 2, "mid": {w: d for w, d in kept["mid"].items() if w != "ijmuiden"}}
        db.execute("UPDATE settings SET value = ? WHERE key = 'name_profile'", (json.dumps(old),))
    db.close()
    ws = Workspace.open(tmp_path / "p.db")
    assert "ijmuiden" in ws.pseudonym_service.name_profile().names
    ws.close()
