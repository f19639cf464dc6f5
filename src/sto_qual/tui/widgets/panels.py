"""The coder screen's side and status panels: each renders plain values handed to it by
the screen, repaints only when its text changed, and never needs a layout pass."""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from sto_qual.domain.model import Code
from sto_qual.domain.roles import short_answer_opening
from sto_qual.domain.text import clip_words, count_words, plural
from sto_qual.domain.wording import confidence_text
from sto_qual.services.tui_support import CodingMark, DocumentView, SuggestionMark
from sto_qual.tui.fitting import TALL_AT
from sto_qual.tui.widgets.codetree import CodeTree
from sto_qual.tui.widgets.transcript.layout import on_screen


class _QuietStatic(Static):
    """A fixed-size Static that skips identical updates (they would still repaint)."""

    _last: str | None = None

    def show_text(self, text: Text) -> None:
        key = text.markup
        if key != self._last:
            self._last = key
            self.update(text, layout=False)


def _label(codes: Mapping[str, Code], path: str) -> tuple[str, str]:
    c = codes.get(path)
    return ((c.label or c.name) if c else path), (c.colour if c else "")


class HerePanel(_QuietStatic):
    """What sits on the selection: codings (coder, star, memo) and pending suggestions."""

    _shown: tuple | None = None  # what was shown last, to cut again at a new width

    def on_resize(self) -> None:
        # the quote is cut to the panel's width: a width read before the narrow layout applied
        # wrapped it onto a second line at 80 columns, pushing the codes out of the short panel
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, marks: Sequence[CodingMark], suggestions: Sequence[SuggestionMark],
             codes: Mapping[str, Code], selected: tuple[str, str] | None = None, me: str | None = None,
             doc_memo: tuple[str, str] | None = None) -> None:
        """``me``: the coder at work, whose codings and memos come first (a memo on up to three
        lines, ``m`` shows it whole); another coder's memo takes one line (the panel is a few
        lines high: the coder's own work was cut off below a colleague's, and a long memo of her
        own hid the colleague's coding). ``doc_memo``: (document, the coder's memo on it), shown
        where she has no coding, as ``m`` there opens it."""
        self._shown = (marks, suggestions, codes, selected, me, doc_memo)
        t = Text()
        if selected is not None:  # exactly what 1-9 would code: a line can hold two sentences
            quote, size = selected
            quote = on_screen(" ".join(quote.split()))  # as the transcript paints it (emoji joiners: see on_screen)
            t.append("Selected ", style="bold")
            t.append(f"({size}):\n", style="dim")
            room = max(self.size.width - 4, 20)  # one line: the codes and memos below must stay in view
            t.append(f"“{quote[:room - 1].rstrip() + '…' if len(quote) > room else quote}”\n", style="italic")
        room = max(self.size.width - 5, 20)
        # one's own memo on up to three lines, as the panel has room below everything else (at
        # 120x40 it is eight lines high; at 80x24 one line each, where a colleague's coding must
        # stay in view)
        needed = (2 if selected is not None else 0) + (0 if marks else 1) + (2 if doc_memo is not None else 0) \
            + sum(1 + bool(m.memo) for m in marks) + 3 * len(suggestions)  # (a suggestion's label may wrap)
        own = sum(1 for m in marks if m.memo and m.coder == me) + (doc_memo is not None)
        memo_lines = min(3, 1 + max(self.size.height - needed, 0) // max(own, 1))
        if not marks:
            t.append("No codes here. ", style="dim")
            t.append("1–9", style="bold")
            t.append(" or ", style="dim")
            t.append("c", style="bold")
            t.append(" to code.\n", style="dim")
        if doc_memo is not None and not any(m.coder == me for m in marks):
            name, memo = doc_memo
            memo = " ".join(memo.split())
            fits = max(memo_lines * room - 2, 10)
            t.append(f"✎ Your memo on {name}", style="bold")
            t.append(" (m opens it):\n", style="dim")
            t.append(memo if len(memo) <= fits else memo[:fits - 1].rstrip() + "…", style="italic")
            t.append("\n")
        items: list[tuple[Text, Text]] = []  # a coding or suggestion each and its second part, in the order shown
        ordered = sorted(marks, key=lambda m: m.coder != me)  # stable: in text order within each
        for m in ordered:
            label, colour = _label(codes, m.code)
            it = Text()
            it.append("■ ", style=colour)
            it.append(label)
            it.append(f"  {m.coder}", style="bold" if m.coder == me else "dim")
            if m.starred:
                it.append(" ★", style="bold yellow")
            memo_text = Text()
            if m.memo:  # one's own memo on up to three lines, a colleague's on one: both codings stay in view
                memo = on_screen(" ".join(m.memo.split()))
                fits = memo_lines * room - 12 if m.coder == me else room
                if len(memo) > fits:
                    memo = memo[:fits - 1].rstrip() + "…" + (" (m opens it)" if m.coder == me else "")
                memo_text.append(f"  ✎ {memo}\n", style="italic")
            items.append((it, memo_text))  # (the coding's line ends below: with " ✎" when its memo has no room)
        for sg in suggestions:
            label, colour = _label(codes, sg.code)
            it = Text()
            it.append("◆ suggested ", style="bold")
            it.append("■ ", style=colour)
            it.append(label)
            conf = f" {confidence_text(sg.confidence)}" if sg.confidence is not None else ""
            if conf.strip() in (sg.reason or ""):  # the model's reason says it already ("model 0.85")
                conf = ""
            items.append((it, Text(f"  {sg.reason}{conf} · a accept · r reject\n", style="dim")))
        # what does not fit the panel is counted, not cut off unsaid (at 80x24 a second coding and a
        # colleague's vanished below the first one's memo)
        def lines(text: Text) -> int:  # as the panel wraps it (a text ending in a line break has no line after)
            if not text.plain:
                return 0
            return len(text.wrap(self.app.console, max(self.size.width, 1))) - text.plain.endswith("\n")
        whole = [head + "\n" + rest if rest.plain else head + "\n" for head, rest in items]
        if not items or not self.size.height:
            self.show_text(t)
            return
        left = self.size.height - lines(t)
        sizes = [lines(w) for w in whole]  # (each wrapped once: this runs at every cursor move)
        # no room for every memo and reason: the last ones first take one line for their memo, then none (its
        # first words on its coding's line, marked ✎, m opens it), so the codings stay in view (a starred coding
        # with a memo was the one "+1 more" hid; two codings with memos, a long label each, showed "✎" alone)
        width = max(self.size.width, 1)
        for one_line in (True, False):
            for i in reversed(range(len(items))):
                if sum(sizes) <= left:
                    break
                head, rest = items[i]
                if not rest.plain:
                    continue
                if one_line and i < len(marks):
                    shown = Text(f"  ✎ {clip_words(' '.join((ordered[i].memo or '').split()), width - 5)}\n",
                                 style="italic")
                    if lines(shown) < lines(rest):
                        whole[i] = head + "\n" + shown
                        sizes[i] = lines(whole[i])
                elif not one_line:  # a memo keeps its first words on its coding's line ("lisa ✎" said nothing)
                    last = head.wrap(self.app.console, width)[-1].cell_len  # (a long label wraps the coder below)
                    room = width - last - 3
                    memo = " " + clip_words(ordered[i].memo or "", room) if i < len(marks) and room >= 8 else ""
                    whole[i] = head + (Text(" ✎" + memo, style="italic") if i < len(marks) else "") + "\n"
                    sizes[i] = lines(whole[i])
        for i, shown in enumerate(whole):
            more = len(whole) - i  # this one and those after it
            if sizes[i] > left - (more > 1) and (more > 1 or lines(items[i][0] + "\n") > left):
                said = f"+{more} more here"  # what still has no room is counted, not cut off unsaid
                why = f" (a taller window shows {'it' if more == 1 else 'them'})"
                t.append(said + (why if len(said + why) <= self.size.width else ""), style="bold")
                break
            t.append_text(shown)  # the last one: its line, and its memo as far as it goes
            left -= sizes[i]
        self.show_text(t)


class StatusLine(_QuietStatic):
    """One line; given variants from most to least detailed, shows the first that fits."""

    def show(self, variants: Sequence[Sequence[str]]) -> None:
        self.show_text(Text(fit_status(variants, max(self.size.width - 1, 20))))


def fit_status(variants: Sequence[Sequence[str]], width: int) -> str:
    """The first variant that fits ``width``; when none does, the last cut at a word ("…"),
    never inside one."""
    status = ""
    for parts in variants:
        status = " " + " │ ".join(p for p in parts if p)
        if len(status) <= width:
            return status
    cut = status[:width - 1]
    return (cut[:cut.rfind(" ")] if cut.rfind(" ") > width // 2 else cut).rstrip(" ,;:·│") + "…"


def code_info(code: Code | None, *, short: bool = False) -> Text:
    """A code's label, path, definition and when (not) to use it; ``short`` (a panel of a few
    lines): the path after the rest, so the label and the definition's start come first."""
    t = Text()
    if code is None:
        return t
    t.append("■ ", style=code.colour)
    t.append(code.label or code.name, style="bold")
    t.append("\n" if short else f"\n{code.path}\n", style="dim")
    if code.definition:
        t.append(code.definition.strip() + "\n")
    else:  # a code made while coding (c, "+ New code") starts bare
        t.append("No definition yet: F7 (Codebook) gives it one.\n", style="dim italic")
    if code.when_to_use:
        t.append("Use when: ", style="bold green")
        t.append(code.when_to_use.strip() + "\n")
    if code.when_not_to_use:
        t.append("Not when: ", style="bold red")
        t.append(code.when_not_to_use.strip() + "\n")
    if code.keywords:
        t.append("Keywords: ", style="bold")
        t.append(", ".join(code.keywords) + "\n", style="dim")
    if short:
        t.append(f"{code.path}\n", style="dim")
    return t


def whole_answer_hint(doc: DocumentView, cursor: int, short: bool = False) -> str:
    """On an answer's first sentence when it is a word or three ("Ja.", "Nee, zeker niet.") and
    more follow, as ``}`` lands: that a number key codes this sentence only and ``t`` the whole
    answer (coders coded "Ja." alone, three characters, for the answer they meant)."""
    units = doc.units
    if not units or not doc.turns or not 0 <= cursor < len(units):
        return ""
    u = units[cursor]
    n = short_answer_opening([x.turn for x in units], cursor, doc.turns[u.turn].role,
                             count_words(doc.text[u.start:u.end]))
    return "" if not n else f"t: all {n} sentences" if short else f"t selects the whole answer ({n} sentences)"


# a warning's and an error's mark where a message is said (the status line, a popup's title): a colour-blind
# coder, or one in a terminal without colours, told them from "Coded: …" by colour alone
SEVERITY_MARKS = {"warning": "⚠ Warning", "error": "✖ Error"}


def marked(message: str, kind: str = "") -> str:
    """``message`` said as ``kind`` ("warning", "error"): after its mark ("⚠ Cannot redo …")."""
    return f"{SEVERITY_MARKS[kind][0]} {message}" if message and kind in SEVERITY_MARKS else message


def coder_status(doc: DocumentView, cursor: int, selected: str, mine: int, coder: str, others_hidden: bool,
                 last_action: str, span: tuple[int, int] | None = None) -> list[list[str]]:
    """The coder's status line, most detailed variant first (``StatusLine.show``). ``span``: the
    first and last sentence (0-based) the selection covers: a selection of several says them
    ("sentences 21-23/152"), as the message after coding it will."""
    units = doc.units
    turn = doc.turns[units[cursor].turn] if units and doc.turns else None
    meta = " · ".join(str(doc.attributes[k]) for k in ("region_type", "date") if doc.attributes.get(k))
    where = f"sentence {cursor + 1}/{len(units)}" if units else "no sentences"
    if units and span is not None and span[1] > span[0]:
        where = f"sentences {span[0] + 1}-{span[1] + 1}/{len(units)}"
    if turn is not None and turn.speaker:
        speaker = turn.speaker
        if units and span is not None and span[1] > span[0]:  # a selection into the next speaker's turn
            first = doc.turns[units[span[0]].turn].speaker
            last = doc.turns[units[min(span[1], len(units) - 1)].turn].speaker
            if first and last and first != last:  # said who it runs from and to (it named one speaker)
                speaker = f"{first} → {last}"
        where += f" · {speaker}"
    placed = where  # without the selection's size: room for whose window this is
    if units:
        where += f" · {selected} selected"
    others = " (others hidden)" if others_hidden else ""
    # a coder coding blind sees that they are, at every width but the narrowest
    tag = doc.name + others
    # a long message says less rather than being cut: without its closing aside ("(u undoes the
    # coding, …)"), then without a second clause after "; " ("Undid: Urgentie on R01" keeps
    # what follows its colon: that is what it did)
    brief = re.sub(r"\s*\([^()]*\)\s*$", "", last_action)
    briefer = re.split(r"(?<=\w); ", brief, maxsplit=1)[0]
    hint = "" if last_action or (span is not None and span[1] > span[0]) else whole_answer_hint(doc, cursor)
    variants = [
        [doc.name + (f" · {meta}" if meta else ""), where, f"{plural(mine, 'coding')} by {coder}{others}", last_action],
        [doc.name, where, f"{mine} by {coder}{others}", last_action],
        # at 80 columns a long name ("onderzoeker-a") went first: two windows side by side, and
        # neither said whose it was
        [doc.name, placed, f"{mine} by {coder}{others}", last_action],
        [tag, where, last_action],
        # narrow: what the last key changed matters most, then where the cursor is
        [tag, last_action] if last_action else [tag, where],
        [tag, brief] if last_action else [tag, where],
        [tag, briefer] if last_action else [tag, where],
        [doc.name, briefer or where],
        [briefer or where],
    ]
    if hint:  # where it fits beside the rest, short at 80 columns, left out before anything else is
        variants = [v[:-1] + [hint] for v in variants[:3]] + [[tag, placed, whole_answer_hint(doc, cursor, True)]] \
            + variants
    return [v for i, v in enumerate(variants) if i == 0 or v != variants[i - 1]]


class CoderSide(Vertical):
    """The coder screen's right column: the codebook tree, the highlighted code's definition
    and what sits on the selection."""

    def compose(self) -> ComposeResult:
        yield CodeTree(id="code-tree")
        with VerticalScroll(id="code-info-box"):
            yield Static(id="code-info")
        yield HerePanel(id="here")

    def on_mount(self) -> None:
        self.query_one("#code-info-box").border_title = "Definition"
        self.query_one("#here").border_title = "Here"

    _code: Code | None = None
    _short: bool | None = None  # the definition was written for the short panel

    @property
    def shown(self) -> str | None:
        """The path of the code whose definition the panel shows."""
        return self._code.path if self._code is not None else None

    def show_code(self, code: Code | None) -> None:
        if code is not None and code == self._code and self._short == (self.app.size.height < TALL_AT):
            return  # the same code, as it was: where she scrolled the definition to stays
        self._code = code
        self._short = self.app.size.height < TALL_AT  # Screen.-short: a panel of a few lines
        self.query_one("#code-info", Static).update(code_info(code, short=self._short))
        self.query_one("#code-info-box", VerticalScroll).scroll_home(animate=False)

    def on_resize(self) -> None:
        if self._short is not None and self._short != (self.app.size.height < TALL_AT):
            self.show_code(self._code)
