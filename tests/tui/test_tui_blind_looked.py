"""A coder coding blind who shows the other coders' codings (`o`, then yes) and codes on: her later
codings are no independent check. The moment is kept; `agreement` and the report say it, and the
method no longer calls her coding "onafhankelijk" (it did, with the agreement her looking raised)."""
from __future__ import annotations

import json

import docx
from cli_runner import sq

from sto_qual.services import Workspace
from sto_qual.tui.settings import Settings
from sto_qual.tui.widgets.panels import StatusLine
from tui_support import headless, open_coder, run, until


def _agreement_tab(app) -> str:
    from textual.widgets import Static
    found = app.screen.query("#dash-agreement-overall")
    return str(found.first(Static).render()) if found else ""


def _method(path, tmp_path):
    out = tmp_path / "m.docx"
    done = sq("report", "-p", path, "-o", out)
    assert done.returncode == 0, done.stderr
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    start = paragraphs.index("Methode") + 1
    return " ".join(paragraphs[start:start + 2]), done.stderr


def test_a_coder_who_looked_while_coding_blind_is_said_in_the_agreement_and_the_method(tui_project, tmp_path):
    ws = Workspace.open(tui_project)
    both = ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["documents"]
    doc = str(both[0])
    ws.session.keep_view_choice("onderzoeker-b", "hide_others", True)  # she codes blind

    async def look(coder):
        async with headless(ws, settings=Settings(coder=coder), size=(100, 30)) as (app, pilot):
            await pilot.pause()
            await open_coder(pilot, doc)
            await pilot.press("o")
            await pilot.pause()
            assert "what you code after it the agreement and the report's method count as not independent" in \
                " ".join(app.screen.question.split())  # said before she says yes
            await pilot.press("y")
            await pilot.pause()
            assert "Other coders shown" in str(app.screen.query_one(StatusLine).render())
            ws.assign_code(doc, "urgentie", unit=ws.units(doc)[3].id, coder="onderzoeker-b")
            await pilot.press("f6")
            assert await until(pilot, lambda: "onderzoeker-b showed the others' codings while coding blind and "
                                              "coded or changed 1 passage after that" in _agreement_tab(app))

    run(lambda: look("onderzoeker-b"))  # she looks at the first coder's codings, then codes on
    ws.close()
    agreement = sq("agreement", "-p", tui_project, "--coders", "onderzoeker-a", "onderzoeker-b")
    assert agreement.returncode == 0, agreement.stderr
    assert ("warning: onderzoeker-b showed the other coders' codings while coding blind (" in agreement.stderr
            and "UTC) and made or changed 1 coding in the interviews both coded after that: those are not independent"
            in agreement.stderr), agreement.stderr
    rows = sq("agreement", "-p", tui_project, "--coders", "onderzoeker-a", "onderzoeker-b", "--format", "json")
    assert {tuple(r["saw_others"]) for r in json.loads(rows.stdout)} == {("onderzoeker-b",)}  # on every row
    method, warned = _method(tui_project, tmp_path)
    assert ("De tweede onderzoeker zag de codering van de eerste al voordat het coderen klaar was en codeerde of "
            "wijzigde daarna nog één passage, zodat de overeenstemming hoger kan uitvallen dan bij onafhankelijke "
            "codering.") in method
    assert method.count("onafhankelijk") == 1, method  # only in that sentence: no "een tweede codeerde … onafhankelijk"
    assert "onderzoeker-b showed the other coders' codings while coding blind" in warned


def test_showing_the_others_with_no_one_else_to_see_or_no_coding_after_it_says_nothing(tui_project, tmp_path):
    from sto_qual.services.tui_support import keep_others_hidden
    ws = Workspace.open(tui_project)
    keep_others_hidden(ws, "onderzoeker-b", True)
    keep_others_hidden(ws, "onderzoeker-b", False)  # she looks, and codes nothing after it
    assert ws.session.saw_others("onderzoeker-b") is not None
    keep_others_hidden(ws, "onderzoeker-a", False)  # never hid them: no blind round to end
    assert ws.session.saw_others("onderzoeker-a") is None
    ws.close()
    agreement = sq("agreement", "-p", tui_project, "--coders", "onderzoeker-a", "onderzoeker-b")
    assert agreement.returncode == 0 and "showed the other coders' codings" not in agreement.stderr
    rows = sq("agreement", "-p", tui_project, "--coders", "onderzoeker-a", "onderzoeker-b", "--format", "json")
    assert {tuple(r["saw_others"]) for r in json.loads(rows.stdout)} == {()}
    method, _warned = _method(tui_project, tmp_path)
    assert "zag de codering" not in method and "onafhankelijk" in method, method


def test_a_coding_she_grew_or_removed_after_looking_counts_as_not_independent(tui_project):
    """A coder who looked, then joined a sentence to a coding she made before and removed another: the
    agreement said she "made 0 codings" after it (it counted new codings alone), and nothing at all."""
    from sto_qual.services.tui_support import keep_others_hidden
    ws = Workspace.open(tui_project)
    doc = str(ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["documents"][0])
    keep_others_hidden(ws, "onderzoeker-b", True)
    mine = sorted((c for c in ws.codings(doc=doc) if c.coder == "onderzoeker-b"), key=lambda c: c.start)
    units = ws.units(doc)
    grown = next(c for c in mine if any(u.start >= c.end and not any(o.start <= u.start < o.end for o in mine)
                                        for u in units))
    after = next(u for u in units if u.start >= grown.end)
    keep_others_hidden(ws, "onderzoeker-b", False)  # she looks
    joined = ws.assign_code(doc, grown.code, start=grown.start, end=after.end, coder="onderzoeker-b", widen=True)
    assert joined.id == grown.id and joined.end == after.end  # one coding, grown: none made
    ws.remove_coding(next(c for c in ws.codings(doc=doc) if c.coder == "onderzoeker-b" and c.id != grown.id).id,
                     coder="onderzoeker-b")
    [seen] = ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["saw_others"]
    assert (seen["coder"], seen["codings"]) == ("onderzoeker-b", 2)  # the one grown (and any it met), the one gone
    # a change she undid leaves her codings as they were: it counted still
    ws.undo(coder="onderzoeker-b")
    [seen] = ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["saw_others"]
    assert seen["codings"] == 1
    ws.undo(coder="onderzoeker-b")
    assert ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["saw_others"] == []
    ws.redo(coder="onderzoeker-b")  # and a redo puts it back in effect
    assert ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["saw_others"][0]["codings"] == 1
    ws.close()


def test_after_an_agreed_coding_was_started_o_says_the_method_keeps_the_agreement_measured_then(tui_project):
    """Told on opening that the comparison had begun and coding blind was no longer needed, a coder
    pressed o and was warned that the report's method would count what she coded next as not
    independent: it keeps the agreement measured when the agreed coding was started."""
    ws = Workspace.open(tui_project)
    ws.agreed.start("consensus", "onderzoeker-a", "onderzoeker-b")
    ws.session.keep_view_choice("onderzoeker-b", "hide_others", True)
    ws.set_reference_coder("consensus")

    async def look():
        async with headless(ws, settings=Settings(coder="onderzoeker-b"), size=(100, 30)) as (app, pilot):
            await pilot.pause()
            await open_coder(pilot, "R02")
            await pilot.press("o")
            await pilot.pause()
            return " ".join(app.screen.question.split())
    question = run(look)
    ws.close()
    assert ("what you code after it `agreement` counts as not independent (the report's method, counting "
            "consensus, keeps the agreement measured when it was started)") in question, question
    assert "the report's method count as not independent" not in question
    ws = Workspace.open(tui_project)
    ws.set_reference_coder("onderzoeker-a")  # a chapter counting the first coder measures today's agreement
    question = run(look)
    ws.close()
    assert ("the agreement and the report's method count as not independent (a chapter counting consensus keeps the "
            "agreement measured when it was started)") in question, question


def test_a_report_writer_opens_the_workbench_on_everyones_codings_with_show_others(tui_project):
    """A writer who codes nothing opened the workbench blind, as a second coder starts, and had to
    find the Coder's `o` and answer its question before F5 showed the quotes she came for.
    `tui --show-others` opens on every coder's codings; the moment is kept as `o` keeps it, so what
    she might code after it is named as not independent. A coder coding blind who asks for it stops."""
    ws = Workspace.open(tui_project)
    others = {c.coder for c in ws.codings(doc="R02")}
    assert others and "schrijver" not in ws.session.coder_names()

    async def opened(coder):
        async with headless(ws, settings=Settings(coder=coder), size=(100, 30), show_others=True) as (app, pilot):
            await pilot.pause()
            said = [n.message for n in app._notifications]
            coder_screen = await open_coder(pilot, "R02")
            marks = {m.coder for m in coder_screen.view.marks_in(0, len(coder_screen.view.doc.text))}
            return said, marks, str(app.screen.query_one(StatusLine).render())
    said, marks, _status = run(lambda: opened("schrijver"))
    assert not [m for m in said if m.startswith("Coding blind")], said
    assert any(m.startswith("Every coder's codings are shown (schrijver, tui --show-others)") for m in said), said
    assert marks == others
    assert ws.session.saw_others("schrijver") is not None  # as after `o`: anything she codes now is not independent
    ws.session.keep_view_choice("onderzoeker-b", "hide_others", True)  # a coder coding blind
    said, marks, _status = run(lambda: opened("onderzoeker-b"))
    assert any(m.startswith("Every coder's codings are shown (onderzoeker-b") for m in said), said
    assert marks == others and ws.session.saw_others("onderzoeker-b") is not None
    said, _marks, _status = run(lambda: opened("onderzoeker-a"))  # nothing hidden to show: nothing said
    assert not [m for m in said if m.startswith(("Every coder", "Coding blind"))], said
    ws.close()


def test_the_agreement_scope_names_eight_interviews_then_counts_the_rest(demo_ws):
    """With 57 interviews both coded, F6's scope line named every one of them: seven lines of the screen."""
    both = demo_ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["documents"]
    for doc in [d.name for d in demo_ws.documents() if d.name not in both][:9 - len(both)]:
        for coder in ("onderzoeker-a", "onderzoeker-b"):
            demo_ws.assign_code(doc, "urgentie", unit=demo_ws.units(doc)[3].id, coder=coder)
    both = demo_ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["documents"]
    assert len(both) == 9

    async def scenario():
        async with headless(demo_ws, size=(100, 30)) as (app, pilot):
            await pilot.press("f6")
            assert await until(pilot, lambda: "both coded" in _agreement_tab(app))
            return _agreement_tab(app)
    tab = run(scenario)
    assert f"9 documents both coded ({', '.join(both[:8])} and 1 more) ·" in tab, tab


def test_a_change_whose_undo_step_was_forgotten_still_counts_after_undos(tui_project):
    """Her removal's undo step was forgotten beyond the history's limit; two undos and a new step later (a new step
    drops the undone ones) the removal, still in effect, was counted as undone: she read as independent."""
    from sto_qual.services.tui_support import keep_others_hidden
    from sto_qual.store.history import HISTORY_LIMIT
    ws = Workspace.open(tui_project)
    doc = str(ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["documents"][0])
    keep_others_hidden(ws, "onderzoeker-b", True)
    keep_others_hidden(ws, "onderzoeker-b", False)  # she looks
    gone, other = [c.id for c in ws.codings(doc=doc) if c.coder == "onderzoeker-b"][:2]
    ws.remove_coding(gone, coder="onderzoeker-b")
    starred = ws.coding(other).starred
    for _ in range(HISTORY_LIMIT + 1):  # each a step: the removal's is forgotten
        starred = not starred
        ws.star(other, starred, coder="onderzoeker-b")
    ws.undo(coder="onderzoeker-b")
    ws.undo(coder="onderzoeker-b")
    ws.star(other, not starred, coder="onderzoeker-b")
    assert gone not in {c.id for c in ws.codings(doc=doc)}
    assert ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]["saw_others"][0]["codings"] == 1
    ws.close()
