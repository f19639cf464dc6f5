"""The coder screen's recode key (C): one of her codings on the selection gets another code, its
span, memo and star kept, as NVivo's and MAXQDA's moving a coded segment to another code keeps them
(a code split in two was coded anew and the old codings removed, their memos and stars unsaid).
Mixed into CoderScreen, which holds the state it uses (doc, codes, the chooser and the picker)."""
from __future__ import annotations

from sto_qual.tui.modals import PickerModal
from sto_qual.services.tui_support import CodingMark


class RecodeKeys:
    def action_recode(self) -> None:
        self.sto.watch_project()  # the codings as they are now (another window's a moment ago too)
        if self.doc is None:
            return

        def recode(m: CodingMark) -> None:
            def chosen(path: str | None) -> None:
                if not path or self.doc is None or path not in self.codes:
                    self._note("Nothing recoded")
                    return
                got = self.attempt(self.ws.recode, m.id, path, coder=self.coder, document=self.doc.id)
                if got.ok:
                    c = got.value
                    kept = " and ".join(w for w, has in (("memo", c.memo), ("star", c.starred)) if has)
                    self.remember_code(path)
                    from sto_qual.tui.widgets.panels import CoderSide
                    # the definition of the code it has now, as after a number key (it kept the old one's)
                    self.query_one(CoderSide).show_code(self.codes.get(path))
                    self._after_change(f"Recoded: {self._where_span(c.start, c.end)} from {self._label(m.code)} "
                                       f"to {self._label(path)}" + (f", its {kept} kept" if kept else "")
                                       + " (u undoes)")
            others = [p for p in self.codes if p != m.code]
            self.app.push_screen(PickerModal(f"Recode {self._label(m.code)} as which code?", self._code_options(others),
                                             recent=getattr(self, "recent_codes", [])), chosen)
        if not self._choose_coding("Recode which coding?", recode, "nothing recoded"):
            self.notify(f"no code by {self.coder} on the selection", severity="warning", timeout=3)
