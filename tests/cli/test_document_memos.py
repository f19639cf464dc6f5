"""A memo on a document, as a researcher keeps one per interview (NVivo's document memo): one per
coder, written again rather than added to, and listed where a user looks for it."""
from __future__ import annotations

import json

from cli_runner import sq
from tests_support import invoke_cli


def _run(project, *args):
    res = invoke_cli([args[0], "--project", str(project), *args[1:]])
    assert res.exit_code == 0, res.output + (res.stderr if res.stderr_bytes else "")
    return res.output


def test_doc_memo_is_written_read_edited_and_cleared_one_per_coder(demo_copy):
    assert _run(demo_copy, "doc-memo", "R03").strip() == "no memo of onderzoeker-a on R03"
    assert _run(demo_copy, "doc-memo", "R03", "Krimpregio; penvoerder net nieuw.").strip() == "memo on R03 saved"
    assert _run(demo_copy, "doc-memo", "R03", "Krimpregio; penvoerder sinds 2024.").strip() == "memo on R03 saved"
    assert _run(demo_copy, "doc-memo", "R03", "--coder", "onderzoeker-b", "Tweede lezing.").strip() == \
        "memo on R03 saved"
    assert _run(demo_copy, "doc-memo", "R03").strip() == "Krimpregio; penvoerder sinds 2024."
    listed = json.loads(_run(demo_copy, "memos", "--doc", "R03", "--format", "json"))
    assert [(m["target"], m["name"], m["coder"], m["text"]) for m in listed] == [
        ("document", "R03", "onderzoeker-a", "Krimpregio; penvoerder sinds 2024."),
        ("document", "R03", "onderzoeker-b", "Tweede lezing.")]
    docs = {d["name"]: d for d in json.loads(_run(demo_copy, "docs", "--format", "json"))}
    assert docs["R03"]["memos"] == 2 and docs["R04"]["memos"] == 0
    assert _run(demo_copy, "doc-memo", "R03", "--clear").strip() == "memo on R03 cleared"
    assert [m["coder"] for m in json.loads(_run(demo_copy, "memos", "--format", "json"))
            if m["name"] == "R03"] == ["onderzoeker-b"]


def test_doc_memo_of_an_unknown_document_is_one_line_and_changes_nothing(demo_copy):
    before = demo_copy.read_bytes()
    res = invoke_cli(["doc-memo", "--project", str(demo_copy), "R99", "tekst"])
    assert res.exit_code == 1 and "unknown document 'R99'" in res.output and "Traceback" not in res.output
    assert demo_copy.read_bytes() == before


def test_memos_lists_the_codings_memos_to_a_person_and_with_codings_to_a_script(demo_copy):
    """A coder from NVivo wrote a memo on a coding and `memos` said "(none)"; then "(none)" with a note
    that 133 codings had a memo, which two new users still read as none. The table lists every memo;
    JSON and CSV list the codings' with `--codings`, as scripts read them."""
    from cli_runner import sq
    plain = sq("memos", "-p", demo_copy)
    assert plain.returncode == 0 and plain.stdout.count(" coding ") == 133 and not plain.stderr, plain.stderr
    assert sq("memos", "-p", demo_copy, "--doc", "R03").stdout.count(" coding ") == 5
    assert sq("memos", "-p", demo_copy, "--no-codings").stdout.strip() == "(none)"
    assert sq("doc-memo", "-p", demo_copy, "R03", "Krimpregio.").returncode == 0
    listed = json.loads(sq("memos", "-p", demo_copy, "--codings", "--doc", "R03", "--format", "json").stdout)
    assert listed[0] == {**listed[0], "target": "document", "name": "R03", "text": "Krimpregio."}
    codings = {c["id"]: c for c in json.loads(sq("codings", "-p", demo_copy, "--doc", "R03", "--format", "json").stdout)}
    with_memo = [c for c in codings.values() if c["memo"]]
    assert [m["id"] for m in listed[1:]] == [c["id"] for c in with_memo] and len(with_memo) == 5
    for m in listed[1:]:
        c = codings[m["id"]]
        assert m == {"id": c["id"], "target": "coding", "name": f"R03 #{c['id']} {c['code']}", "coder": c["coder"],
                     "text": c["memo"], "created_at": m["created_at"]}
    # the plain JSON list stays the memos on documents and codes, as scripts read it
    assert [m["target"] for m in json.loads(sq("memos", "-p", demo_copy, "--format", "json").stdout)] == ["document"]


def test_a_blank_memo_text_is_refused_and_the_memo_stays(demo_copy):
    """`doc-memo R02 "   "` said "memo on R02 cleared" and the memo was gone (a document's memo is
    no undo step); `memo 6 ""` printed "memo on #6: (none)", which read as a display."""
    assert sq("doc-memo", "-p", demo_copy, "R02", "mijn notitie").returncode == 0
    for args in (("doc-memo", "R02", "   "), ("doc-memo", "R02", ""), ("memo", "6", "")):
        got = sq(args[0], "-p", demo_copy, *args[1:])
        assert got.returncode == 2 and got.stderr.strip() == (
            "error: the memo text is blank; give the text, or --clear to remove the memo"), got.stderr
    assert sq("doc-memo", "-p", demo_copy, "R02").stdout.strip() == "mijn notitie"
    assert sq("doc-memo", "-p", demo_copy, "R02", "--clear").returncode == 0


def test_a_memo_given_with_clear_or_of_an_invisible_character_is_refused(demo_copy):
    """`memo 2 --clear 'tekst'` cleared the memo and ignored the text, unsaid; a memo of a
    zero-width space was saved as if it said something."""
    both = sq("memo", "-p", demo_copy, "6", "--clear", "tekst")
    assert both.returncode == 2 and "give the memo text or --clear, not both" in both.stderr
    blank = sq("doc-memo", "-p", demo_copy, "R02", "\u200b")
    assert blank.returncode == 2 and "the memo text is blank" in blank.stderr


def test_a_memo_of_control_characters_only_is_blank(demo_copy):
    """`doc-memo R01 $'\\a'` said 'memo on R01 cleared' and the memo was gone."""
    assert sq("doc-memo", "-p", demo_copy, "R01", "mijn notitie").returncode == 0
    for text in ("\a", "\x1b", "\u200b\a"):
        got = sq("doc-memo", "-p", demo_copy, "R01", text)
        assert got.returncode == 2 and "the memo text is blank" in got.stderr, (text, got.stderr)
    assert sq("doc-memo", "-p", demo_copy, "R01").stdout.strip() == "mijn notitie"


def test_a_long_memo_is_stored_whole_and_echoed_in_short(demo_copy):
    """A memo of 100,000 characters was printed back whole by `memo`."""
    long = " ".join(f"woord{i}" for i in range(15000))
    r = sq("memo", "-p", demo_copy, "5", long)
    assert r.returncode == 0 and len(r.stdout) < 300, r.stdout[:300]
    assert r.stdout.startswith("memo on #5: woord0 woord1") and r.stdout.rstrip().endswith(
        f"… ({len(long):,} characters)")
    stored = json.loads(sq("codings", "-p", demo_copy, "--doc", "R01", "--format", "json").stdout)
    assert next(c["memo"] for c in stored if c["id"] == 5) == long


def test_a_lead_looking_for_a_coders_document_memo_is_told_whose_there_is(demo_copy):
    """The lead's `doc-memo R02` said "no memo of lead on R02" and `--clear` "memo on R02 unchanged"
    beside bram's memo there, and nothing said that --coder bram was needed."""
    assert sq("doc-memo", "R02", "drie besturen, krimp centraal", "--coder", "bram", "-p", demo_copy).returncode == 0
    shown = sq("doc-memo", "R02", "--coder", "lead", "-p", demo_copy)
    assert shown.stdout.strip() == "no memo of lead on R02"
    assert f"note: bram has a memo on R02: `sto-qual doc-memo R02 --coder bram --project {demo_copy}` shows it" \
        in shown.stderr, shown.stderr
    cleared = sq("doc-memo", "R02", "--clear", "--coder", "lead", "-p", demo_copy)
    assert cleared.stdout.strip() == "memo on R02 unchanged" and "bram has a memo on R02" in cleared.stderr
    mine = sq("doc-memo", "R02", "--coder", "bram", "-p", demo_copy)
    assert mine.stdout.strip() == "drie besturen, krimp centraal" and "has a memo" not in mine.stderr


def test_another_coders_memo_is_not_written_over_unasked(demo_copy):
    """An analyst's `memo 752 "…"` replaced a coder's memo with only a note about undo; when the
    coder then kept both in the TUI, her own text was gone for good. Another coder's memo is
    kept unless --append (after it) or --replace (over it) says what is meant."""
    rows = json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-b", "--format", "json").stdout)
    theirs = next(c for c in rows if c["memo"])
    cid, before = str(theirs["id"]), theirs["memo"]

    def memo_now():
        rows = json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-b", "--format", "json").stdout)
        return next(c["memo"] for c in rows if c["id"] == theirs["id"])
    for args in (("Analist: zie ook R12.",), ("--clear",)):
        got = sq("memo", "-p", demo_copy, cid, *args)  # as the project's default coder, onderzoeker-a
        assert got.returncode == 1 and got.stderr.startswith(
            f"error: #{cid} is onderzoeker-b's coding and has onderzoeker-b's memo “"), got.stderr
        assert "nothing was written" in got.stderr and "--append adds yours after it" in got.stderr
        assert memo_now() == before
    assert sq("memo", "-p", demo_copy, cid, "Analist: zie ook R12.", "--append").returncode == 0
    # signed: "B vindt: goed citaat" after a coder's memo read as hers
    assert memo_now() == f"{before.strip()}\n\nonderzoeker-a: Analist: zie ook R12."
    assert sq("memo", "-p", demo_copy, cid, "Nog iets.", "--append", "--coder", "onderzoeker-b").returncode == 0
    # hers after another's signed words is signed too ("nog iets" under "bram: …" read as his)
    assert memo_now().endswith("zie ook R12.\n\nonderzoeker-b: Nog iets.")
    assert sq("memo", "-p", demo_copy, cid, "Alleen dit.", "--replace").returncode == 0
    assert memo_now() == "onderzoeker-a: Alleen dit."  # signed: her words on his coding (`memos` read them as his)
    # on his own coding a colleague's signed words are not written over unasked either (they were lost so)
    refused = sq("memo", "-p", demo_copy, cid, "Haar tekst.", "--coder", "onderzoeker-b")
    assert refused.returncode == 1 and "holds onderzoeker-a's words" in refused.stderr, refused.stderr
    # his own memo is his to write over, as before; --append on none is the text itself
    assert sq("memo", "-p", demo_copy, cid, "Haar tekst.", "--coder", "onderzoeker-b", "--replace").returncode == 0
    assert memo_now() == "Haar tekst."
    assert sq("memo", "-p", demo_copy, cid, "Zijn tekst.", "--coder", "onderzoeker-b").returncode == 0
    assert memo_now() == "Zijn tekst."
    assert sq("memo", "-p", demo_copy, cid, "--clear", "--append").returncode == 2


def test_a_coding_memo_is_listed_with_when_it_was_written_not_when_the_passage_was_coded(demo_copy):
    """`memos` gave a coding's memo the coding's time: a memo written a week after the coding read
    as written with it. A memo that came with the coding (the demo's import) keeps the coding's time;
    one written onto a coding without a memo has its own; rewriting it keeps when it was begun."""
    codings = json.loads(sq("codings", "-p", demo_copy, "--doc", "R04", "--format", "json").stdout)
    bare = next(c for c in codings if not c["memo"])
    came = next(c for c in codings if c["memo"])
    assert sq("memo", "-p", demo_copy, str(bare["id"]), "Later gelezen: sterk citaat.").returncode == 0

    def listed():
        rows = json.loads(sq("memos", "-p", demo_copy, "--codings", "--format", "json").stdout)
        return {m["id"]: m["created_at"] for m in rows if m["target"] == "coding"}
    first = listed()
    assert first[came["id"]] == came["created_at"]
    assert first[bare["id"]] > bare["created_at"], (first[bare["id"]], bare["created_at"])
    assert sq("memo", "-p", demo_copy, str(bare["id"]), "Later gelezen: sterk citaat, R04.").returncode == 0
    assert sq("memo", "-p", demo_copy, str(came["id"]), "Herschreven.").returncode == 0
    again = listed()
    assert again[bare["id"]] == first[bare["id"]] and again[came["id"]] == came["created_at"]
    assert sq("memo", "-p", demo_copy, str(bare["id"]), "--clear").returncode == 0
    assert sq("memo", "-p", demo_copy, str(bare["id"]), "Nieuw begonnen.").returncode == 0
    assert listed()[bare["id"]] > first[bare["id"]]


def test_a_memo_on_a_colleagues_coding_without_one_is_signed(demo_copy):
    """An analyst's `memo ID 'sterk citaat' --coder onderzoeker-b` on onderzoeker-a's coding without a memo was
    stored unsigned, and `memos` listed it as onderzoeker-a's."""
    rows = json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-a", "--format", "json").stdout)
    bare = next(c for c in rows if not c["memo"])
    assert sq("memo", "-p", demo_copy, str(bare["id"]), "sterk citaat", "--coder", "onderzoeker-b").returncode == 0
    listed = json.loads(sq("memos", "-p", demo_copy, "--codings", "--format", "json").stdout)
    assert next(m["text"] for m in listed if m["target"] == "coding" and m["id"] == bare["id"]) == \
        "onderzoeker-b: sterk citaat"
    # her own memo on her own coding stays unsigned
    mine = next(c for c in rows if not c["memo"] and c["id"] != bare["id"])
    assert sq("memo", "-p", demo_copy, str(mine["id"]), "eigen woorden").returncode == 0
    listed = json.loads(sq("memos", "-p", demo_copy, "--codings", "--format", "json").stdout)
    assert next(m["text"] for m in listed if m["target"] == "coding" and m["id"] == mine["id"]) == "eigen woorden"


def test_uncode_says_a_memo_and_star_went_with_the_coding(demo_copy):
    """`uncode 24 --coder onderzoeker-b` of a colleague's starred coding with a memo said only "removed #24 …"."""
    rows = json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-a", "--format", "json").stdout)
    c = next(r for r in rows if not r["memo"] and not r["starred"])
    sq("star", "-p", demo_copy, str(c["id"]))
    sq("memo", "-p", demo_copy, str(c["id"]), "sterk")
    got = sq("uncode", "-p", demo_copy, str(c["id"]), "--coder", "onderzoeker-b")
    assert got.returncode == 0 and f"note: #{c['id']}'s memo and star went with it (`sto-qual undo" in got.stderr
    plain = next(r for r in rows if not r["memo"] and not r["starred"] and r["id"] != c["id"])
    quiet = sq("uncode", "-p", demo_copy, str(plain["id"]))
    assert quiet.returncode == 0 and "went with it" not in quiet.stderr
