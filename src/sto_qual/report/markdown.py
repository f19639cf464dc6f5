"""ReportData -> Markdown (the same chapter as the .docx) and quote lists."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sto_qual.domain.markup import md_blockquote, md_inline
from sto_qual.domain.text import quote_within_quote
from sto_qual.report.model import ReportData, SmallTable


def _md_cell(v: Any) -> str:
    return md_inline(str(v if v is not None else ""))


def _point(theme, b, lab) -> list[str]:
    out = []
    if b.text or b.label:
        body = _marked(b.parts, lab) if theme.marked and b.parts else md_inline(b.text)
        out += [((f"**{md_inline(b.label.rstrip('.'))}.** " if b.label else "") + body).rstrip(), ""]
    for q in b.quotes:
        out += [*md_blockquote(f"{q.marked}” {q.attribution}", opening="“"), ""]
    return out


def _table(t: SmallTable) -> list[str]:
    lines = [f"*{md_inline(t.caption)}*", "", "| " + " | ".join(_md_cell(h) for h in t.header) + " |",
             "|" + "---|" * len(t.header)]
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in t.rows]
    return lines + ([""] + [f"*{md_inline(t.note)}*"] if t.note else []) + [""]


def report_markdown(data: ReportData) -> str:
    """The same chapter as the .docx: chapter #, themes ##, their parts ###."""
    lab = data.labels
    out = [f"# {md_inline(data.title)}", "", f"_{md_inline(data.subtitle)}_", "", f"## {lab['method']}", "",
           *[line for paragraph in data.method_paragraphs for line in (md_inline(paragraph), "")],
           *([f"*{md_inline(data.method_note)}*", ""] if data.method_note else [])]
    for theme in data.themes:
        out += [f"## {md_inline(theme.title)}", ""]
        if theme.note:
            out += [f"*{md_inline(theme.note)}*", ""]
        for i, para in enumerate(theme.opening):
            if theme.marked and i < len(theme.opening_parts):
                para = _marked(zip(theme.opening_parts[i], theme.opening_concept[i]), lab)
            else:
                para = md_inline(para)
            out += [para, ""]
        shown = [b for b in theme.points if b.text or b.label or b.quotes]
        blocks = [b for b in shown if not b.remarks]
        if theme.facets_named:  # as the chapter: a theme without sub-codes has no facet heading
            out += [f"### {lab['facets']}", ""]
        for b in blocks:
            out += _point(theme, b, lab)
        if theme.contrasts:
            text = (_marked(zip(theme.contrasts, theme.contrast_concept), lab)
                    if theme.marked and len(theme.contrast_concept) == len(theme.contrasts)
                    else md_inline(" ".join(c.strip() for c in theme.contrasts)))
            out += [f"### {lab['contrasts']}", "", text, ""]
        for b in shown:  # the theme's own remarks come after the differences, under their own heading
            if b.remarks:
                out += [f"### {lab['theme_remarks']}", "", *_point(theme, replace(b, label=""), lab)]
        if theme.tables:
            out += [f"### {lab['figures']}", ""]
        for t in theme.tables:
            out += _table(t)
    if data.definitions:
        out += [f"## {lab['codebook']}", ""] + ([lab["codebook_intro"], ""] if lab["codebook_intro"] else [])
        for name, definition, is_theme in data.definitions:
            out += ([f"### {md_inline(name)}", "", md_inline(definition), ""] if is_theme
                    else [f"- **{md_inline(name)}.** {md_inline(definition)}"])
        out.append("")
    if data.appendix:
        cols, rows, _q = data.appendix_table()
        out += [f"## {lab['appendix']}", "", md_inline(data.appendix_intro()), ""]
        for name, first, end in data.appendix_groups():  # one table per theme, under its name
            out += [f"### {md_inline(name)}", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
            for row in rows[first:end]:
                out.append("| " + " | ".join(_md_cell(x) for x in row) + " |")
            out.append("")
    if data.memos:
        out += [f"## {lab['memos']}", ""]
        current = None
        for about, text in data.memos:
            if about != current:
                out += ["", f"### {md_inline(about)}", ""]
                current = about
            out.append(f"- {md_inline(text)}")
        out.append("")
    return "\n".join(out)


def _marked(parts, lab: dict) -> str:
    """Sentences, each one still a draft highlighted (``<mark>``), as the Word chapter does."""
    return " ".join(f"<mark>{md_inline(t.strip())}</mark>" if c else md_inline(t.strip()) for t, c in parts)


def quotes_markdown(title: str, sections: Sequence[tuple[str, Sequence[dict[str, Any]]]], intro: str = "") -> str:
    """One code's quotes: the code's label, what the file is, then each sub-code's heading and its quotes."""
    out = [f"# {md_inline(title)}", ""] + ([md_inline(intro), ""] if intro else [])
    for heading, rows in sections:
        if heading:
            out += [f"## {md_inline(heading)}", ""]
        for r in rows:
            if r.get("see"):  # a passage listed under another heading that also has this code
                out += [f"*{md_inline(r['see'])}*", ""]
                continue
            out += [*md_blockquote(quote_within_quote(r["quote"]), opening="“", closing="”"),
                    f"> {md_inline(r['attribution'])}", ""]
            if r.get("note"):  # what the chapter does with a quote that does not stand as coded
                out += [f"*{md_inline(r['note'])}*", ""]
            if r.get("also"):  # its other codes in this file, where a pointer to it stands
                out += [f"*{md_inline(r['also'])}*", ""]
    return "\n".join(out)
