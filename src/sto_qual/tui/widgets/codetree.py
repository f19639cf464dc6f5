"""CodeTree: the codebook as a tree with quick-key numbers, colours and counts."""
from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from sto_qual.domain.codebook import is_below
from sto_qual.domain.model import Code


class CodeTree(Tree[str]):
    """Code paths as node data. Numbers 1-9 go to the pinned ``quick`` codes, else to the coder's
    own (``numbers``: what ``p`` set, kept by the screen), else to the first nine codes visible
    when the codebook is loaded. They stay put while themes expand and collapse (a "2" must not
    change meaning under the coder's fingers): a numbered code renamed or moved keeps its key, one
    deleted or merged leaves its key empty ("" in ``quick``) rather than moving the others;
    ``number_visible`` re-binds them to what is visible now. A collapsed theme shows the keys
    hidden inside it.
    Counts are always rolled up: a code's own codings plus those of its sub-codes.
    Enter (or a double click) asks to apply the highlighted code: ``ApplyCode``."""

    DEFAULT_CSS = """
    CodeTree { background: $surface; }
    """
    # Priority, like the coder screen's keys: "tab → enter" typed fast must apply the code the
    # tree cursor reached, not whatever was highlighted when the key was read.
    BINDINGS = [
        Binding("enter", "apply", "Apply code", show=False, priority=True, id="codetree.apply"),
        Binding("right,l", "expand", "Expand", show=False, priority=True, id="codetree.expand"),
        Binding("left,h", "collapse", "Collapse", show=False, priority=True, id="codetree.collapse"),
        Binding("down,j", "cursor_down", "Next code", show=False, priority=True, id="codetree.down"),
        Binding("up,k", "cursor_up", "Previous code", show=False, priority=True, id="codetree.up"),
        Binding("space", "toggle_node", "Expand/collapse", show=False, priority=True, id="codetree.toggle"),
    ]

    class ApplyCode(Message):
        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    class NumbersChanged(Message):
        """The codes behind keys 1-9 changed (a theme was expanded or collapsed)."""

    class ExpansionChanged(Message):
        """A theme was expanded or collapsed: ``expanded`` holds the themes open now."""

        def __init__(self, expanded: list[str]) -> None:
            super().__init__()
            self.expanded = expanded

    def __init__(self, *, show_numbers: bool = True, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("Codebook", id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self.show_numbers = show_numbers
        self._codes: dict[str, Code] = {}
        self._code_nodes: dict[str, TreeNode[str]] = {}
        self._counts: dict[str, int] = {}
        self._labels: dict[str, tuple[str, str]] = {}
        self._quick_pinned: list[str] = []
        self.quick: list[str] = []

    def set_codes(self, codes: Sequence[Code], *, pinned: Sequence[str] = (), numbers: Sequence[str] | None = None,
                  expanded: set[str] | None = None, select: str | None = None) -> str | None:
        """(Re)build the tree, keeping expansion, the keys 1-9 (or taking ``numbers``) and the
        cursor (or moving it to ``select``); returns the code the cursor will be on (None: the
        first line), so the definition beside the tree can follow at once."""
        keep_cursor = select or (self.cursor_node.data if self.cursor_node is not None else None)
        if expanded is None:
            expanded = {p for p, n in self._code_nodes.items() if n.is_expanded}
        # a numbered code renamed or moved (here or in another program) keeps its number, and the
        # cursor stays on it: follow it by id to its new path
        old_ids = {p: c.id for p, c in self._codes.items()}
        self._codes = {c.path: c for c in codes}
        new_path = {c.id: c.path for c in codes}
        if not select and keep_cursor is not None:
            keep_cursor = new_path.get(old_ids.get(keep_cursor), keep_cursor)
        self.quick = list(numbers)[:9] if numbers is not None else \
            [new_path.get(old_ids.get(p), p) for p in self.quick]
        self._quick_pinned = [p for p in pinned if p in self._codes]
        self.clear()
        self._code_nodes = {}
        self._labels = {}
        for c in codes:
            parent = self._code_nodes.get(c.parent) if c.parent else self.root
            if parent is None:
                parent = self.root
            has_children = any(x.parent == c.path for x in codes)
            node = parent.add(c.path, data=c.path, expand=c.path in expanded, allow_expand=has_children)
            self._code_nodes[c.path] = node
        self.root.expand()
        self._renumber(keep=True)
        # node lines exist only after the next refresh: move the cursor then
        if keep_cursor in self._code_nodes:
            self.call_after_refresh(self.select_code, keep_cursor)
            return keep_cursor
        if codes:
            self.call_after_refresh(self._cursor_to_first)
        return None

    def _cursor_to_first(self) -> None:
        if self.cursor_node is None or self.cursor_line < 0:
            self.move_cursor_to_line(0)

    def set_counts(self, counts: dict[str, int]) -> None:
        self._counts = dict(counts)
        self._relabel()

    def code_at_cursor(self) -> str | None:
        node = self.cursor_node
        return node.data if node is not None else None

    def select_code(self, path: str) -> None:
        node = self._code_nodes.get(path)
        if node is None:
            return
        parent = node.parent
        while parent is not None and parent is not self.root:
            parent.expand()
            parent = parent.parent
        self.move_cursor(node)

    def visible_codes(self) -> list[str]:
        out = []
        for path, node in self._code_nodes.items():
            p = node.parent
            visible = True
            while p is not None and p is not self.root:
                if not p.is_expanded:
                    visible = False
                    break
                p = p.parent
            if visible:
                out.append(path)
        return out

    def number_visible(self) -> None:
        """Bind keys 1-9 to the first nine codes visible now or, the cursor on a theme with sub-codes, to
        that theme and its sub-codes first, opening it (pinned codes stay pinned): on a collapsed theme
        ``p`` gave the keys to the themes again, where the help says a theme gives its sub-codes the numbers."""
        node = self.cursor_node
        if node is not None and node.children and node.data in self._code_nodes:
            node.expand()
            shown = self.visible_codes()  # then the codes after it, then those above it: nine keys, none empty
            at = shown.index(node.data) if node.data in shown else 0
            self._renumber(only=shown[at:] + shown[:at])
            return
        self._renumber(keep=False)

    def take_numbers(self, keys: Sequence[str]) -> None:
        """Put keys 1-9 back on ``keys`` (a question to replace them answered no)."""
        if any(keys):
            self._renumber(only=list(keys))
        else:
            self._renumber()

    def _renumber(self, keep: bool = False, only: list[str] | None = None) -> None:
        if self._quick_pinned:
            quick = list(self._quick_pinned)
        elif only:
            quick = list(only)
        elif keep and any(p in self._codes for p in self.quick):
            # stable while any numbered code exists (a renamed one was followed by its id): a
            # deleted or merged one, here or in another window, leaves its key empty
            quick = [p if p in self._codes else "" for p in self.quick]
        else:
            quick = self.visible_codes()[:9]
        quick = quick[:9]
        while quick and not quick[-1]:
            quick.pop()
        changed = quick != self.quick
        self.quick = quick
        self._relabel()
        if changed:
            self.post_message(self.NumbersChanged())

    def _relabel(self) -> None:
        number = {p: i + 1 for i, p in enumerate(self.quick) if p}
        # pad a code without a key only where a sibling has one (keeps columns; saves width)
        keyed_levels = {self._codes[p].parent for p in number if p in self._codes}
        for path, node in self._code_nodes.items():
            c = self._codes[path]
            own = self._counts.get(path, 0)
            sub = sum(n for p, n in self._counts.items() if is_below(p, path))
            label = Text()
            if self.show_numbers:
                if path in number or c.parent in keyed_levels:
                    label.append(f"{number[path]} " if path in number else "  ", style="bold")
            label.append("■ ", style=c.colour)
            shown = own + sub
            tail = Text(f" {shown}" if shown else " ·", style="dim")
            if self.show_numbers and not node.is_expanded:
                hidden = sorted(n for p, n in number.items() if is_below(p, path))
                if hidden:
                    tail.append(f" [{_ranges(hidden)}]", style="bold dim")
            # a narrow tree shortens the name, never the count (a cut "43" would read "4")
            name = c.label or c.name
            room = self._label_room(path) - len(label.plain) - len(tail.plain)
            if self.size.width and 0 < room < len(name):
                name = name[:max(room - 1, 1)] + "…"
            label.append(name)
            label.append_text(tail)
            key = (label.plain, str(c.colour))
            if self._labels.get(path) != key:  # relabel only what changed: each label repaints the tree
                self._labels[path] = key
                node.set_label(label)

    def render_label(self, node: TreeNode[str], base_style, style) -> Text:
        """A theme without sub-codes lines up with the themes that have them: its key and colour
        sit where theirs do, after the room of their ▶ (it stood one column left of them)."""
        text = super().render_label(node, base_style, style)
        parent = node.parent
        if (not node.allow_expand and parent is not None and parent.is_root
                and any(s.allow_expand for s in parent.children)):
            text = Text.assemble((" " * Text(self.ICON_NODE).cell_len, base_style), text)
        return text

    def _label_room(self, path: str) -> int:
        """Columns a code's label has: the tree's width less its guide (a theme's expand icon
        takes the same room as a sub-code's guide; the root is hidden)."""
        return self.scrollable_content_region.width - max(path.count("/"), 1) * self.guide_depth

    def on_resize(self) -> None:
        self._labels.clear()
        self._relabel()

    def watch_show_vertical_scrollbar(self, shown: bool) -> None:
        """The scrollbar that came with a code added takes columns the labels had: they are fitted
        again (the counts of the longest were cut off, "Behoud van het techniekaan…" without its 1)."""
        self.call_after_refresh(self.on_resize)

    def on_tree_node_expanded(self, event: Tree.NodeExpanded) -> None:
        event.stop()
        self._relabel()
        self._expansion_changed(event.node)

    def on_tree_node_collapsed(self, event: Tree.NodeCollapsed) -> None:
        event.stop()
        self._relabel()
        self._expansion_changed(event.node)

    def _expansion_changed(self, node: TreeNode[str]) -> None:
        if node.data is not None:  # a theme, not the root the tree opens itself
            self.post_message(self.ExpansionChanged(sorted(p for p, n in self._code_nodes.items() if n.is_expanded)))

    def action_apply(self) -> None:
        code = self.code_at_cursor()
        if code:
            self.post_message(self.ApplyCode(code))

    def action_expand(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            node.expand()
            self._relabel()

    def action_collapse(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            node.collapse()
            self._relabel()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)

    def action_toggle_node(self) -> None:
        node = self.cursor_node
        if node is not None and node.allow_expand:
            node.toggle()
            self._relabel()

    async def _on_click(self, event: events.Click) -> None:
        await super()._on_click(event)
        if event.chain >= 2:
            self.action_apply()


def _ranges(numbers: list[int]) -> str:
    """[2, 3, 4, 7] -> '2-4, 7'."""
    out: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [0]:
        if n == prev + 1:
            prev = n
            continue
        out.append(f"{start}" if start == prev else f"{start}-{prev}")
        start = prev = n
    return ", ".join(out)
