"""The coder screen's key for settling two coders' differences (D: next difference), as a
consensus meeting goes through them: the passages where one of the two coded a code and the
other did not, one after another in the open interview; K marks one discussed and kept as
started. The two are the agreed coding's own
when the workbench codes as one (`sto-qual agreed`), else the pair `agreement` compares; with
an agreed coding the status line also says whether it holds that code there yet. Mixed into
CoderScreen, which holds the state it uses (doc, view, coder)."""
from __future__ import annotations

from textual.binding import Binding

from sto_qual.domain.differences import differences
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.model import join_memos
from sto_qual.domain.spans import overlaps
from sto_qual.tui.modals import TextPrompt
from sto_qual.tui.widgets.panels import CoderSide

DIFFERENCE_BINDINGS = (
    Binding("D", "next_difference", "Next place two coders differ", show=False, priority=True,
            id="coder.next_difference"),
    Binding("K", "mark_discussed", "Mark the place D went to discussed, kept as started", show=False,
            priority=True, id="coder.mark_discussed"),
    Binding("T", "take_difference", "Take the code at the place D went to (the coder who gave it was right)",
            show=False, priority=True, id="coder.take_difference"),
    Binding("N", "note_difference", "Note what the meeting decided at the place D went to, and why", show=False,
            priority=True, id="coder.note_difference"),
    Binding("ctrl+g", "goto_difference", "Go to a place two coders differ, by its id (R05:29, as minutes cite it)",
            show=False, priority=True, id="coder.goto_difference"),
)


class DifferenceKeys:
    def action_next_difference(self) -> None:
        if self.doc is None:
            return
        if not self.show_others:  # coding blind: D showed the other coder's codes here, unasked
            self.notify("You code blind: D shows where another coder's codings differ from yours. Press o to show "
                        "the others' codings first, then D", severity="warning", timeout=6)
            return
        agreed = self.ws.agreed.pairs()
        pair = agreed.get(self.coder) or self._pair_here(set(agreed))
        if pair is None:
            self.notify("no two coders to compare: a second coder codes these interviews first",
                        severity="warning", timeout=4)
            return
        # the agreed coding's review gives each place with where it stands; anyone else compares the pair
        reviewing = self.coder in agreed
        got = (self.attempt_quiet(self.ws.agreed.review, self.coder, doc=self.doc.name) if reviewing
               else self.attempt_quiet(self.ws.agreement, *pair, where={"doc": self.doc.name}))
        if not got.ok:
            self.notify(f"{pair[0]} and {pair[1]} did not both code {self.doc.name}", severity="warning", timeout=4)
            return
        rows = {r.difference: r for r in got.value} if reviewing else {}
        found = list(rows) if reviewing else differences(got.value["disagreements"])
        if not found:
            self.notify(f"{pair[0]} and {pair[1]} coded {self.doc.name} alike", timeout=4)
            return
        s, e = self.view.selection
        last = getattr(self, "_last_difference", None)  # two codes may differ on one passage: each in turn
        if last is not None and last[0] == self.doc.id and (last[1].start, last[1].end) == (s, e) and last[1] in found:
            begin = found.index(last[1]) + 1
        else:
            begin = next((i for i, d in enumerate(found) if d.start >= s), 0)
        order = [found[(begin + k) % len(found)] for k in range(len(found))]
        # the agreed coding's meeting goes to the next open place; a settled one is passed
        target = next((d for d in order if not reviewing or rows[d].state == "open"), order[0])
        self._last_difference = (self.doc.id, target)
        self.view.select_span(target.start, target.end)  # selected: a number key codes it as the agreed coding
        if target.code in self.codes:  # the definition of the code in dispute, which the meeting decides on
            self.query_one(CoderSide).show_code(self.codes[target.code])
        where = f"sentence {target.first}" if target.first == target.last else f"sentences {target.first}-{target.last}"
        n = found.index(target) + 1
        who = f"‘{self._label(target.code)}’ by {target.coded_by}, not by {target.not_by}"
        if reviewing:  # the agreed coding: the id, sentences, code and coder first (a narrow line cuts the end:
            # at 110 columns the code and who coded it were cut, behind where the agreed coding stands)
            left = sum(1 for r in rows.values() if r.state == "open")
            said = (f"Coders differ here ({rows[target].id}, {len(found)} here, {left} open, {where}): "
                    f"‘{self._label(target.code)}’ by {target.coded_by} only · {self._agreed_here(rows[target])}"
                    + (f" · note: {rows[target].note}" if rows[target].note else ""))  # what the meeting wrote
            if left == 0 and getattr(self, "_done_said", None) != self.doc.id:  # once, not at every D after it
                self._say_done(len(found))
            elif left:
                self._done_said = None
        else:
            said = f"Coders differ here ({where}): {who} · {n} of {len(found)} in {self.doc.name}"
        self._note(said, from_next_move=False)
        if len(said) > self.size.width - 40:  # the status line cuts it (who did not code it, where it stands)
            self.notify(said, timeout=6)

    def _pair_here(self, agreed: set[str]) -> tuple[str, str] | None:
        """The two coders D compares in this interview: the coder herself and the one who coded it
        most beside her (the project's pair partner first), when she coded it; else the project's
        pair when both coded it; else the two who coded it most. A second coder's D compared the
        project's first two coders, who had not both coded her interview."""
        counts: dict[str, int] = {}
        for m in self.marks:  # every coder's codings of this interview, as the screen holds them
            if m.coder not in agreed:  # an agreed coding is made from two; it is not compared here
                counts[m.coder] = counts.get(m.coder, 0) + 1
        default = self.ws.agreement_pair()
        ranked = sorted(counts, key=lambda name: -counts[name])
        if self.coder in counts:
            others = [c for c in ranked if c != self.coder]
            partner = next((c for c in (default or ()) if c != self.coder and c in counts), None)
            if partner or others:
                return self.coder, partner or others[0]
        if default and all(c in counts for c in default):
            return default
        return (ranked[0], ranked[1]) if len(ranked) >= 2 else default

    def _agreed_here(self, r) -> str:
        """What the agreed coding holds at a place of its review: "consensus: coded, changed
        since the start", "…: not coded, as started" or "…, discussed and kept as started"."""
        return f"{self.coder}: {'coded' if r.holds else 'not coded'}, " + {
            "changed": "changed since the start", "discussed": "discussed and kept as started"}.get(r.state, "as started")

    def _place_here(self, key: str):
        """The agreed coding's review of this interview and the place of it D went to, when that is
        still selected, coding as an agreed coding; else None (and said)."""
        agreed = self.ws.agreed.pairs()
        if self.coder not in agreed:  # ("open the workbench as it" said neither as whom nor how)
            said = (f"{key} settles a place two coders differ, in their agreed coding: open the workbench as "
                    f"{next(iter(agreed))} (`sto-qual tui --coder {next(iter(agreed))}`)" if agreed else
                    f"{key} settles a place two coders differ, in an agreed coding, and this project has none yet: "
                    "`sto-qual agreed consensus --from CODER CODER` starts one, then `sto-qual tui --coder consensus`")
            self.notify(said, severity="warning", timeout=8)
            return None
        last = getattr(self, "_last_difference", None)
        if last is None or last[0] != self.doc.id or self.view.selection != (last[1].start, last[1].end):
            self.notify(f"{key} works on the place D went to: press D first", severity="warning", timeout=4)
            return None
        target = last[1]
        got = self.attempt(self.ws.agreed.review, self.coder, doc=self.doc.name)
        if not got.ok:
            return None
        here = next((r for r in got.value if (r.difference.code, r.difference.start, r.difference.end)
                     == (target.code, target.start, target.end)), None)
        if here is None:  # a coder changed her coding since D: the place is gone
            self.notify("the two coders no longer differ here: press D again", severity="warning", timeout=4)
            return None
        return here, got.value

    def action_take_difference(self) -> None:
        """T: the agreed coding takes the code over the place D went to (the coder who gave it
        was right; the other coder's version, no code there, is K's when the agreed coding has
        none). Coded as a number key codes: joined to a coding of the code it touches."""
        found = self._place_here("T") if self.doc is not None else None
        if found is None:
            return
        target = found[0].difference
        if found[0].holds:
            self.notify(f"{self.coder} has ‘{self._label(target.code)}’ here already, as {target.coded_by} had it; "
                        f"x takes it off, as {target.not_by} had it", severity="warning", timeout=5)
            return
        memo, starred, brought = self._marks_of(target)
        self.apply(target.code, memo=memo, starred=starred, brought=brought)
        self.view.select_span(target.start, target.end)  # the place stays selected: K, x or D next
        got = self.attempt_quiet(self.ws.agreed.review, self.coder, doc=self.doc.name)
        if not got.ok:
            return
        # which place, and how many are left, as K says (T said only "Coded: …")
        here_open = sum(1 for r in got.value if r.state == "open")
        self.app.clear_notifications()  # D's line of this place ("…: not coded, as started") no longer holds
        self._note(f"Taken, as {target.coded_by} had it: ‘{self._label(target.code)}’ on "
                   f"{self._where_span(target.start, target.end)} ({found[0].id}){brought} (u undoes)"
                   f"{self._left(here_open)}")
        if not here_open:  # that was the last open place here
            self._say_done(len(got.value))

    def _left(self, here_open: int) -> str:
        """" · 3 open in R01, 40 of 42 places still open in all" (the last read as 40 done)."""
        done = self.ws.agreed.progress(self.coder)
        return (f" · {here_open} open in {self.doc.name}, {done['open']} of {done['total']} places still open "
                "in all") if done else ""

    def _marks_of(self, target) -> tuple[str | None, bool, str]:
        """The memo and star of the coding(s) the coder who was right gave the place: T takes them
        with the code (the meeting lost both coders' notes and quote picks)."""
        got = self.attempt_quiet(self.ws.codings, doc=self.doc.id, code=target.code, coder=target.coded_by,
                                 include_subcodes=False)
        theirs = [c for c in (got.value if got.ok else []) if overlaps((c.start, c.end), (target.start, target.end))]
        memo, starred = join_memos(c.memo for c in theirs), any(c.starred for c in theirs)
        # after its coder's name, as the memos copied when the agreed coding started are ("lotte: …"): it read as the
        # meeting's own note
        memo = f"{target.coded_by}: {memo}" if memo else memo
        said = [w for w, has in (("memo", memo), ("star", starred)) if has]
        return memo, starred, f", with {target.coded_by}'s {' and '.join(said)}" if said else ""

    def action_mark_discussed(self) -> None:
        """K: mark the place D went to discussed and kept as started (the meeting looked at it and
        changed nothing), or take the mark off; coding as an agreed coding only."""
        found = self._place_here("K") if self.doc is not None else None
        if found is None:
            return
        here, rows = found
        target = here.difference
        where = self._where_span(target.start, target.end)
        if here.state == "changed":
            self._note(f"Settled already: {self.coder} changed ‘{self._label(target.code)}’ on {where} since the "
                       f"start ({here.id})")
            return
        marking = here.state == "open"
        got = self.attempt(self.ws.agreed.mark, self.coder, [here.id], discussed=marking)
        if not got.ok:
            return
        was_open = sum(1 for r in rows if r.state == "open")
        here_open = was_open - (1 if marking else -1)
        self.app.clear_notifications()  # D's line of this place no longer holds
        self._note(("Discussed, kept as started: " if marking else "No longer marked discussed: ")
                   + f"‘{self._label(target.code)}’ on {where} ({here.id}){self._left(here_open)}")
        if marking and was_open == 1:  # that was the last open one here
            self._say_done(len(rows))

    def action_note_difference(self) -> None:
        """N: what the meeting decided at the place D went to, and why, kept with the place (as
        `differences NAME ID --note` keeps it); an empty note takes it off. Coding as an agreed coding."""
        found = self._place_here("N") if self.doc is not None else None
        if found is None:
            return
        here = found[0]

        def keep(text: str | None) -> None:
            if text is None or text == here.note:
                return
            if self.attempt(self.ws.agreed.annotate, self.coder, [here.id], text).ok:
                self._note(f"Note kept at {here.id}: {text}" if text else f"Note taken off at {here.id}")
        self.app.push_screen(TextPrompt(f"The meeting's note at {here.id}", value=here.note, select_all=False,
                                        help="What was decided here, and why (`sto-qual differences` lists it); "
                                             "an empty note takes it off."), keep)

    def action_goto_difference(self) -> None:
        """ctrl+g: a place of the agreed coding's review by its id ("R05:29", as `differences` lists it and
        the minutes cite it), opened and selected as D selects one, so T, K and N work on it (only D went
        to the next one: going back to a cited place took a round of every open place)."""
        if self.coder not in self.ws.agreed.pairs():
            self._place_here("ctrl+g")  # (says as whom to open the workbench)
            return

        def full(given: str) -> str:  # "29": the place of that number in this interview
            return f"{self.doc.name}:{given}" if given.isdigit() and self.doc is not None else given

        found: list = []  # the place the dialog's check found (looked up once, not again on Enter)

        def unknown(given: str) -> str | None:
            try:
                found[:] = self.ws.agreed.review(self.coder, ids=[full(given)])
            except StoQualError as exc:
                return exc.message
            return None

        def go(given: str | None) -> None:
            if not given or not found:
                return
            here = found[0]
            self._last_difference = (here.key[0], here.difference)
            if self.doc is not None and self.doc.id == here.key[0]:
                self.view.select_span(here.difference.start, here.difference.end)
            else:
                self.sto.open_document(here.key[0], (here.difference.start, here.difference.end))
            if here.difference.code in self.codes:  # the definition of the code in dispute, as D shows it
                self.query_one(CoderSide).show_code(self.codes[here.difference.code])
            self._note(f"{here.id}: ‘{self._label(here.difference.code)}’ by {here.difference.coded_by} only · "
                       f"{self._agreed_here(here)} (T takes it, K keeps it as started, N notes)")
        here = f", or 29 for {self.doc.name}:29" if self.doc is not None else ""
        self.app.push_screen(TextPrompt("Go to which place two coders differ?", check=unknown,
                                        help=f"Its id, as `sto-qual differences` lists it: R05:29{here}"), go)

    def _say_done(self, here: int) -> None:
        """Every place in this interview is settled: say so, and where places are still open."""
        self._done_said = self.doc.id
        got = self.attempt_quiet(self.ws.agreed.review, self.coder)
        if not got.ok:
            return
        open_in: dict[str, int] = {}
        for r in got.value:
            if r.state == "open":
                open_in[r.difference.doc] = open_in.get(r.difference.doc, 0) + 1
        elsewhere = ", ".join(f"{d} ({n})" for d, n in open_in.items())
        self.notify(f"All {here} places the two coders differ in {self.doc.name} are settled"
                    + (f"; still open: {elsewhere} (d opens another interview)" if elsewhere
                       else ": no place is open in any interview"),
                    timeout=8)
