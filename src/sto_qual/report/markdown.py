"""ReportData -> Markdown (the same chapter as the .docx) and quote lists."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sto_qual.domain.markup import md_blockquote, md_inline
from sto_qual.domain.synthesis import ThemeSummary
from sto_qual.report.model import ReportData, SmallTable


def _md_cell(v: Any) -> str:
    return md_inline(str(v if v is not None else ""))


def _table(t: SmallTable) -> list[str]:
    lines = [f"*{md_inline(t.caption)}*", "", "| " + " | ".join(_md_cell(h) for h in t.header) + " |",
             "|" + "---|" * len(t.header)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in t.rows]
    return lines + [""]


def _synthesis(summary: ThemeSummary, lab: dict[str, str]) -> list[str]:
    """The theme's synthesis, as the .docx opens the section with it."""
    out = [f"_[{lab.get('concept', 'concept')}]_", ""] if summary.status == "draft" else []
    if summary.text:
        return out + [md_inline(summary.text), ""]
    if summary.lead:
        out += [md_inline(" ".join(summary.lead)), ""]
    out += [f"- {md_inline(p.text or p.label)}" for p in summary.points] + ([""] if summary.points else [])
    out += [md_inline(c.text) for c in summary.contrasts] + ([""] if summary.contrasts else [])
    return out


def report_markdown(data: ReportData) -> str:
    lab = data.labels
    out = [f"# {md_inline(data.title)}", "", f"_{md_inline(data.subtitle)}_", "", f"## {lab['method']}", "",
           md_inline(data.method), "",
           f"## {lab['overview']}", "", f"| {lab['themes']} | {lab['col_docs']} |", "|---|---|"]
    out += [f"| {_md_cell(t)} | {n} / {data.documents_total} |" for t, n in data.overview]
    out.append("")
    for theme in data.themes:
        out += [f"## {md_inline(theme.title)}", ""]
        if theme.summary is not None:
            out += _synthesis(theme.summary, lab)
        out += [f"**{lab['definition']}.** {md_inline(theme.definition)}", "", md_inline(theme.frequency_sentence), ""]
        for t in theme.tables:
            out += _table(t)
        out += [f"### {lab['quotes']}", ""]
        if not theme.quotes:
            out += [lab["no_quotes"], ""]
        for q in theme.quotes:
            out += [*md_blockquote(q.text, opening="“", closing="”"), f"> {md_inline(q.attribution)}", ""]
    if data.appendix:
        out += [f"## {lab['appendix']}", "", "| " + " | ".join(lab["appendix_cols"]) + " |",
                "|" + "---|" * len(lab["appendix_cols"])]
        for q in data.appendix:
            sub = q.code.split("/", 1)[1] if "/" in q.code else ""
            out.append("| " + " | ".join(_md_cell(x) for x in (q.theme, sub, q.region, q.role, f"“{q.text}”", q.doc,
                                                               q.reference)) + " |")
        out.append("")
    if data.memos:
        out += [f"## {lab['memos']}", ""] + [f"- **{md_inline(a)}:** {md_inline(t)}" for a, t in data.memos] + [""]
    return "\n".join(out)


def quotes_markdown(title: str, rows: Sequence[dict[str, Any]]) -> str:
    out = [f"# {md_inline(title)}", ""]
    for r in rows:
        out += [*md_blockquote(r["quote"], opening="“", closing="”"),
                f"> {md_inline(r['attribution'])} ({md_inline(r['code'])})", ""]
    return "\n".join(out)
