"""The coder screen's number keys: 1-9 apply the code on that key, `p` gives the keys to the codes
visible in the tree now. Mixed into CoderScreen, which holds the state they use (codes, tree).

What `p` sets is kept in the project, per coder, so that it survives a restart: the keys name
codes of this project's codebook, which the user's settings file (one for every project) cannot
know; its ``quick_codes``, when set, pins the keys and wins. A key is stored with its code's id
and path: a code renamed or moved since keeps its key (found by id; ids are never handed out
twice), one deleted since leaves its key empty, never another code on it.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sto_qual.domain.model import Code
from sto_qual.tui.modals.confirm import ConfirmModal



def restored_keys(stored: Any, codes: Sequence[Code], merged: Mapping[str, str] | None = None
                  ) -> tuple[list[str], list[tuple[int, str]]]:
    """Stored keys -> (the code path on each key now, "" for an empty one; the keys whose code
    is gone since, with its stored path). Nothing usable stored (or every code gone) gives no keys.
    ``merged``: old path -> the code it was merged into, which takes its key when it has none of its own
    (a merge that was a rename left the key empty, and "no code on key 6" named nothing)."""
    if not isinstance(stored, list):
        return [], []
    by_id = {c.id: c.path for c in codes}
    paths = set(by_id.values())
    keys: list[str] = []
    gone: list[tuple[int, str]] = []
    for n, entry in enumerate(stored[:9], 1):
        entry = entry if isinstance(entry, dict) else {}
        cid, path = entry.get("id"), entry.get("path")
        now = by_id.get(cid) if isinstance(cid, int) else None
        if now is None and isinstance(path, str) and path in paths:
            now = path  # the same code brought back (an undone delete, a re-imported codebook)
        if now is None and isinstance(path, str):
            gone.append((n, path))
        keys.append(now or "")
    for n, path in gone:  # (after every key is read: the code merged into may have a key of its own further on)
        into = (merged or {}).get(path)
        if into in paths and into not in keys:
            keys[n - 1] = into
    return (keys if any(keys) else []), gone


def stored_keys(keys: Sequence[str], codes: Mapping[str, Code]) -> list[dict[str, Any] | None]:
    """The keys as the project stores them (an empty key: null)."""
    return [{"id": codes[p].id, "path": p} if p in codes else None for p in keys]


EXPANDED = "expanded_themes"  # the view choice of the themes a coder keeps open in the tree


class NumberKeys:
    def restored_tree(self, codes: Sequence[Code]) -> dict[str, Any]:
        """The tree as this coder left it: her number keys and the themes she kept open (after a
        restart every theme was closed again, and she opened her themes anew each session)."""
        got = self.attempt_quiet(self.ws.session.view_choice, self.coder, EXPANDED)
        kept = {p for p in got.value if isinstance(p, str)} if isinstance(got.value, list) else None
        return {"numbers": self.saved_number_keys(codes), "expanded": kept}

    def on_code_tree_expansion_changed(self, event) -> None:
        event.stop()
        self.attempt_quiet(self.ws.session.keep_view_choice, self.coder, EXPANDED, event.expanded)

    def saved_number_keys(self, codes: Sequence[Code]) -> list[str] | None:
        """The keys this coder set with `p` in this project, or None (never set, unreadable, or
        pinned by the settings file). A key whose code is gone is empty, and the status line
        says so once the document is open."""
        if self.sto.settings.quick_codes:
            return None
        got = self.attempt_quiet(self.ws.number_keys, self.coder)  # [{"id": 12, "path": "urgentie"} or null, ...]
        ends = self.attempt_quiet(self.ws.code_ends).value or {}
        merged = {p: into for p, (_a, into, _who) in ends.items() if into}
        keys, gone = restored_keys(got.value, codes, merged)
        followed = [(n, p) for n, p in gone if keys and keys[n - 1]]
        gone = [g for g in gone if g not in followed]
        said = [f"key {n} now {self._label(keys[n - 1])}: {p} was merged into it" for n, p in followed]
        if gone:  # said once the document is open (opening it starts the status line afresh)
            now = (f"{'key' if len(gone) == 1 else 'keys'} {', '.join(str(n) for n, _p in gone)} now empty" if keys
                   else "keys 1-9 back to the codes in view")
            said.append(f"{now}: {', '.join(f'{p} merged into {merged[p]}' if p in merged else p for _n, p in gone)}"
                        f"{'' if all(p in merged for _n, p in gone) else ' deleted'} since you set the keys (p sets "
                        "them again)")
        if said:
            self.call_after_refresh(self._note, "; ".join(said))
        return keys or None

    def action_number_visible(self) -> None:
        tree = self.code_tree
        if self.sto.settings.quick_codes:
            self.notify("keys 1-9 are pinned by quick_codes in the settings file", severity="warning", timeout=4)
            return
        before = list(tree.quick)
        tree.number_visible()  # shown on the tree at once: behind the question, she sees what she would get
        mine = restored_keys(self.attempt_quiet(self.ws.number_keys, self.coder).value, self.codes.values())[0]
        if not mine or tree.quick == before:
            self._keep_number_keys()
            return
        # keys she set herself (a theme's sub-codes in her order) went at one keystroke, unasked

        def answer(replace: bool | None) -> None:
            if replace:
                self._keep_number_keys()
                return
            tree.take_numbers(before)
            self._note("Keys 1-9 kept as you had set them: " + self._key_list(before))
        self.app.push_screen(ConfirmModal(
            f"Give keys 1-9 to the codes visible now?\n\nYour keys now: {self._key_list(before)}\n\n"
            f"New: {self._key_list(tree.quick)}", yes="Replace my keys", no="Keep mine"), answer)

    def _key_list(self, keys: Sequence[str]) -> str:
        return ", ".join(f"{i} {self._label(p)}" for i, p in enumerate(keys, 1) if p) or "none"

    def _keep_number_keys(self) -> None:
        tree = self.code_tree
        got = self.attempt(self.ws.set_number_keys, self.coder, stored_keys(tree.quick, self.codes))
        kept = "kept for this project" if got.ok else "for this session only"
        self._note(f"Keys 1-9 set, {kept}: " + self._key_list(tree.quick))

    def palette_description(self, action: str) -> str | None:
        """The command palette names the code on a number key ("Code 2: Docententekort")."""
        if not action.startswith("apply_number("):
            return None
        n = int(action[len("apply_number("):-1])
        quick = self.code_tree.quick
        return f"Code {n}: {self._label(quick[n - 1])}" if n <= len(quick) and quick[n - 1] \
            else f"Code {n}: (no code on this key)"

    def action_apply_number(self, n: int) -> None:
        quick = self.code_tree.quick
        if n > len(quick) or not quick[n - 1]:
            self.notify(f"no code on key {n} (p gives keys 1-9 to the codes visible in the tree)",
                        severity="warning", timeout=3)
            return
        self.apply(quick[n - 1])
