"""The codebook: listing, importing, exporting and editing codes."""
from __future__ import annotations

import shlex
import textwrap
from pathlib import Path
from typing import Any

import click

from sto_qual.cli.options import (_coder_option, _echo_rows, _format_option, _open, _project_option, _texts_with_names,
                                  family)
from sto_qual.domain.codebook import label_shared, same_label_warning
from sto_qual.domain.controls import escape_controls
from sto_qual.domain.names import near_code, restore_command
from sto_qual.domain.text import first_few


# this family's commands; sto_qual.cli adds them to the main group in this order
cli = family()


def _code_json(c, spec=None) -> dict[str, Any]:
    """A code's fields, and with ``spec`` (as a codebook file holds it) the words the chapter says
    it with: a writer could not list which codes still lacked a summary phrase."""
    words = {k: getattr(spec, k) for k in ("summary", "summary_en", "topic", "topic_en")} if spec else {}
    return {"path": c.path, "name": c.name, "parent": c.parent, "label": c.label, "colour": c.colour,
            "definition": c.definition, "when_to_use": c.when_to_use, "when_not_to_use": c.when_not_to_use,
            "examples": list(c.examples), "keywords": list(c.keywords), "codings": c.codings, **words}


@cli.command()
@_project_option
@click.option("--definitions", is_flag=True, help="Each code's definition under it (the table has none).")
@_format_option
def codebook(project: str, definitions: bool, fmt: str) -> None:
    """The code tree with each code's own number of codings, by every coder (`stats` counts a
    theme with its sub-codes, of the reference coder); --definitions adds each definition, and
    --format json every field (JSON keys: path, name, parent, label, colour, definition, when_to_use,
    when_not_to_use, examples, keywords, codings, summary, summary_en, topic, topic_en)."""
    ws = _open(project)
    codes = ws.codebook()
    if fmt == "table":  # the number is the code's own codings by every coder (stats: a theme with its sub-codes)
        click.echo(f"{'code':<50} {'codings':>7}  colour   label")  # the label: what the TUI and the chapter show
        for c in codes:
            click.echo(f"{'  ' * c.depth}{c.path:<{50 - 2 * c.depth}} {c.codings:>7}  {c.colour:<7}  "
                       f"{escape_controls(c.label or '')}".rstrip())
            if definitions and c.definition:
                indent = "  " * (c.depth + 2)
                click.echo(textwrap.fill(" ".join(c.definition.split()), width=100, initial_indent=indent,
                                         subsequent_indent=indent))
        coders = [c["name"] for c in ws.coders() if c["codings"]]
        if len(coders) > 1:  # beside `stats`, which counts one coder: said, so the two are not compared unawares
            click.echo(f"note: codings are each code's own, by every coder ({', '.join(coders)}); `sto-qual stats` "
                       "counts the reference coder's, a theme with its sub-codes", err=True)
        return
    specs = {s.path: s for s in ws.codebook_service.specs().codes}
    _echo_rows([_code_json(c, specs.get(c.path)) for c in codes], fmt)


@cli.command("codebook-import")
@_project_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def codebook_import(project: str, file: str) -> None:
    """Update the codebook from a YAML or .qdc file; nothing is deleted.

    A YAML codebook lists its codes under `codes:`, sub-codes under each code's own `codes:`
    (`sto-qual codebook-export -o codeboek.yaml` writes the project's, every key filled in):

    \b
    codebook: Mijn studie
    codes:
      - name: urgentie            # lowercase; a sub-code's path is urgentie/docenten
        label: Urgentie
        definition: Waar de stuurgroep nu de grootste nood ziet.
        when_to_use: Als de urgentie van STO ter sprake komt.
        keywords: [docententekort, tekort aan docent]
        codes:
          - name: docenten
            definition: Het tekort aan (technische) docenten.

    Other keys of a code: when_not_to_use, examples, colour ("#rrggbb"), label_en, summary,
    topic, contrasts. A new project starts with the STO codebook: `sto-qual init p.db --codebook FILE` starts
    with yours instead (importing yours afterwards keeps the STO codes beside it)."""
    report = _open(project).import_codebook(file)
    for w in report.get("warnings", []):
        click.echo(f"warning: {w}", err=True)
    def named(key: str) -> str:  # which ones (a colleague's stale copy "updated 7", and nothing said which)
        paths = report[key]
        return f" ({first_few(paths, 8)})" if paths else ""
    click.echo(f"added {len(report['added'])}{named('added')}, updated {len(report['updated'])}{named('updated')}, "
               f"unchanged {len(report['unchanged'])}")
    kept = report["not_in_file"]
    if kept:  # one line: a file of a few codes printed a line for each of the 25 others
        shown = first_few(kept, 8)
        click.echo(f"kept (not in file): {len(kept)} code{'s' * (len(kept) != 1)}: {shown} (an import deletes no code)")
    for old, new in report.get("renamed", []):  # the chapter printed both themes, one "in geen van de regio's"
        click.echo(f"warning: {new}, which the file adds, has the label or definition of {old}, which it lacks and "
                   f"which holds codings: if the file renames {old}, take the import back with the `restore` below, "
                   f"run `sto-qual code-rename {old} {new.rsplit('/', 1)[-1]} --project {shlex.quote(str(project))}` "
                   "(its codings and sub-codes follow) and import the file again", err=True)
    if report.get("backup"):  # no undo step, as a merge is none: the backup is the way back
        click.echo(f"backup before the import: {report['backup']} ({restore_command(report['backup'], project)} "
                   "returns the project to before it; undo does not take an import back)", err=True)


@cli.command("codebook-export")
@_project_option
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help=".yaml or .qdc")
@click.option("--force", is_flag=True, help="Replace a YAML or .qdc file there also when it was changed since it "
              "was written, or another program wrote it.")
def codebook_export(project: str, output: str, force: bool) -> None:
    """Write the project's codebook (YAML, or REFI-QDA .qdc)."""
    ws = _open(project)
    ws.export_codebook(output, force=force)
    click.echo(f"Wrote {output}")
    left = ws.codebook_service.qdc_leaves_out() if output.lower().endswith(".qdc") else []
    if left:  # REFI-QDA has no field for them: kept in YAML
        click.echo("note: a .qdc keeps each code's name, label, colour, definition, when to use, examples and "
                   f"keywords; it has no field for these: {', '.join(left)}; `sto-qual codebook-export -o "
                   f"{shlex.quote(str(Path(output).with_suffix('.yaml')))}` keeps them", err=True)
    # a codebook keeps its texts as written, for importing again; an example quoted from an interview
    # ("zit op zes locaties") left with the count the other exports replace, unsaid
    _texts_with_names(ws, [t for c in ws.codebook() for t in (c.label, c.definition, c.when_to_use, c.when_not_to_use,
                                                              *(c.examples or ()), *(c.keywords or ())) if t],
                      "codebook texts (labels, definitions, examples, keywords)",
                      "keep this file within the team, or change those texts with `sto-qual code-edit`")


@cli.command("code-add")
@_project_option
@click.argument("path")
@click.option("--colour", default=None)
@click.option("--definition", default="")
@click.option("--label", default=None)
@click.option("--label-en", default=None,
              help="Its label in the English chapter (without one: the Dutch, marked [nl]).")
@click.option("--keyword", "keywords", multiple=True, help="Its keywords (repeatable; \"a, b\" is two).")
@_coder_option
def code_add(project, path, colour, definition, label, label_en, keywords, coder) -> None:
    """Add a code, e.g. urgentie/huisvesting."""
    words = _keywords(keywords, new=True)
    ws = _open(project)
    c = ws.add_code(path, colour=colour, definition=definition, label=label, coder=coder)
    if c.path != path.strip().strip("/"):
        click.echo(f"warning: '{path}' is not a code path of lowercase slugs; added as '{c.path}'"
                   + (f" with the label '{c.label}'" if c.label and not label else ""), err=True)
    more = {k: v for k, v in (("keywords", words), ("label_en", label_en)) if v}
    if more:  # (a second call of code-edit was needed)
        ws.edit_code(c.path, coder=coder, **more)
    click.echo(f"Added {c.path}")
    _warn_common(c.path, words)
    codes = ws.codebook()
    if (other := label_shared(c.path, c.label, codes)):  # two facets of one name in the chapter (code-edit said so)
        click.echo(f"warning: {same_label_warning(c.label, other)}", err=True)
    near = near_code(c.path, [(x.path, x.name, x.label) for x in codes])
    if near:  # a typo or a copy of a code there is (no coder, role or attribute typo passed unsaid)
        click.echo(f"warning: {c.path} is close to the code {near} ('{ws.code(near).label}'); if you meant that "
                   f"one, `sto-qual code-delete {c.path}` takes this one back", err=True)


_OPTIONS = (("label", "--label"), ("label_en", "--label-en"), ("colour", "--colour"), ("definition", "--definition"),
            ("when_to_use", "--when-to-use"), ("when_not_to_use", "--when-not-to-use"), ("topic", "--topic"),
            ("topic_en", "--topic-en"), ("summary", "--summary"), ("summary_en", "--summary-en"))


def _spec_of(ws, path: str):
    """A code as a codebook file holds it (its topics too)."""
    return next(c for c in ws.codebook_service.specs().codes if c.path == path)


def _put_back(before, after, fields: dict[str, Any]) -> list[tuple[str, str | None]]:
    """(option, old value) of what an edit changed; a list that was empty before, keywords or
    examples, is given back by its --no- flag (value None)."""
    out: list[tuple[str, str | None]] = [
        (opt, getattr(before, key) or "") for key, opt in _OPTIONS
        if key in fields and (getattr(before, key) or "") != (getattr(after, key) or "")]
    for key, opt in (("keywords", "--keyword"), ("examples", "--example")):
        old = tuple(getattr(before, key) or ())
        if key in fields and old != tuple(getattr(after, key) or ()):
            out += [(opt, v) for v in old] if old else [(f"--no-{key}", None)]
    return out


def _as_option(option: str, value: str | None) -> str:
    return option if value is None else f"{option} {shlex.quote(value)}"


def _keywords(given: tuple[str, ...], new: bool = False) -> list[str]:
    """--keyword values: "eiland, techniek" is two keywords, as in a codebook file."""
    words = [k.strip() for one in given for k in one.split(",") if k.strip()]
    if given and not words:  # `--keyword " "` removed every keyword unsaid
        raise click.UsageError("--keyword gives no keyword (only spaces or commas)" + (
            "; leave it out, or give a word" if new else "; to keep the keywords, leave it out"))
    return words


def _warn_common(path: str, words: list[str]) -> None:
    """The warning for keywords nearly every sentence holds."""
    if words:
        from sto_qual.domain.keywords import common_keywords_warning
        said = common_keywords_warning(path, words)
        if said:
            click.echo(f"warning: {said}", err=True)


def _set_phrases(synthesis, path: str, phrases: dict[str, str], coder: str | None) -> None:
    """Set a code's summary phrases (``summary``, ``summary_en``), kept with the synthesis's fields that
    the next draft's lead sentence reads, its contrasts as they are; and say what of the chapter
    takes them when (a page mixed both wordings: the differences took it, the lead did not)."""
    now = synthesis.code_fields(path)
    synthesis.set_code_fields(path, phrases.get("summary", now["summary"]), now["contrasts"], coder=coder,
                              summary_en=phrases.get("summary_en"))
    top = path.split("/")[0]
    stored = synthesis.stored_theme_status(top)
    if stored == "reviewed":  # (`summary draft` refuses a reviewed theme: the note's command failed as run)
        click.echo(f"note: the chapter's differences say the new phrase at once; the other sentences of {top}'s "
                   f"reviewed summary keep their words, and `sto-qual summary clear --theme {top}` then "
                   f"`sto-qual summary draft --theme {top}` draft them anew, the review with them (undo brings it "
                   "back)", err=True)
    elif stored != "empty" and "summary" in phrases:  # (the English sentences are worded from it at once)
        click.echo(f"note: the chapter's differences say the new phrase at once; its theme's stored sentences "
                   f"keep theirs until `sto-qual summary draft --theme {top}` drafts them again (sentences you "
                   "reviewed stay)", err=True)


@cli.command("code-edit")
@_project_option
@click.argument("code")
@click.option("--label", default=None)
@click.option("--label-en", default=None, help="The label the English chapter prints (without one: the Dutch label, "
              "marked [nl]); \"\" clears it.")
@click.option("--colour", default=None)
@click.option("--definition", default=None)
@click.option("--when-to-use", default=None)
@click.option("--when-not-to-use", default=None)
@click.option("--keyword", "keywords", multiple=True, help="Replace the keywords (repeatable).")
@click.option("--example", "examples", multiple=True, help="Replace the examples (repeatable).")
@click.option("--no-keywords", is_flag=True, help="Remove every keyword (the suggestions stop matching them).")
@click.option("--no-examples", is_flag=True, help="Remove every example.")
@click.option("--topic", default=None,
              help="The noun phrase a theme's lead names the code by (\"de belemmeringen voor de regierol\"); "
                   "\"\" clears it.")
@click.option("--topic-en", default=None, help="The same in English (\"the obstacles to the lead role\").")
@click.option("--summary", default=None, help="What the regions say, read after \"In de meeste regio's …\" "
              "(\"noemt men het tekort aan (technische) docenten\"); without one the chapter names the code by its "
              "label in quote marks; \"\" clears it.")
@click.option("--summary-en", default=None, help="The same in English, read after \"In most regions,\".")
@_coder_option
def code_edit(project, code, label, label_en, colour, definition, when_to_use, when_not_to_use, keywords, examples,
              no_keywords, no_examples, topic, topic_en, summary, summary_en, coder) -> None:
    """Edit a code's label (English too), colour, definition, criteria, keywords, examples, topics or summary
    phrases."""
    fields = {k: v for k, v in {"label": label, "label_en": label_en, "colour": colour, "definition": definition,
                                "when_to_use": when_to_use, "when_not_to_use": when_not_to_use,
                                "topic": topic, "topic_en": topic_en}.items()
              if v is not None}
    for given, none, key in ((keywords, no_keywords, "keywords"), (examples, no_examples, "examples")):
        if given and none:
            raise click.UsageError(f"--{key[:-1]} and --no-{key} contradict each other; give one of them")
        if given or none:
            fields[key] = [] if none else _keywords(given) if key == "keywords" else list(given)
    phrases = {k: v for k, v in (("summary", summary), ("summary_en", summary_en)) if v is not None}
    if not fields and not phrases:
        raise click.UsageError("nothing to change; give at least one option")
    ws = _open(project)
    before = _spec_of(ws, ws.code(code).path)
    c = ws.edit_code(code, coder=coder, **fields) if fields else ws.code(code)
    if phrases:
        _set_phrases(ws.synthesis(), c.path, phrases, coder)
        fields.update(phrases)
    back = _put_back(before, _spec_of(ws, c.path), fields)
    # ("Updated" of `--no-keywords` on a code that had none read as if something had changed)
    click.echo(f"Updated {c.path}" if back else f"Unchanged {c.path}: it has those values already")
    if back and not any(v and ("`" in v or "\n" in v) for _o, v in back):  # no undo step, the old text shown nowhere
        click.echo(f"note: a code-edit is no undo step; `sto-qual code-edit {c.path} "
                   f"{' '.join(_as_option(o, v) for o, v in back)}` puts back what it changed", err=True)
    elif back:  # (a backtick or a line break in a value broke the command the note gave)
        click.echo("note: a code-edit is no undo step; what it changed was:", err=True)
        for option, value in back:
            click.echo(f"  {option}" if value is None else f"  {option}: " + value.replace("\n", "\n    "), err=True)
    if "label" in fields and (other := label_shared(c.path, c.label, ws.codebook())):
        click.echo(f"warning: {same_label_warning(c.label, other)}", err=True)
    _warn_common(c.path, fields.get("keywords", []))


@cli.command("code-rename")
@_project_option
@click.argument("code")
@click.argument("new_name")
@_coder_option
def code_rename(project, code, new_name, coder) -> None:
    """Rename a code (its sub-codes and codings follow; a label made from its name follows it too)."""
    ws = _open(project)
    before = ws.code(code).label
    path = ws.rename_code(code, new_name, coder)
    click.echo(f"Renamed to {path}")
    after = ws.code(path).label
    if after != before:  # the chapter's heading changed with it, unsaid
        click.echo(f"note: its label, made from its name, follows it: '{before}' -> '{after}' (the chapter's heading); "
                   f"`sto-qual code-edit {path} --label {shlex.quote(before)}` keeps the old one", err=True)


@cli.command("code-move")
@_project_option
@click.argument("code")
@click.option("--under", "parent", default=None, help="New parent code (omit for top level).")
@_coder_option
def code_move(project, code, parent, coder) -> None:
    """Move a code under another parent."""
    click.echo(f"Moved to {_open(project).move_code(code, parent, coder)}")


@cli.command("code-merge")
@_project_option
@click.argument("source")
@click.argument("target")
@_coder_option
def code_merge(project, source, target, coder) -> None:
    """Merge SOURCE into TARGET: its codings follow, SOURCE is removed (a backup is made first)."""
    n, backup, joined = _open(project).merge_codes_backed_up(source, target, coder)
    click.echo(f"Merged {source} into {target}: {n} coding(s) moved"
               + (f", {joined} of them joined with a coding of the same passage (one coding now)" if joined else ""))
    # undo does not take a merge back (it took back the step before it, unsaid): the backup does
    click.echo(f"backup before the merge: {backup} ({restore_command(backup, project)} returns the project to before "
               "the merge; undo does not take a merge back)")


@cli.command("code-delete")
@_project_option
@click.argument("code")
@click.option("--force", is_flag=True, help="Also delete the code's codings (a backup is made first).")
@_coder_option
def code_delete(project, code, force, coder) -> None:
    """Delete a code and its sub-codes (refused while codings exist unless --force)."""
    from sto_qual.domain.text import plural
    n, backup = _open(project).delete_code_backed_up(code, force=force, coder=coder)
    click.echo(f"Deleted {code}" + (f" and {plural(n, 'coding')}" if n else ""))
    if backup is not None:  # as merge names its backup: where the codings are, and how they come back
        click.echo(f"backup before the delete: {backup} ({restore_command(backup, project)} returns the project to "
                   "before the delete)")
