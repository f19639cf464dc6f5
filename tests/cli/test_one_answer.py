"""One answer everywhere: the same document filter and the same agreement figures from the
CLI, the report and the TUI."""
from __future__ import annotations

import json

import docx
from textual.widgets import Input, Static

from sto_qual.tui.screens.dashboard import DashboardScreen
from sto_qual.tui.screens.quotes import QuotesScreen
from tests_support import invoke_cli
from tui_support import headless, run

WHERE = "region_type=Stedelijk"  # the attribute value is stored as "stedelijk"


def _settle_until(pilot, until):
    async def go():
        for _ in range(200):
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            if until():
                return
    return go()


def test_the_same_where_filter_in_cli_report_and_tui(demo_ws, demo_copy, tmp_path, monkeypatch):
    cfg = tmp_path / "config.toml"
    cfg.write_text("", encoding="utf-8")
    monkeypatch.setenv("STO_QUAL_CONFIG", str(cfg))
    urban = {d.id for d in demo_ws.documents() if d.attributes.get("region_type") == "stedelijk"}
    assert len(urban) >= 2

    # CLI: quotes and stats
    res = invoke_cli(["quotes", "--project", str(demo_copy), "--code", "urgentie", "--where", WHERE,
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    cli_rows = json.loads(res.stdout)  # one row per passage, naming every coding it holds
    cli_spans = {(r["document_id"], r["start"], r["end"]) for r in cli_rows}
    cli_ids = {i for r in cli_rows for i in r["ids"]}
    assert cli_spans and {d for d, _, _ in cli_spans} <= urban
    res = invoke_cli(["stats", "--project", str(demo_copy), "--where", WHERE, "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)[0]["documents_total"] == len(urban)

    # the report: counted over the same documents, quoting only from them
    data = demo_ws.report_data(where={"region_type": "Stedelijk"})
    assert data.documents_total == len(urban)
    names = {d.name for d in demo_ws.documents() if d.id in urban}
    assert all(q.doc in names for t in data.themes for q in t.quotes)
    out = tmp_path / "stedelijk.docx"
    res = invoke_cli(["report", "--project", str(demo_copy), "--where", WHERE, "-o", str(out)])
    assert res.exit_code == 0, res.output

    # the TUI's Quotes screen with the same filter typed in
    async def scenario():
        async with headless(demo_ws) as (app, pilot):
            await pilot.press("f5")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, QuotesScreen) and screen.code == "urgentie"
            screen.query_one("#quote-filter", Input).value = WHERE
            await pilot.pause()
            assert set(screen.rows) == cli_ids  # every coding, one row each on the screen
            assert {r.document_id for r in screen.rows.values()} == {d for d, _, _ in cli_spans}
    run(scenario)


def test_agreement_is_one_computation_with_its_scope_on_screen(tui_ws, tui_project):
    res = invoke_cli(["agreement", "--project", str(tui_project), "--format", "json"])
    assert res.exit_code == 0, res.output
    res_json = res.stdout  # (its notes on stderr)
    cli_rows = json.loads(res_json)
    scope = ("coder_a", "coder_b", "documents", "level", "overall_units", "overall_alpha", "mean_kappa",
             "overall_percent_agreement", "saw_others")  # on every JSON row: the comparison it belongs to
    assert all((r["coder_a"], r["coder_b"], r["documents"], r["level"]) == ("onderzoeker-a", "onderzoeker-b", 2,
                                                                            "codes") for r in cli_rows)
    cli_rows = [{k: v for k, v in r.items() if k not in scope} for r in cli_rows]
    res = invoke_cli(["agreement", "--project", str(tui_project)])
    assert "onderzoeker-a (a) vs onderzoeker-b (b), 2 documents both coded" in res.output
    overall = tui_ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]
    assert overall["level"] == "codes"
    assert {(r["overall_alpha"], r["mean_kappa"], r["overall_units"]) for r in json.loads(res_json)} == {
        (overall["alpha"], overall["mean_kappa"], overall["units"])}

    # the report's method paragraph quotes the same alpha
    method = tui_ws.report_data().method
    assert f"{overall['alpha']:.2f}".replace(".", ",") in method

    async def scenario():
        async with headless(tui_ws) as (app, pilot):
            await pilot.press("f6")
            await _settle_until(pilot, lambda: getattr(app.screen, "data", None) is not None)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            assert screen.data.agreement["codes"] == cli_rows
            assert screen.data.agreement["overall"]["alpha"] == overall["alpha"]
            text = str(screen.query_one("#dash-agreement-overall", Static).render())
            assert "Scope: onderzoeker-a vs onderzoeker-b · 2 documents both coded (R02, R07)" in text
            assert "level: codes" in text
            assert f"α = {overall['alpha']:.2f}" in text
            await pilot.press("l")  # themes instead: said on screen, same as `agreement --rollup`
            await _settle_until(pilot, lambda: screen.data.agreement["overall"]["level"] == "themes")
            themes = tui_ws.agreement("onderzoeker-a", "onderzoeker-b", rollup=True)["overall"]
            assert screen.data.agreement["overall"]["alpha"] == themes["alpha"]
            assert "level: themes" in str(screen.query_one("#dash-agreement-overall", Static).render())
    run(scenario)


def test_counts_are_the_reference_coders_in_stats_dashboard_and_report(demo_ws, demo_copy):
    from sto_qual.services.tui_support import compute_dashboard
    # the demo's reference coder is onderzoeker-a; onderzoeker-b coded six interviews too
    res = invoke_cli(["stats", "--project", str(demo_copy), "--format", "json"])
    default = {r["code"]: r["documents"] for r in json.loads(res.stdout)}
    res = invoke_cli(["stats", "--project", str(demo_copy), "--format", "json", "--all-coders"])
    merged = {r["code"]: r["documents"] for r in json.loads(res.stdout)}
    res = invoke_cli(["stats", "--project", str(demo_copy), "--format", "json", "--coder", "onderzoeker-a"])
    reference = {r["code"]: r["documents"] for r in json.loads(res.stdout)}
    assert default == reference and default != merged  # merging both coders inflates prevalence
    dash = compute_dashboard(demo_ws, None, None)
    assert dash.counting == "onderzoeker-a"
    assert {r["code"]: r["documents"] for r in dash.themes} == reference
    report = demo_ws.report_data()
    for t in report.themes:
        assert t.documents == reference[t.path]


def test_a_filter_that_keeps_no_document_is_refused_with_the_values_there_are(demo_copy, tmp_path):
    """`--where region_type=mars` gave all-zero counts with exit 0 in stats and cooccurrence,
    and in report a wrong error ("no document has the attribute 'region_type'"). Every
    command with --where now says which condition keeps nothing and which values exist."""
    from cli_runner import sq
    commands = [["stats"], ["stats", "--by", "role"], ["matrix"], ["cooccurrence"], ["quotes", "--code", "urgentie"],
                ["grid"], ["report", "-o", str(tmp_path / "h.docx")]]
    for args in commands:
        r = sq(*args, "--project", demo_copy, "--where", "region_type=mars")
        assert r.returncode == 1 and "Traceback" not in r.stderr, (args, r.stderr)
        line = r.stderr.strip().splitlines()[-1]
        assert "no document has region_type=mars" in line and "krimp" in line and "stedelijk" in line, (args, r.stderr)
        r = sq(*args, "--project", demo_copy, "--where", "regio_type=krimp")
        assert r.returncode == 1 and "no document has the attribute 'regio_type'" in r.stderr, (args, r.stderr)
    assert not (tmp_path / "h.docx").exists()
    r = sq("stats", "--project", demo_copy, "--where", "region_type=Krimp", "--format", "json")
    assert r.returncode == 0 and json.loads(r.stdout)[0]["documents_total"] == 4  # values ignore case


def test_the_report_says_whose_codings_it_counts_and_whose_it_leaves_out(demo_copy, tmp_path):
    """An analyst ran `report` while a colleague coded in the TUI and took the chapter for one
    that held her fresh codings: `stats` said whom it counted, `report` nothing."""
    from cli_runner import sq
    assert sq("code", "-p", demo_copy, "--coder", "lisa", "--doc", "R01", "--code", "urgentie",
              "--unit", "3").returncode == 0
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "c.docx")
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        "counting: onderzoeker-a (reference coder); not counted: the codings of lisa (1 coding), "
        "onderzoeker-b (208 codings) (--coder C counts another's)"), done.stderr
    # a chapter on part of the interviews: what the others coded there (the island interview's chapter
    # named onderzoeker-b's 208 codings, none of them in it)
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "k.docx", "--where", "region_type=krimp")
    assert done.returncode == 0, done.stderr
    krimp = {d["name"] for d in json.loads(sq("docs", "-p", demo_copy, "--where", "region_type=krimp",
                                              "--format", "json").stdout)}
    theirs = sum(1 for c in json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-b", "--format",
                                          "json").stdout) if c["doc"] in krimp)
    assert done.stderr.strip().splitlines()[-1] == (
        f"counting: onderzoeker-a (reference coder); not counted: the codings of onderzoeker-b ({theirs} codings in "
        "these interviews) (--coder C counts another's)"), done.stderr
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "l.docx", "--coder", "lisa")
    # her chapter is about the one interview she coded: the others' codings there (not 534, every interview's)
    r01 = sum(1 for c in json.loads(sq("codings", "-p", demo_copy, "--coder", "onderzoeker-a", "--doc", "R01",
                                       "--format", "json").stdout))
    said = done.stderr.strip().splitlines()[-1]
    assert said == (f"counting: lisa; not counted: the codings of onderzoeker-a ({r01} codings in these interviews) "
                    "(--coder C counts another's)"), done.stderr
    # an agreed coding as the reference coder holds its two coders' codings: only lisa's are left out
    assert sq("agreed", "-p", demo_copy, "akkoord", "--from", "onderzoeker-a", "onderzoeker-b").returncode == 0
    assert sq("reference-coder", "-p", demo_copy, "akkoord").returncode == 0
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "a.docx")
    assert done.stderr.strip().splitlines()[-1] == ("counting: akkoord (reference coder); not counted: the "
                                                    "codings of lisa (1 coding) (--coder C counts another's)"), done.stderr


def test_the_report_of_a_one_coder_project_names_its_coder(tmp_path):
    """A new project with one coder and no reference coder said "counting: all coders merged"."""
    from cli_runner import sq
    p = tmp_path / "p.db"
    assert sq("init", p).returncode == 0
    t = tmp_path / "R1.txt"
    t.write_text("Interviewer: Wat is er veranderd?\nAnne: De urgentie is gegroeid, zeker bij ons.\n", encoding="utf-8")
    assert sq("import", "-p", p, t).returncode == 0
    assert sq("code", "-p", p, "--coder", "anne-b", "--doc", "R1", "--code", "urgentie", "--turn", "2").returncode == 0
    done = sq("report", "-p", p, "-o", tmp_path / "c.docx")
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "counting: anne-b (the only coder)", done.stderr
    # and `reference-coder` says the same (it read "reports merge all coders" beside "counting: anne-b")
    shown = sq("reference-coder", "-p", p)
    assert shown.stdout.strip() == "no reference coder (reports merge all coders; now only anne-b has codings)"


def test_the_dashboard_says_when_its_coder_coded_only_some_interviews(demo_ws, tmp_path, monkeypatch):
    """An analyst read "6 van 19 · een deel" on F6 for an agreed coding of the six interviews
    two coders both coded, beside the chapter's "in alle zes regio's": only `stats` said (on
    stderr) that the shares are of all nineteen. F6's line now says it too."""
    from textual.widgets import Static

    from sto_qual.services.tui_support import compute_dashboard
    from tui_support import open_dashboard
    cfg = tmp_path / "config.toml"
    cfg.write_text("", encoding="utf-8")
    monkeypatch.setenv("STO_QUAL_CONFIG", str(cfg))
    demo_ws.set_reference_coder("onderzoeker-b")
    assert compute_dashboard(demo_ws, None, None).coded == 6

    async def scenario():
        async with headless(demo_ws, size=(200, 40)) as (app, pilot):
            screen = await open_dashboard(pilot)
            line = str(screen.query_one("#dash-status", Static).render())
            assert ("19 interviews · coded by onderzoeker-b (reference coder), who coded 6 of them: counts are of "
                    "all 19") in line, line
    run(scenario)
    demo_ws.set_reference_coder("onderzoeker-a")  # who coded every interview: nothing more to say
    assert compute_dashboard(demo_ws, None, None).coded == 19


def test_the_report_says_which_themes_it_marks_as_a_concept_and_how_to_sign_one_off(demo_copy, tmp_path):
    """A report writer read "Concept: deze samenvatting is automatisch opgesteld …" above every
    theme and did not know how to make it go. `report` names the themes it marks and the commands
    (or F9's t) that read and accept one; an accepted theme is no longer named."""
    from cli_runner import sq
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "c.docx")
    note = next(line for line in done.stderr.splitlines() if line.startswith("note: the chapter marks"))
    assert "4 themes as 'Concept' (urgentie, vmbo-in-the-lead, collectief-optrekken, financieringsonzekerheid)" in note
    assert "in the TUI (`sto-qual tui" in note and "F9, t on the theme" in note, note
    assert "`sto-qual summary accept --theme urgentie" in note, note
    for theme in ("urgentie", "vmbo-in-the-lead", "collectief-optrekken"):  # as the note says
        for step in ("draft", "show", "accept"):
            assert sq("summary", step, "-p", demo_copy, "--theme", theme).returncode == 0, (theme, step)
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "c.docx", "--force")
    note = next(line for line in done.stderr.splitlines() if line.startswith("note: the chapter marks"))
    assert "1 theme as 'Concept' (financieringsonzekerheid)" in note, note
    # a chapter on part of the interviews drafts its own text: accepting (text on all of them) never reaches it,
    # and the note said to accept each (the warning above it said reviewed text is not used here)
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "k.docx", "--where", "region_type=krimp")
    note = next(line for line in done.stderr.splitlines() if line.startswith("note: the chapter marks"))
    assert "4 themes as 'Concept'" in note and "accept" not in note and "edit it in the .docx" in note, note
    # one sentence of a theme reviewed: the chapter marks the others ("deels nagelezen"), not the theme as a whole,
    # and the note says so (it named the theme among those marked 'Concept' whole)
    assert sq("summary", "draft", "-p", demo_copy, "--theme", "financieringsonzekerheid").returncode == 0
    assert sq("summary", "set", "-p", demo_copy, "--theme", "financieringsonzekerheid", "--lead", "1", "--text",
              "De onzekerheid over de financiering remt de plannen.").returncode == 0
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "c.docx", "--force")
    note = next(line for line in done.stderr.splitlines() if line.startswith("note: the chapter marks"))
    assert note.startswith("note: the chapter marks the sentences not yet reviewed of financieringsonzekerheid "
                           "(grey): read and accept"), note
    # sentence by sentence: accepting it whole would accept the sentences not read
    assert "`sto-qual summary accept --theme financieringsonzekerheid --point N --project" in note, note
    assert "deels nagelezen" in "\n".join(p.text for p in docx.Document(tmp_path / "c.docx").paragraphs)
    # the English chapter prints "Draft:", and the note says so, with how its English is written (it
    # said 'Concept', and to accept the Dutch themes accepted already)
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "en.docx", "--lang", "en")
    assert "note: the chapter marks the drafted English text of 4 themes as 'Draft' (urgentie, " \
        "vmbo-in-the-lead, collectief-optrekken, financieringsonzekerheid): `sto-qual summary set --theme urgentie " \
        f"--lang en --file F --project {demo_copy}` writes a theme's English section" in done.stderr, done.stderr
    assert sq("summary", "accept", "-p", demo_copy, "--theme", "financieringsonzekerheid").returncode == 0
    done = sq("report", "-p", demo_copy, "-o", tmp_path / "c.docx", "--force")
    assert "note: the chapter marks" not in done.stderr and done.returncode == 0, done.stderr
