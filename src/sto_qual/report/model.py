"""ReportData: everything a report writer needs, already anonymised. Writers take this and
write a file; they never see the project."""
from __future__ import annotations

from dataclasses import dataclass, field

from sto_qual.domain.synthesis import ThemeSummary


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


@dataclass(frozen=True)
class SmallTable:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class PointBlock:
    """One point of a theme section: its sentence and the quotes that illustrate it."""
    text: str
    quotes: tuple[Quote, ...] = ()
    label: str = ""        # a run-in label before the text ("Docententekort.")


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
    prevalence: tuple[tuple[str, int], ...] = ()   # (sub-code label, regions) for the figure
    figure_caption: str = ""


@dataclass(frozen=True)
class ReportData:
    lang: str
    title: str
    subtitle: str
    method: str
    themes: tuple[ThemeSection, ...]
    overview: tuple[tuple[str, int], ...]          # (theme title, documents)
    documents_total: int
    appendix: tuple[Quote, ...] = ()
    appendix_kind: str = "starred"
    memos: tuple[tuple[str, str], ...] = ()      # (about, text), grouped by code
    labels: dict[str, str] = field(default_factory=dict)
    definitions: tuple[tuple[str, str, bool], ...] = ()  # (code label, definition, is a theme): codebook appendix
    warnings: tuple[str, ...] = ()               # e.g. labels without an English translation
