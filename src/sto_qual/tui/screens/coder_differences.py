"""The coder screen's key for settling two coders' differences (D: next difference), as a
consensus meeting goes through them: the passages where one of the two coded a code and the
other did not, one after another in the open interview. The two are the agreed coding's own
when the workbench codes as one (`sto-qual agreed`), else the pair `agreement` compares; with
an agreed coding the status line also says whether it holds that code there yet. Mixed into
CoderScreen, which holds the state it uses (doc, view, coder)."""
from __future__ import annotations

from sto_qual.domain.differences import differences


class DifferenceKeys:
    def action_next_difference(self) -> None:
        if self.doc is None:
            return
        agreed = self.ws.agreed.pairs()
        pair = agreed.get(self.coder) or self.ws.agreement_pair()
        if pair is None:
            self.notify("no two coders to compare: a second coder codes these interviews first",
                        severity="warning", timeout=4)
            return
        got = self.attempt_quiet(self.ws.agreement, *pair, where={"doc": self.doc.name})
        if not got.ok:
            self.notify(f"{pair[0]} and {pair[1]} did not both code {self.doc.name}", severity="warning", timeout=4)
            return
        found = differences(got.value["disagreements"])
        if not found:
            self.notify(f"{pair[0]} and {pair[1]} coded {self.doc.name} alike", timeout=4)
            return
        s, e = self.view.selection
        last = getattr(self, "_last_difference", None)  # two codes may differ on one passage: each in turn
        if last is not None and last[0] == self.doc.id and (last[1].start, last[1].end) == (s, e) and last[1] in found:
            target = found[(found.index(last[1]) + 1) % len(found)]
        else:
            target = next((d for d in found if d.start >= s), found[0])
        self._last_difference = (self.doc.id, target)
        self.view.select_span(target.start, target.end)  # selected: a number key codes it as the agreed coding
        where = f"sentence {target.first}" if target.first == target.last else f"sentences {target.first}-{target.last}"
        said = (f"Coders differ here ({where}): ‘{self._label(target.code)}’ by {target.coded_by}, not by "
                f"{target.not_by} · {found.index(target) + 1} of {len(found)} in {self.doc.name}")
        if self.coder in agreed:  # the agreed coding: what it holds here, and whether that changed
            held, changed = self.ws.agreed.at(self.coder, self.doc.id, target.code, target.start, target.end)
            said += f" · {self.coder}: {'coded' if held else 'not coded'}" + (
                "" if changed is None else ", changed since the start" if changed else ", as started")
        self._note(said, from_next_move=False)
