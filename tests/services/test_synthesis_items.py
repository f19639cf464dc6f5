"""A theme summary's sentences one by one: lead sentences, points and contrasts are each
edited and accepted from the CLI; the theme is reviewed only when every one of them is;
redrafting keeps them; English drafts behind --lang en; drafted points read as sentences."""
from __future__ import annotations

import json
import sqlite3


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
    # redrafting keeps what a person edited or accepted
    run(demo_copy, "summarize", "--redraft")
    again = show(demo_copy)
    assert again["lead_reviewed"][1] and again["contrasts"][0]["text"] == "Eigen zin over het contrast."


def test_theme_is_reviewed_when_every_sentence_is(demo_copy):
    run(demo_copy, "summarize", "--theme", THEME)
    t = show(demo_copy)
    for kind, n in (("--lead", len(t["lead"])), ("--point", len(t["points"])), ("--contrast", len(t["contrasts"]))):
        for i in range(1, n + 1):
            assert show(demo_copy)["status"] == "draft"
            run(demo_copy, "summary", "accept", "--theme", THEME, kind, str(i))
    assert show(demo_copy)["status"] == "reviewed"


def test_item_errors_are_one_line(demo_copy):
    res = run(demo_copy, "summary", "accept", "--theme", THEME, "--lead", "99", ok=False)
    assert res.exit_code == 1 and "there is no lead sentence 99" in res.output
    res = run(demo_copy, "summary", "accept", "--doc", "R01", "--code", THEME, "--contrast", "1", ok=False)
    assert res.exit_code == 2 and "--contrast goes with --theme" in res.output


def test_points_read_as_sentences_from_what_was_said(demo_copy):
    run(demo_copy, "summarize", "--theme", "financieringsonzekerheid")
    t = json.loads(run(demo_copy, "summary", "show", "--theme", "financieringsonzekerheid", "--format",
                       "json").output)
    texts = [p["text"] for p in t["points"]]
    assert not any("de woorden" in x or "het woord" in x for x in texts)
    assert any("In een deel van de regio's (7 van 19) heeft de onzekerheid gevolgen gehad: men heeft een "
               "investering in een nieuwe CNC-machine een jaar uitgesteld." == x for x in texts), texts
    retold = [x for x in texts if ": " in x]
    assert len(retold) >= len(texts) // 2


def test_english_draft_behind_lang(demo_copy):
    ws = Workspace.open(demo_copy)
    try:
        en = ws.synthesis().theme_summary(THEME, lang="en")
        nl = ws.synthesis().theme_summary(THEME)
        assert en.lang == "en" and en.status == "draft" and not en.fallback
        assert en.lead[0].startswith("In all regions, ‘Vmbo in the lead’")
        assert all(", as in: “" in p.text or "(recurring words" in p.text for p in en.points)
        assert [p.label for p in en.points] == [p.label for p in nl.points]
    finally:
        ws.close()
    # a code without label_en falls back to Dutch, visibly
    con = sqlite3.connect(demo_copy)
    with con:
        con.execute("UPDATE codes SET label_en = NULL WHERE path = ?", (THEME + "/op-papier",))
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
