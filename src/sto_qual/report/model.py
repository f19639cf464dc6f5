"""ReportData: everything a report writer needs, already anonymised. Writers take this and
write a file; they never see the project."""
from __future__ import annotations

from dataclasses import dataclass, field

from sto_qual.domain.synthesis import ThemeSummary
from sto_qual.domain.text import quote_within_quote


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str
    theme: str
    code: str
    region: str
    role: str
    doc: str
    reference: str  # "turn 12, 00:14:03" / "tekens 1200-1350"
    starred: bool = False
    memo: str | None = None
    theme_label: str = ""   # labels for the appendix table (paths are keys, not words)
    code_label: str = ""
    role_label: str = ""
    id: int = 0
    context: str = ""       # the interviewer's question an appendix quote answers ("Ja, …" needs it)

    @property
    def marked(self) -> str:
        """The text inside the chapter's “…”: its own quotation marks single (‘…’)."""
        return quote_within_quote(self.text)


@dataclass(frozen=True)
class SmallTable:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""          # under the table, e.g. which small groups have no column


# a sentence's mark in a partly reviewed section: False (a person's, as it stands), True (a
# draft nobody reviewed) or STALE (reviewed, and its codings changed since: its count may be
# out of date); the Word chapter shades drafts grey and stale sentences yellow
STALE = "stale"


@dataclass(frozen=True)
class PointBlock:
    """One point of a theme section: its sentence and the quotes that illustrate it."""
    text: str
    quotes: tuple[Quote, ...] = ()
    label: str = ""        # a run-in label before the text ("Docententekort.")
    # the sentences of ``text`` and whether each is still a concept (drafted, not reviewed);
    # a partly reviewed section marks the concept ones (ThemeSection.marked)
    parts: tuple[tuple[str, bool | str], ...] = ()
    remarks: bool = False  # the theme's own remarks: they come after the differences between regions


@dataclass(frozen=True)
class ThemeSection:
    path: str
    title: str
    definition: str
    frequency_sentence: str
    documents: int
    documents_total: int
    wording: str
    tables: tuple[SmallTable, ...]
    quotes: tuple[Quote, ...]
    # the theme's synthesis (reviewed text, or a draft shown as "concept"); the section opens
    # with it and its quotes illustrate its points
    summary: ThemeSummary | None = None
    opening: tuple[str, ...] = ()            # paragraphs the section opens with
    note: str = ""                           # "concept" / "outdated" remark on the summary
    points: tuple[PointBlock, ...] = ()      # points with their quotes, in the order of the text
    contrasts: tuple[str, ...] = ()
    # partly reviewed: each sentence still a concept carries a small grey "concept" mark
    # instead of a note over the whole section; the flags run parallel to opening/contrasts
    marked: bool = False
    opening_concept: tuple[tuple[bool | str, ...], ...] = ()   # per opening paragraph, per sentence
    opening_parts: tuple[tuple[str, ...], ...] = ()
    contrast_concept: tuple[bool | str, ...] = ()

    @property
    def grey(self) -> bool:
        """A sentence of it no person reviewed (shaded grey); a section of reviewed sentences whose codings
        changed since is shaded yellow only, and was announced as one with grey sentences."""
        return any(m is True for m in (*(m for p in self.opening_concept for m in p), *self.contrast_concept,
                                       *(m for b in self.points for _s, m in b.parts)))

    @property
    def facets_named(self) -> bool:
        """Whether its facets stand under their heading, each named by its run-in label: a theme
        without sub-codes has one unnamed block, its quotes right under its opening."""
        return any(b.label for b in self.points if not b.remarks)


PARAGRAPH = "\n\n"  # between the method's paragraphs (``ReportData.method_paragraphs``)


@dataclass(frozen=True)
class ReportData:
    lang: str
    title: str
    subtitle: str
    method: str  # its paragraphs separated by PARAGRAPH
    themes: tuple[ThemeSection, ...]
    overview: tuple[tuple[str, int], ...]          # (theme title, documents)
    documents_total: int
    appendix: tuple[Quote, ...] = ()
    appendix_kind: str = "starred"
    memos: tuple[tuple[str, str], ...] = ()      # (about, text), grouped by code
    labels: dict[str, str] = field(default_factory=dict)
    definitions: tuple[tuple[str, str, bool], ...] = ()  # (code label, definition, is a theme): codebook appendix
    warnings: tuple[str, ...] = ()               # e.g. labels without an English translation
    # the appendix names regions and turns only in internal drafts (--attribution with a
    # region): a region code beside a role points to one person
    appendix_regions: bool = False
    appendix_note: str = ""                      # which passages the appendix leaves out, and why
    # under the method, as a theme's draft note: the quotes still name what the pseudonym list missed
    method_note: str = ""
    researchers: int = 2                         # how many coded: "de onderzoeker" when one did
    # where the text's quotes and the appendix's candidates went (coding id -> "text", "example",
    # "appendix", "context", "repeat", "question" or "none"; ``quotes --starred`` and the workbench's
    # F5 show a writer where her stars are)
    places: dict[int, str] = field(default_factory=dict)
    picked: dict[int, str] = field(default_factory=dict)  # the text's quotes: coding id -> its point (--leave-out)

    @property
    def concept_themes(self) -> list[str]:
        """The themes whose text the chapter marks as a concept, wholly or sentence by sentence."""
        return [t.path for t in self.themes if t.summary is not None and (t.grey if t.marked else bool(t.note))]

    @property
    def partly_reviewed(self) -> list[str]:
        """Of ``concept_themes``, those the chapter marks sentence by sentence (a person reviewed some)."""
        return [t.path for t in self.themes if t.summary is not None and t.marked and t.grey]

    @property
    def method_paragraphs(self) -> list[str]:
        """The method as the reader takes it in: its interviews and their coding, how often
        (the ladder), the quotes and what the appendices hold."""
        return [p.strip() for p in self.method.split(PARAGRAPH) if p.strip()]

    def appendix_table(self) -> tuple[tuple[str, ...], list[tuple[str, ...]], int]:
        """The appendix quote table: (header, rows, index of the quote column). The theme is
        no column (it would repeat one value down the page): ``appendix_groups`` heads its rows."""
        cols = tuple(self.labels["appendix_cols"])  # theme, sub-code, region, role, quote, reference
        keep = (1, 2, 3, 4, 5) if self.appendix_regions else (1, 3, 4)
        general = self.labels.get("theme_general", "")  # a passage coded with the theme itself
        def asked(context: str) -> str:  # the interviewer's question or remark the quote answers
            if not context:
                return ""
            # a remark's full stop does not stand before the colon after it ("… hier ook.’: “Ja …”")
            return self.labels["appendix_asked" if context.endswith("?") else "appendix_after"].format(
                q=context if context.endswith("?") else context.rstrip(". "))
        rows = [(q.theme_label or q.theme, q.code_label or general, q.region, q.role_label or q.role,
                 asked(q.context) + f"“{q.marked}”", q.reference) for q in self.appendix]
        return (tuple(cols[i] for i in keep), [tuple(r[i] for i in keep) for r in rows],
                keep.index(4))

    def appendix_intro(self) -> str:
        """What the quote table is, said to the report's reader: which quotes (chosen by the
        researchers, or every coded passage), in which order, what a row shows of the speaker and
        why no more, and what was left out."""
        lab = self.labels
        intro = lab[("appendix_intro_all" if self.appendix_kind == "all" else "appendix_intro_starred")
                    + ("_one" if self.researchers == 1 else "")]
        who = lab["appendix_internal" if self.appendix_regions else "appendix_roles_only"]
        # the exception its rows show: a role too rare to name, or beside a quote naming its small region type
        labels = {q.role_label for q in self.appendix}
        rare = lab["appendix_rare_role"] if lab["interviewee"] in labels and not self.appendix_regions else ""
        asked = lab.get("appendix_questions", "") if any(q.context for q in self.appendix) else ""
        return " ".join(t for t in (intro, who, rare, asked, self.appendix_note) if t)

    def appendix_groups(self) -> list[tuple[str, int, int]]:
        """(theme label, first row, end row) of each theme's run of rows in ``appendix_table``."""
        out: list[tuple[str, int, int]] = []
        for i, q in enumerate(self.appendix):
            name = q.theme_label or q.theme
            if out and out[-1][0] == name:
                out[-1] = (name, out[-1][1], i + 1)
            else:
                out.append((name, i, i + 1))
        return out


def sentence_mark(reviewed: bool, outdated: bool) -> bool | str:
    """A sentence's mark in the chapter (``report.model.STALE``): a person's, a draft, or a
    reviewed one whose codings changed since (the writer's accepted "(16 van 19)" stood beside
    a table saying 17, with one note over the whole section)."""
    return STALE if reviewed and outdated else not reviewed
