"""Codebook editor: add, rename, move, merge, delete (confirmed, with counts); edit a code's
label, colour, definition, criteria, examples, keywords and its synthesis fields (summary
phrase, topic, contrasting codes)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static, TextArea, Tree

from sto_qual.domain.codebook import is_below, is_within, label_shared, same_label_warning, what_a_delete_takes
from sto_qual.domain.model import Code
from sto_qual.domain.names import near_code, restore_command
from sto_qual.domain.text import plural
from sto_qual.tui.modals import ConfirmModal, LeaveModal, PickerModal, PickOption, TextPrompt
from sto_qual.tui.modals.prompt import in_dialog
from sto_qual.services.tui_support import others_hidden
from sto_qual.tui.screens import codebook_form as F
from sto_qual.tui.screens.base import StoScreen
from sto_qual.tui.widgets.codetree import CodeTree
from sto_qual.tui.widgets.footer import KeyFooter
from sto_qual.tui.widgets.navbar import NavBar

TOP = "__top__"


class CodebookScreen(StoScreen):
    HELP_TITLE = "Codebook editor"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="codebook.save"),
        Binding("n", "add", "Add", id="codebook.add"),
        Binding("r", "rename", "Rename", id="codebook.rename"),
        Binding("m", "move", "Move", id="codebook.move"),
        Binding("g", "merge", "Merge", id="codebook.merge"),
        Binding("delete,d", "delete", "Delete", id="codebook.delete"),
        Binding("escape", "to_tree", "Back to tree", show=False, id="codebook.to_tree"),
        Binding("p", "phrase", "Summary phrase", id="codebook.phrase"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.codes: dict[str, Code] = {}
        self.topics: dict[str, tuple[str, str]] = {}  # path -> (topic, English topic)
        self.current: str | None = None
        self._codebook_version = self._data_version = -1
        self._gone_said: str | None = None  # the edited code said to be gone elsewhere (once)
        self._shown: dict[str, str] = {}  # the form as last filled: what differs from it is unsaved
        self._loaded: dict[str, str] = {}  # the code's fields as the project held them then (codebook_form)
        self._counts: dict[str, int] = {}  # the tree's counts: every coder's, or hers when coding blind
        self._blind = False
        self._asking = False  # a save/discard/stay question is open

    def compose(self) -> ComposeResult:
        yield NavBar("codebook")
        with Horizontal(id="cb-body"):
            yield CodeTree(show_numbers=False, id="cb-tree")
            # the colour field takes what is typed or pasted whole: a colour it cannot use is
            # refused on save, not cut to 7 characters unsaid
            with VerticalScroll(id="cb-form"):
                yield Static(id="cb-title", classes="section")
                yield Label("Label")
                yield Input(id="f-label")
                yield Label("Colour (#rrggbb)")
                yield Input(id="f-colour")
                yield Label("Definition")
                yield TextArea(id="f-definition", soft_wrap=True, classes="field-area")
                yield Label("When to use")
                yield TextArea(id="f-when", soft_wrap=True, classes="field-area")
                yield Label("When not to use")
                yield TextArea(id="f-when-not", soft_wrap=True, classes="field-area")
                yield Label("Examples (one per line)")
                yield TextArea(id="f-examples", soft_wrap=True, classes="field-area")
                yield Label("Keywords (comma-separated; used for keyword suggestions)")
                yield Input(id="f-keywords")
                yield Label("Summary phrase (its lead sentence in the theme summary: \"In de meeste regio's …\")")
                yield Input(id="f-summary")
                yield Label("English summary phrase (--lang en: \"In most regions (15 of 19), …\")")
                yield Input(id="f-summary-en")
                yield Label("Topic (a noun phrase; the theme's lead names it: \"namelijk de belemmeringen voor "
                            "de regierol (15 van 19), …\")")
                yield Input(id="f-topic")
                yield Label("English topic (--lang en: \"namely the obstacles to the lead role (15 of 19), …\")")
                yield Input(id="f-topic-en")
                yield Label("Contrasts (opposing codes, comma-separated; the theme summary compares them)")
                yield Input(id="f-contrasts")
                yield Button("Save (ctrl+s)", id="cb-save", variant="primary")
        yield KeyFooter()

    def on_mount(self) -> None:
        # Tab goes from the tree straight to the first field: the form's scroll container is no
        # focus stop of its own (it scrolls to the field in focus, and with the mouse)
        self.query_one("#cb-form", VerticalScroll).can_focus = False
        self.reload()
        self.query_one(CodeTree).focus()

    def project_changed(self) -> None:
        """Another program changed the project (a code added, renamed or coded elsewhere): the
        tree and its counts follow at once. While the form holds an edit nothing moves under her
        typing: the tree follows once she saves, discards or comes back to this screen."""
        if self.query(CodeTree) and not self.unsaved():
            self.on_screen_resume()
        elif self.query(CodeTree) and self.current and self._gone_said != self.current:
            # the code being edited was deleted (or renamed) elsewhere: said at once, not at ctrl+s
            got = self.attempt_quiet(self.ws.codebook)
            if got.ok and self.current not in {c.path for c in got.value}:
                self._gone_said = self.current
                self.notify(f"{self.current} was deleted or renamed in another window: your edit cannot be saved to "
                            "it (copy what you need from the form; moving to another code offers to discard it)",
                            severity="warning", timeout=15)

    def on_screen_resume(self) -> None:
        # a coding made in the Coder since changes the tree's counts too
        if (self._codebook_version, self._data_version) != (self.sto.codebook_version, self.sto.data_version):
            editing, typed, loaded = self.current, self._form(), self._loaded
            mine = F.edited(typed, self._shown) if self.unsaved() else set()
            self.reload()
            if mine and self.current == editing:  # the codebook changed elsewhere: keep her typing
                # only the fields she changed, and what they held when she began (a save then asks
                # about a field saved there meanwhile); the rest shows what the project holds now
                for fid in mine:
                    w = self.query_one(f"#{fid}")
                    if isinstance(w, TextArea):
                        w.text = typed[fid]
                    else:
                        w.value = typed[fid]
                self._loaded = {**self._loaded, **{f: loaded[f] for f in mine}}

    def reload(self, select: str | None = None) -> None:
        self._codebook_version, self._data_version = self.sto.codebook_version, self.sto.data_version
        got = self.attempt(self.ws.codebook)
        if not got.ok:
            return
        codes = got.value
        self.codes = {c.path: c for c in codes}
        got = self.attempt(self.ws.codebook_specs)
        self.topics = {s.path: (s.topic, s.topic_en) for s in got.value.codes} if got.ok else {}
        tree = self.query_one(CodeTree)
        target = select or self.current
        target = target if target in self.codes else (codes[0].path if codes else None)
        tree.set_codes(codes, expanded={c.path for c in codes}, select=target)
        # coding blind (the Coder's o): her own counts, as the Coder's tree and F6 show them
        self._blind = bool(self.attempt_quiet(others_hidden, self.ws, self.coder).value)
        own = (self.attempt_quiet(self.ws.codebook_service.counts, self.coder).value or {}) if self._blind else None
        self._counts = {c.path: (own.get(c.path, 0) if own is not None else c.codings) for c in codes}
        tree.set_counts(self._counts)
        self._show(target)

    def _changed(self, select: str | None = None) -> None:
        self.sto.changed_codebook()
        self.reload(select)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if not event.node.data or event.node.data == self.current:
            return
        if self.unsaved() and self.current is not None:
            target = event.node.data
            self._ask(target)
            return
        self._show(event.node.data)

    # ------------------------------------------------------------ unsaved
    FIELDS = F.FIELDS

    def _form(self) -> dict[str, str]:
        out = {}
        for fid in self.FIELDS:
            w = self.query_one(f"#{fid}")
            out[fid] = w.text if isinstance(w, TextArea) else w.value
        return out

    def unsaved(self) -> bool:
        return bool(self._shown) and self._form() != self._shown

    def pending_edits(self) -> list[str]:
        return [f"codebook form of {self.current}"] if self.current and self.unsaved() else []

    def save_pending(self) -> bool:
        return self.action_save()

    def _ask(self, target: str) -> None:
        """The form of another code has unsaved changes: save them (then show ``target``),
        discard them (show ``target``) or stay on the edited code, its typing intact."""
        editing = self.current
        tree = self.query_one(CodeTree)
        if self._asking:
            return
        self._asking = True

        def answer(choice: str | None) -> None:
            self._asking = False
            if choice == "save" and self.action_save(select=target):
                return  # saved; the tree is rebuilt on target
            if choice == "discard":
                self._show(target)
                return
            if editing is not None and tree.code_at_cursor() != editing:  # stay, or a refused save
                self.current = editing
                tree.select_code(editing)
            self.notify(f"still editing {editing}: ctrl+s saves it", timeout=3)
        self.app.push_screen(LeaveModal(f"{editing} has unsaved changes. Save them before showing {target}?",
                                        save="Save", discard="Discard them", stay="Stay"), answer)

    def on_code_tree_apply_code(self, event: CodeTree.ApplyCode) -> None:
        event.stop()
        self.query_one("#f-label", Input).focus()

    def _show(self, path: str | None) -> None:
        self.current = path
        c = self.codes.get(path) if path else None
        if c is not None:  # the tree's count is rolled up; say both when they differ
            n = self._counts.get(c.path, c.codings)  # (her own when coding blind)
            total = n + sum(self._counts.get(d.path, d.codings) for d in self._descendants(c.path))
            count = (plural(n, "coding") + (" of yours" if self._blind else "")
                     + (f", {total} with its sub-codes" if total != n else ""))
        self.query_one("#cb-title", Static).update(Text(f"{c.path} · {count}" if c else "No code selected"))
        syn = self.ws.synthesis().code_fields(c.path) if c else {"summary": "", "contrasts": []}
        self._loaded = F.values(c, syn, self.topics.get(c.path, ("", "")) if c else ("", ""))
        self._fill_form(self._loaded)

    def _fill_form(self, values: dict[str, str], only: set[str] | None = None) -> None:
        for fid, value in values.items():
            if only is None or fid in only:
                w = self.query_one(f"#{fid}")
                if isinstance(w, TextArea):
                    w.text = value
                else:
                    w.value = value
        form = self._form()
        self._shown = {**self._shown, **{f: form[f] for f in only}} if only else form


    def _descendants(self, path: str) -> list[Code]:
        return [c for p, c in self.codes.items() if is_below(p, path)]

    # --------------------------------------------------------------- actions
    def action_save(self, select: str | None = None, over: bool = False) -> bool:
        """Save the fields she changed (``codebook_form``); False when refused (the reason shown),
        when a field she changed was saved otherwise elsewhere meanwhile (asked: keep mine, take
        theirs, stay; ``over``: keep mine), or when there is no code."""
        if self.current is None:
            return False
        got = self.attempt(F.stored_values, self.ws, self.current)  # (another window may have saved some)
        if not got.ok:
            return False
        now = got.value
        form = self._form()
        mine = F.edited(form, self._shown)
        clash = [] if over else F.conflicts(form, self._loaded, now, mine)
        if clash:
            self._ask_clash(clash, now, select)
            return False
        summary, contrasts, summary_en = F.synthesis_fields(form, now, mine)
        # the synthesis fields first: an unknown contrast code refuses the save before anything changes
        got = self.attempt(self.ws.synthesis().set_code_fields, self.current, summary, contrasts,
                           coder=self.coder, summary_en=summary_en)
        if got.ok:
            got = self.attempt(self.ws.edit_code, self.current, coder=self.coder, **F.code_fields(form, mine))
        if got.ok:
            code = got.value
            # a save that changed nothing said "saved", as if something had been
            self.notify(f"saved {code.path}" if mine else f"nothing to save: {code.path} is as stored",
                        timeout=2)
            if "f-label" in mine and (other := label_shared(code.path, code.label, self.ws.codebook())):
                self.notify(same_label_warning(code.label, other), severity="warning", timeout=8)
            self._changed(select or code.path)  # the tree then shows the code the user moved to
            return True
        return False

    def _ask_clash(self, clash: list[str], now: dict[str, str], select: str | None) -> None:
        path = self.current

        def answer(choice: str | None) -> None:
            if self.current != path:
                return
            if choice == "save":
                self.action_save(select=select, over=True)
            elif choice == "discard":  # theirs in those fields; her other changes stay in the form
                self._loaded = {**self._loaded, **{f: now[f] for f in clash}}
                self._fill_form({f: now[f] for f in clash}, only=set(clash))
                self.notify("took what was saved elsewhere in " + ", ".join(F.NAMES[f] for f in clash)
                            + "; your other changes are still in the form (ctrl+s saves them)", timeout=6)
            else:
                self.notify("your changes are still in the form, not saved; ctrl+s asks again", timeout=5)
        self.app.push_screen(LeaveModal(F.clash_question(path, clash, now), save="Keep mine", discard="Take theirs",
                                        stay="Stay"), answer)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "cb-save":
            self.action_save()

    def action_add(self) -> None:
        added: list[Code] = []
        check = in_dialog(lambda path: self.ws.add_code(path, coder=self.coder), added)

        def done(path: str | None) -> None:
            if not added:
                return
            code = added[0]
            derived = f" (from '{path}'; the name you typed is its label)" if path and path != code.path else ""
            # the cursor is in its Label field now: said, or the tree's letter keys type into it (and a typo's twin)
            near = near_code(code.path, [(c.path, c.name, c.label) for c in self.codes.values()])
            self.notify(f"added {code.path}{derived}; now in its Label field: tab to the definition, ctrl+s saves, esc "
                        "back to the tree" + (f". It is close to {near}: a typo?" if near else ""), timeout=6)
            self._changed(code.path)
            self.query_one("#f-label", Input).focus()  # the new code's first field, not the tree's letter keys
        here = self.codes.get(self.current or "")  # on a sub-code, a sibling (a code split in two); on a theme, its own
        start = f"{here.parent or here.path}/" if here is not None else ""
        self.app.push_screen(TextPrompt("New code path", value=start, check=check, select_all=False,
                                        help="lowercase words with dashes; a/b makes b a sub-code of a"), done)

    def action_rename(self) -> None:
        path = self.current
        if path is None:
            return

        renamed: list[str | None] = []
        check = in_dialog(lambda name: self.ws.rename_code(path, name, coder=self.coder)
                          if name != self.codes[path].name else None, renamed)

        def done(_name: str | None) -> None:
            if renamed and renamed[0]:
                self.notify(f"renamed to {renamed[0]}", timeout=2)
                self._changed(renamed[0])
        label = self.codes[path].label
        shown = f"; its label “{label}” is changed in the Label field" if label else ""
        self.app.push_screen(TextPrompt(f"Rename {path} to", value=self.codes[path].name, check=check,
                                        help=f"the last part of the path; codings keep their code{shown}"), done)

    def action_move(self) -> None:
        path = self.current
        if path is None:
            return
        options = [PickOption(TOP, "(top level)")] + [
            PickOption(c.path, ("  " * c.depth) + (c.label or c.name), c.colour, c.path)
            for p, c in self.codes.items() if not is_within(p, path)]

        def move(parent: str | None) -> None:
            if parent:
                got = self.attempt(self.ws.move_code, path, None if parent == TOP else parent,
                                   coder=self.coder)
                if got.ok:
                    new_path = got.value
                    self.notify(f"moved to {new_path}", timeout=2)
                    self._changed(new_path)
        self.app.push_screen(PickerModal(f"Move {path} under…", options), move)

    def action_merge(self) -> None:
        path = self.current
        if path is None:
            return
        src = self.codes[path]
        options = [PickOption(c.path, ("  " * c.depth) + (c.label or c.name), c.colour, c.path)
                   for p, c in self.codes.items() if not is_within(p, path)]

        def merge(target: str | None) -> None:
            if not target:
                return
            subs = self._descendants(path)

            def go(yes: bool | None) -> None:
                if yes:
                    got = self.attempt(self.ws.merge_codes_backed_up, path, target, coder=self.coder)
                    if got.ok:
                        n, backup, joined = got.value  # undo does not take a merge back: the backup does
                        together = f", {joined} of them joined with a coding of the same passage" if joined else ""
                        back = restore_command(backup, self.ws.path)
                        self.notify(f"merged {path} into {target}: {plural(n, 'coding')} moved{together}. Backup "
                                    f"before the merge: {backup} ({back} takes it back once every workbench window "
                                    "on the project is closed; u does not)", timeout=12)
                        self._changed(target)
            subs_note = ", " + plural(len(subs), "sub-code") if subs else ""
            self.app.push_screen(ConfirmModal(
                f"Merge {path} ({plural(src.codings, 'coding')}{subs_note}) into "
                f"{target}? {path} disappears; its codings (their memos and stars with them) and sub-codes move to "
                f"{target}. u does not undo a merge: a backup is made first, and the message after it names the "
                "restore that takes it back.", danger=True), go)
        self.app.push_screen(PickerModal(f"Merge {path} into…", options), merge)

    def action_delete(self) -> None:
        path = self.current
        if path is None:
            return
        fresh = self.attempt(self.ws.codebook)  # counted now: the tree's counts may be a moment old
        if not fresh.ok:
            return
        counts = {c.path: c.codings for c in fresh.value}
        code = self.codes[path]
        subs = self._descendants(path)
        n = sum(counts.get(c.path, 0) for c in (code, *subs))

        def go(yes: bool | None) -> None:
            if yes:  # the number she agreed to lose: coded meanwhile, it is refused and the tree follows
                got = self.attempt(self.ws.delete_code, path, force=True, coder=self.coder, expected=n)
                if not got.ok:
                    self.reload(path)
                if got.ok:
                    removed = got.value
                    self.notify(f"deleted {path} and {plural(removed, 'coding')}", timeout=3)
                    self.current = code.parent
                    self._changed(code.parent)
        question = f"Delete {path}" + (f" and its {plural(len(subs), 'sub-code')}" if subs else "")
        question += (f"? {plural(n, 'coding')} will be removed, "
                     f"{what_a_delete_takes(self.attempt(self.ws.codings, code=path).value or [])}; g merges "
                     "the code into another instead, keeping them. (A backup of the project is made first.)" if n else
                     "? It has no codings.")
        self.app.push_screen(ConfirmModal(question, yes="Delete", danger=True), go)

    def action_phrase(self) -> None:
        """The summary phrase field, far down the form, in one key (from the tree)."""
        field = self.query_one("#f-summary", Input)
        field.focus()
        field.scroll_visible(animate=False)

    def action_to_tree(self) -> None:
        tree = self.query_one(CodeTree)
        if self.unsaved() and not tree.has_focus:
            self.notify(f"unsaved changes to {self.current} (kept in the form): ctrl+s saves them; "
                        "moving to another code asks first", severity="warning", timeout=5)
        tree.focus()
