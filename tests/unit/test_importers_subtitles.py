"""WebVTT and SubRip: cues merged into speaker turns, times on the turn, never in the text."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from sto_qual.domain.errors import ImportRefused
from sto_qual.importers import subtitles

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
sys.path.insert(0, str(FIXTURES))
from import_invariants import check_parsed  # noqa: E402

IMPORT = FIXTURES / "import"


def test_teams_voices_merge_consecutive_cues_and_keep_first_and_last_time():
    doc = subtitles.parse(IMPORT / "teams.vtt")
    check_parsed(doc)
    assert doc.format == "vtt"
    assert [(t.speaker, t.time_start, t.time_end) for t in doc.turns] == [
        ("Jan de Vries", "00:00:01", "00:00:09"),
        ("Fatima El Amrani", "00:00:09", "00:00:15"),
        ("Jan de Vries", "00:00:15", "00:00:18"),
    ]
    assert [doc.text[t.start:t.end] for t in doc.turns] == [
        "Goedemorgen allemaal. Zullen we het over de urgentie hebben?",
        "Ja. Het tekort aan docenten & instructeurs is enorm. Vooral in de metaal.",
        "Dat hoor ik vaker.",
    ]
    assert "-->" not in doc.text and "<v" not in doc.text and "0a1b2c3d" not in doc.text


def test_spreker_prefixes():
    doc = subtitles.parse(IMPORT / "spreker.vtt")
    check_parsed(doc)
    assert [(t.speaker, t.time_start, t.time_end) for t in doc.turns] == [
        ("Spreker 1", "00:00:00", "00:00:03"),
        ("Spreker 2", "00:00:03", "00:00:10"),
        ("Spreker 1", "00:01:02", "00:01:05"),
    ]
    assert doc.text[doc.turns[1].start:doc.turns[1].end] == "Dank u. Ik ben penvoerder. We werken met negen scholen."


def test_srt_cue_without_label_continues_the_previous_speaker():
    doc = subtitles.parse(IMPORT / "interview.srt")
    check_parsed(doc)
    assert doc.format == "srt"
    assert [t.speaker for t in doc.turns] == ["Interviewer", "Respondent", "Interviewer"]
    assert doc.text[doc.turns[1].start:doc.turns[1].end] == (
        "Op papier goed. In de praktijk heeft het mbo nog steeds de regie.")
    assert doc.turns[1].time_end == "00:00:09"


def _write(tmp_path, name, body):
    f = tmp_path / name
    f.write_text(body, encoding="utf-8")
    return f


def test_cues_without_any_speaker_are_one_turn_with_a_warning(tmp_path):
    f = _write(tmp_path, "x.srt", "1\n00:00:01,000 --> 00:00:02,000\nEerste zin.\n\n"
                                  "2\n00:00:02,000 --> 00:00:04,000\nTweede zin.\n")
    doc = subtitles.parse(f)
    assert len(doc.turns) == 1 and doc.turns[0].speaker is None
    assert (doc.turns[0].time_start, doc.turns[0].time_end) == ("00:00:01", "00:00:04")
    assert doc.text == "Eerste zin. Tweede zin."
    assert doc.warnings


def test_cues_out_of_time_order_are_read_in_time_order_each_with_its_speaker(tmp_path):
    """An edited subtitle file held a cue after a later one: its words were read in the turn
    before, out of place (a player shows them in time order)."""
    f = _write(tmp_path, "x.vtt", "WEBVTT\n\n"
               "00:00:01.000 --> 00:00:04.000\n<v Interviewer>Wat is de grootste urgentie?\n\n"
               "00:00:09.000 --> 00:00:12.000\n<v Interviewer>En hoe zit het met vmbo in the lead?\n\n"
               "00:00:04.000 --> 00:00:09.000\n<v Marieke>Het tekort aan technische docenten.\n\n"
               "00:00:12.000 --> 00:00:15.000\n<v Marieke>Op papier zijn wij in the lead.\n")
    doc = subtitles.parse(f)
    check_parsed(doc)
    assert [(t.speaker, t.time_start, doc.text[t.start:t.end]) for t in doc.turns] == [
        ("Interviewer", "00:00:01", "Wat is de grootste urgentie?"),
        ("Marieke", "00:00:04", "Het tekort aan technische docenten."),
        ("Interviewer", "00:00:09", "En hoe zit het met vmbo in the lead?"),
        ("Marieke", "00:00:12", "Op papier zijn wij in the lead.")]
    assert doc.warnings == ("1 cue(s) out of time order (the first starts at 00:00:04, after one at 00:00:09); "
                            "the cues were put in time order",)


def test_a_long_monologue_is_broken_into_paragraphs_at_sentence_ends(tmp_path):
    cues = "".join(f"00:{i // 60:02d}:{i % 60:02d}.000 --> 00:{i // 60:02d}:{i % 60:02d}.900\n"
                   f"<v Jan>Dit is zin nummer {i} van een heel lang verhaal over techniek.</v>\n\n"
                   for i in range(300))
    doc = subtitles.parse(_write(tmp_path, "lang.vtt", "WEBVTT\n\n" + cues))
    check_parsed(doc)
    assert len(doc.turns) == 1
    paragraphs = doc.text.split("\n")
    assert len(paragraphs) > 3
    assert all(len(p) < subtitles.PARAGRAPH_CHARS + 200 for p in paragraphs)
    assert all(p.endswith(".") for p in paragraphs)


@pytest.mark.parametrize("body, message", [
    ("00:00:01.000 --> 00:00:02.000\nhallo\n", "first line must be WEBVTT"),
    ("WEBVTT\n\n00:00:01.000 --> later\nhallo\n", "broken cue timing"),
    ("WEBVTT\n\n00:00:01 --> 00:00:02\nhallo\n", "broken cue timing"),
    ("WEBVTT\n\n00:00:75.000 --> 00:00:76.000\nhallo\n", "broken cue timing"),
    ("WEBVTT\n\n00:00:09.000 --> 00:00:02.000\nhallo\n", "ends before it starts"),
    ("WEBVTT\n\nNOTE alleen een notitie\n", "no cues"),
])
def test_refusals(tmp_path, body, message):
    with pytest.raises(ImportRefused, match=message) as info:
        subtitles.parse(_write(tmp_path, "x.vtt", body))
    assert info.value.file.endswith("x.vtt")


def test_broken_timing_names_the_line(tmp_path):
    body = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhallo\n\n00:00:03.000 -> 00:00:04.000\n\n00:0x --> 1\nnee\n"
    with pytest.raises(ImportRefused) as info:
        subtitles.parse(_write(tmp_path, "x.vtt", body))
    assert info.value.line == 6  # the first broken timing ("->"), then line 8's "00:0x --> 1"
    with pytest.raises(ImportRefused) as info:
        subtitles.parse(_write(tmp_path, "x.vtt", body.replace(" -> ", " --> ")))
    assert info.value.line == 8


@pytest.mark.parametrize("name, body, line, shown", [
    ("V06.srt", "1\n00:00:01,000 --> 00:00:04,000\nInterviewer: Hoe gaat het?\n\n2\n00:00:05,000 --> 00:00:08,000\n"
                "Ans: Goed.\n\n3\n00:00:10,000 -> 00:00:12,000\nAns: Maar het geld is onzeker.\n\n4\n"
                "00:00:12,500 --> 00:00:14,000\nAns: De subsidie loopt af.\n", 10, "00:00:10,000 -> 00:00:12,000"),
    ("V07.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Ans>Goed.</v>\n\n00:00:09.000 -- 00:00:11.000\n"
                "<v Ans>Maar het geld is onzeker.</v>\n", 6, "00:00:09.000 -- 00:00:11.000"),
    ("V08.srt", "1\n00:00:01,000 --> 00:00:04,000\nAns: Goed.\n\nAns: Een cue zonder tijden.\n", 5, "Ans: Een cue zonder"),
])
def test_a_cue_whose_timing_is_mistyped_is_refused_not_left_out(tmp_path, name, body, line, shown):
    """A cue whose timing line had a typo ("->", "--") was skipped with its text: "Maar het geld is
    onzeker." was in no turn, and the import said nothing."""
    with pytest.raises(ImportRefused) as info:
        subtitles.parse(_write(tmp_path, name, body))
    assert info.value.line == line and f"text outside a cue: '{shown}" in str(info.value), str(info.value)


def test_what_a_subtitle_file_holds_outside_its_cues_is_still_read(tmp_path):
    """The WebVTT header and its metadata, NOTE and STYLE blocks, cue names and a cue's number
    left alone hold none of the interview: read past, as before."""
    vtt = ("WEBVTT - Teams\nKind: captions\nLanguage: nl\n\nNOTE gemaakt door Teams\nnog een regel\n\n"
           "STYLE\n::cue { color: white }\n\nintro\n00:00:01.000 --> 00:00:02.000\n<v Jan>Hallo.</v>\n\n"
           "00:00:03.000 --> 00:00:04.000\n<v Piet>Dag Jan.</v>\n")
    assert subtitles.parse(_write(tmp_path, "t.vtt", vtt)).text.split() == ["Hallo.", "Dag", "Jan."]
    srt = "1\n00:00:01,000 --> 00:00:02,000\nJan: Hallo.\n\n2\n\n3\n00:00:03,000 --> 00:00:04,000\nPiet: Dag.\n"
    assert subtitles.parse(_write(tmp_path, "t.srt", srt)).text.split() == ["Hallo.", "Dag."]


def test_escaped_control_characters_never_reach_the_text(tmp_path):
    body = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jan&#27;>hallo &#27;[31m rood &#0; &#x9b;</v>\n"
    doc = subtitles.parse(_write(tmp_path, "x.vtt", body))
    assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in doc.text + doc.turns[0].speaker)


def test_a_cue_without_the_blank_line_before_it_is_a_cue_of_its_own(tmp_path):
    """An .srt without blank lines between cues was one turn of the interviewer: "Hoe gaat het? 2
    00:00:05,000 --> 00:00:08,000 Anna: Goed". A one-word line of text stays text."""
    srt = _write(tmp_path, "nb.srt", "1\n00:00:01,000 --> 00:00:04,000\nInterviewer: Hoe gaat het?\n2\n"
                 "00:00:05,000 --> 00:00:08,000\nAnna: Goed, dank je.\n")
    doc = subtitles.parse(srt)
    check_parsed(doc)
    assert [(t.speaker, doc.text[t.start:t.end], t.time_start) for t in doc.turns] == [
        ("Interviewer", "Hoe gaat het?", "00:00:01"), ("Anna", "Goed, dank je.", "00:00:05")]
    vtt = _write(tmp_path, "nb.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>Hoe gaat het?</v>\n"
                 "Ja.\n00:00:05.000 --> 00:00:08.000\n<v Anna>Goed.</v>\n")
    doc = subtitles.parse(vtt)
    assert [doc.text[t.start:t.end] for t in doc.turns] == ["Hoe gaat het? Ja.", "Goed."]


def test_a_cue_that_opens_with_a_phrase_and_a_colon_keeps_its_words(tmp_path):
    """Cues without a voice tag, "Het punt is: zekerheid." and "Kortom: we wachten af.", became
    the speakers "Het punt is" and "Kortom", and their words before the colon were lost. A cue's
    "Naam:" is a speaker as a transcript's label is one."""
    f = _write(tmp_path, "c.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nAns: Goed dat je er bent.\n\n"
               "00:00:04.000 --> 00:00:06.000\nHet punt is: zekerheid.\n\n00:00:07.000 --> 00:00:09.000\n"
               "Kortom: we wachten af.\n\n00:00:10.000 --> 00:00:12.000\nKees de Vries: Ja, dat klopt.\n")
    doc = subtitles.parse(f)
    check_parsed(doc)
    assert [t.speaker for t in doc.turns] == ["Ans", "Kees de Vries"]
    assert doc.text[doc.turns[0].start:doc.turns[0].end] == (
        "Goed dat je er bent. Het punt is: zekerheid. Kortom: we wachten af.")



def test_a_cues_inline_timestamps_are_no_text(tmp_path):
    """"<00:01.500>" inside a cue (word timing) was stored in the text: "Hoe <00:01.500>gaat het echt?"."""
    f = _write(tmp_path, "t.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Interviewer><c.yellow>Hoe</c> "
               "<00:01.500>gaat het <i>echt</i>?\n\n00:00:04.000 --> 00:00:06.000\n<v Ans>Goed.\n")
    doc = subtitles.parse(f)
    assert doc.text[doc.turns[0].start:doc.turns[0].end] == "Hoe gaat het echt?"



def test_a_cue_of_two_speakers_gives_each_her_words(tmp_path):
    """"<v Ans>Dank je.</v> <v Kees>Graag gedaan.</v>", and "- Kees: Ja." / "- Ans: Nee." in one
    cue, went to the cue's first speaker whole."""
    f = _write(tmp_path, "two.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Interviewer>Klaar?\n\n"
               "00:00:04.000 --> 00:00:06.000\n<v Ans>Dank je.</v> <v Kees>Graag gedaan.</v>\n\n"
               "00:00:07.000 --> 00:00:09.000\n- Kees: Ja.\n- Ans: Nee.\n")
    doc = subtitles.parse(f)
    check_parsed(doc)
    said = [(t.speaker, doc.text[t.start:t.end]) for t in doc.turns]
    assert said == [("Interviewer", "Klaar?"), ("Ans", "Dank je."), ("Kees", "Graag gedaan. Ja."), ("Ans", "Nee.")]
