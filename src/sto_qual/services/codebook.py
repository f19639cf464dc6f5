"""Codebook use cases: read the codes, apply a codebook file, add, edit, rename, move,
merge and delete codes, export the codebook.

Contract: every change is audited under the resolved coder; merging and force-deleting a
code with codings first take an automatic backup; a refused change (bad slug, colour,
missing parent) raises ``CodebookError`` and changes nothing. Codes missing from an
imported file are reported, never deleted; of a code that exists, a file changes only the
fields it gives (a .qdc: name, description, colour; a YAML entry: the keys it has) and the
order of the siblings it lists, so re-importing the project's own export changes nothing.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from sto_qual.domain.codebook import (SYNTHESIS_FIELDS, check_code_texts, given_fields, import_positions, is_colour,
                                      is_within, kept_fields, label_shared, names_the_one_here, next_colour,
                                      old_theme_shade, renamed_by_file, same_label_warning, slug_label, sub_colour)
from sto_qual.domain.controls import check_name, strip_controls
from sto_qual.domain.keywords import common_keywords_warning, keyword_problem, known_contexts
from sto_qual.domain.errors import CodebookError
from sto_qual.domain.model import Code, Codebook, CodeSpec
from sto_qual.domain.names import derive_name, did_you_mean, is_slug
from sto_qual.services.session import Session, atomic_write_text
from sto_qual.store.connection import remove_database_files

BUNDLED_CODEBOOK = Path(__file__).resolve().parent.parent / "data" / "sto.yaml"
# a code's fields a codebook file may give: in the codes table, and the synthesis fields
# the synthesis fields ``edit`` (code-edit, the Codebook screen's form) changes with the others
TOPIC_FIELDS = ("topic", "topic_en")


def read_codebook_file(path: str | Path, project_ok: bool = False) -> Codebook:
    """A codebook file, YAML or REFI-QDA .qdc, parsed and checked; with ``project_ok`` (a new
    project) also the codebook of a REFI-QDA project (.qdpx), whose codings `import` then brings:
    a project started for another tool's work held the 24 STO codes beside its own."""
    path = Path(path)
    if path.suffix.lower() in (".db", ".sqlite", ".sqlite3"):  # it was read as a transcript: "binary data, not text"
        raise CodebookError(f"{path}: a project, not a codebook file",
                            hint=f"`sto-qual codebook-export -p {path} -o codeboek.yaml` writes its codebook to "
                                 "a file to give here")
    if path.suffix.lower() == ".qdpx" and project_ok:
        from sto_qual.importers.refi import parse_qdpx
        from sto_qual.importers.refi_codebook import with_colours
        parsed = parse_qdpx(path)
        if not parsed.codes:
            raise CodebookError(f"{path}: the REFI-QDA project has no codes", hint="start with the STO codebook "
                                "(leave out --codebook) or give a codebook file")
        cb = Codebook(title=parsed.name or path.stem, codes=tuple(with_colours(list(parsed.codes))), source=str(path),
                      warnings=parsed.warnings)
        check_code_texts(cb, path)
        return cb
    if path.suffix.lower() == ".qdpx":
        raise CodebookError(f"{path}: a REFI-QDA project, not a codebook file",
                            hint=f"import the whole project with `sto-qual import {path}`, or give its codebook (.qdc)")
    if path.suffix.lower() == ".qdc":
        from sto_qual.importers.refi import parse_qdc
        cb = parse_qdc(path)
    else:
        from sto_qual.importers.codebook_yaml import parse_codebook_file
        cb = parse_codebook_file(path)
    check_code_texts(cb, path)
    return cb


class Merged(NamedTuple):
    """What a code-merge did: codings moved, the backup made first, codings joined with another."""
    moved: int
    backup: Path | None
    joined: int


class CodebookService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.store = session.store

    # ----------------------------------------------------------------- reads
    def codes(self) -> list[Code]:
        return self.store.codes.tree()

    def counts(self, coder: str | None = None) -> dict[str, int]:
        """Code path -> its own codings (not its sub-codes'), of ``coder`` or of every coder."""
        cid = None
        if coder is not None:
            cid = self.store.coders.by_name(coder)
            if cid is None:
                return {}
        by_id = self.store.codes.coding_counts(coder_id=cid)
        return {c.path: by_id.get(c.id, 0) for c in self.store.codes.tree(with_counts=False)}

    def code(self, ref: str) -> Code:
        """The code by path or unambiguous name, with its number of codings."""
        c = self.store.codes.find(ref)
        return replace(c, codings=self.store.codes.coding_count(c.id))

    def subtree_ids(self, ref: str, include_subcodes: bool = True) -> list[int]:
        """Ids of the code ``ref`` and (``include_subcodes``) every code under it."""
        c = self.store.codes.find(ref)
        return [x.id for x in self.store.codes.tree(with_counts=False)
                if x.path == c.path or (include_subcodes and is_within(x.path, c.path))]

    def title(self) -> str:
        return self.store.settings.get("codebook_title") or "Codebook"

    def specs(self) -> Codebook:
        """The codebook as a file would hold it (with the synthesis fields)."""
        sums = self.store.summaries
        extra, english, topics = sums.code_fields(), sums.code_summaries_en(), sums.code_topics()
        all_codes = self.store.codes.tree()
        paths = {c.id: c.path for c in all_codes}
        codes = tuple(CodeSpec(path=c.path, name=c.name, parent=c.parent, colour=c.colour, label=c.label,
                               definition=c.definition, when_to_use=c.when_to_use,
                               when_not_to_use=c.when_not_to_use, examples=c.examples, keywords=c.keywords,
                               summary=extra.get(c.id, ("", ()))[0],
                               contrasts=tuple(paths[i] for i in extra.get(c.id, ("", ()))[1] if i in paths),
                               label_en=c.label_en, summary_en=english.get(c.id, ""),
                               topic=topics.get(c.id, ("", ""))[0], topic_en=topics.get(c.id, ("", ""))[1])
                      for c in all_codes)
        return Codebook(title=self.title(), codes=codes)

    # -------------------------------------------------------------- files
    def apply(self, cb: Codebook, coder: str | None = None) -> dict[str, list[str]]:
        """Add the codes of ``cb`` and update the fields it gives of the codes that exist, in
        one transaction; every other field is kept (see ``domain.codebook.kept_fields`` and ``import_positions``)."""
        report: dict[str, list[str]] = {"added": [], "updated": [], "unchanged": [], "not_in_file": [], "stale": []}
        synthesis = self.store.summaries
        with self.store.transaction():
            existing = {c.path: c for c in self.store.codes.tree(with_counts=False)}
            cb, report["stale"] = self._without_stale(cb, existing)
            for spec in cb.codes:  # a keyword's "@ code" is a code of the file or of the project
                try:
                    known_contexts(spec.keywords, {*existing, *(x.path for x in cb.codes)}, spec.path)
                except CodebookError as exc:  # said at the code's line of the file
                    exc.file, exc.line = exc.file or cb.source, exc.line or getattr(spec, "line", None)
                    raise
            positions, others = import_positions(cb.codes, existing)
            self.store.codes.reposition(others)
            colours: dict[str, str] = {}
            for spec in cb.codes:
                spec = kept_fields(spec, existing.get(spec.path), colours, existing)
                colours[spec.path] = spec.colour
                _, what = self.store.codes.upsert(spec, positions[spec.path], coder=coder)
                report[what].append(spec.path)
            # after every code exists: a contrast may name a code further down the file
            stored, english, topics = synthesis.code_fields(), synthesis.code_summaries_en(), synthesis.code_topics()
            for spec in cb.codes:
                given = given_fields(spec)
                if not given & set(SYNTHESIS_FIELDS):
                    continue
                code_id = self.store.codes.find(spec.path).id
                summary, contrasts = stored.get(code_id, ("", ()))
                new_summary = spec.summary if "summary" in given else summary
                new_contrasts = (tuple(self.store.codes.find(p).id for p in spec.contrasts)
                                 if "contrasts" in given else tuple(contrasts))
                changed = [k for k, a, b in (("summary", summary or "", new_summary or ""),
                                             ("contrasts", tuple(contrasts), new_contrasts)) if a != b]
                if changed:
                    synthesis.set_code_fields(code_id, new_summary, new_contrasts)
                if "summary_en" in given and (english.get(code_id) or "") != (spec.summary_en or ""):
                    synthesis.set_code_summary_en(code_id, spec.summary_en)
                    changed.append("summary_en")
                old_topics = topics.get(code_id, ("", ""))
                new_topics = tuple(getattr(spec, k) or "" if k in given else old
                                   for k, old in zip(TOPIC_FIELDS, old_topics))
                if synthesis.set_code_topics(code_id, *new_topics):
                    changed += [k for k, a, b in zip(TOPIC_FIELDS, old_topics, new_topics) if a != b]
                if changed and spec.path not in report["added"]:
                    self.store.audit.record("update", "code", code_id, coder, {"path": spec.path, "fields": changed})
                    if spec.path in report["unchanged"]:
                        report["unchanged"].remove(spec.path)
                        report["updated"].append(spec.path)
        in_file = {s.path for s in cb.codes}
        report["not_in_file"] = [c.path for c in self.store.codes.tree() if c.path not in in_file]
        report["renamed"] = renamed_by_file(self.store.codes.tree(), self.store.codes.coding_counts(), report["added"],
                                            report["not_in_file"])
        return report

    def _without_stale(self, cb: Codebook, existing: dict[str, Code]) -> tuple[Codebook, list[str]]:
        """The file's codes less those renamed, moved or merged here since (and their sub-codes),
        with what to say of each: a copy of the codebook exported before a rename brought the old
        code back beside the new one, empty, unsaid (its codings had followed the rename)."""
        said: list[str] = []
        gone: set[str] = set()
        file = Path(cb.source).name if cb.source else "the file"
        for spec in cb.codes:  # (parents come before their sub-codes in a file)
            if spec.parent in gone:
                gone.add(spec.path)
                continue
            # the code the file names by this path went elsewhere; a code that exists under the path now is
            # another one, given the name since (its codings took the file's label, definition and colour)
            now = self.store.codes.renamed_to(spec.path)
            if now is not None and now != spec.path and not names_the_one_here(spec, existing, now):
                gone.add(spec.path)
                held = sum(1 for c in cb.codes if is_within(c.path, spec.path)) - 1
                said.append(f"code '{spec.path}' of {file} is '{now}' here (renamed, moved or merged since, its "
                            "codings with it)" + (f", and '{spec.path}' is another code now" if spec.path in existing
                                                  else "") + ": neither added again nor changed by the file"
                            + (f", nor its {held} sub-code{'s' if held != 1 else ''} there" if held else "")
                            + f"; to change it from the file, write {now} there")
        if not gone:
            return cb, said
        return replace(cb, codes=tuple(c for c in cb.codes if c.path not in gone)), said

    def import_file(self, path: str | Path, coder: str | None = None) -> dict[str, list[str]]:
        """Update the project's codebook from a file (YAML or REFI-QDA .qdc): codes are added,
        the fields the file gives of existing codes updated (the others kept); codes missing
        from the file are reported, never deleted. Audited under the resolved coder."""
        cb = read_codebook_file(path)
        coder = self.session.resolve_coder(coder)
        # an import is no undo step: a backup first, kept when it changed something (a colleague's
        # stale copy, a wrong definition pasted over the right one: there was no way back)
        made = self.store.file.auto_backup("pre-codebook")
        with _backup_kept_on_success(made):
            report = self.apply(cb, coder=coder)
        if made is not None and not (report["added"] or report["updated"]):
            remove_database_files(made)
            made = None
        report["backup"] = str(made) if made else None
        tree = self.store.codes.tree(with_counts=False)
        # a label the file gives one code that another shows too (a code-edit said so, an import did not)
        alike: dict[frozenset[str], str] = {}  # a pair once, both of its codes in the file or not
        # (a pair the rename warning names too is said here as well: a file of a few codes beside the
        # project's may rename one, or give a new code another's label by mistake)
        for c in tree:
            other = label_shared(c.path, c.label, tree) if c.path in {*report["added"], *report["updated"]} else None
            if other:
                alike.setdefault(frozenset((c.path, other)), same_label_warning(c.label, other))
        report["warnings"] = list(cb.warnings) + report.pop("stale") + list(alike.values()) + [
            w for w in (common_keywords_warning(s.path, s.keywords) for s in cb.codes) if w]
        return report

    def export(self, out: str | Path, force: bool = False) -> Path:
        """Write the codebook; a YAML file there that was edited since it was written (a codebook
        kept by hand), or that this program did not write, is replaced only with ``force``."""
        out = Path(out)
        if out.suffix.lower() not in (".qdc", ".yaml", ".yml"):
            raise CodebookError(f"cannot write a codebook to '{out.name}'", hint="use .yaml (or .yml) or REFI-QDA .qdc")
        from sto_qual.report.files import refuse_replacing, stamped_text
        if not force:
            refuse_replacing(out)
        if out.suffix.lower() == ".qdc":
            from sto_qual.report.refi import write_qdc
            write_qdc(self.specs(), self.session.coder_names(), out)
        else:
            from sto_qual.report.codebook_yaml import dump_codebook
            atomic_write_text(out, stamped_text(dump_codebook(self.specs()), "yaml"))
        return out

    def qdc_leaves_out(self) -> list[str]:
        """What the codebook holds that a .qdc has no field for (its YAML keeps it): a data manager's
        English labels and the chapter's phrases went through .qdc and were gone, unsaid."""
        codes = self.specs().codes
        fields = (("label_en", "English labels"), ("summary", "summary phrases"), ("summary_en", "English summary "
                  "phrases"), ("topic", "topics"), ("topic_en", "English topics"), ("contrasts", "contrasts"))
        return [f"{words} ({sum(1 for c in codes if getattr(c, key))} codes)" for key, words in fields
                if any(getattr(c, key) for c in codes)]

    # ------------------------------------------------------------- changes
    def add(self, path: str, *, colour: str | None = None, definition: str = "",
            label: str | None = None, coder: str | None = None) -> Code:
        typed = path
        given = path.strip().strip("/")
        # a name like 'Kwaliteit zorg' becomes its slug; the original name becomes the label
        derived = [derive_name(p) for p in given.split("/")]
        parts = [d for d, _ in derived]
        path = "/".join(parts)
        if not all(is_slug(p) for p in parts):
            # which part: "[bold red]markup[/]" was refused for its "]" after the "/", unsaid
            bad = next((raw for raw, p in zip(given.split("/"), parts) if not is_slug(p)), "").strip()
            raise CodebookError(f"code path '{typed}': each part needs letters or digits" + (
                f" ('{bad}' has none, and '/' makes what follows it a sub-code)" if bad and "/" in given else ""),
                hint="code names are lowercase slugs (a-z, 0-9, -); a/b makes b a sub-code of a")
        if derived[-1][1] and label is None:
            label = given.split("/")[-1].strip()
        elif label is None:  # a slug typed as the name: labelled as the codebook's codes are ("Klein zijn")
            label = slug_label(parts[-1])
        parent = "/".join(parts[:-1]) or None
        existing = {c.path: c for c in self.store.codes.tree()}
        if path in existing:
            raise CodebookError(f"code '{path}' already exists")
        if parent and parent not in existing:
            hint = did_you_mean(parent, ((c.path, c.name, c.label) for c in existing.values()))
            for cut in range(1, len(parts)):  # "vmbo-in-the-lead/vmbo-in-the-lead/x": typed after the pre-filled path
                if parts[cut:2 * cut] == parts[:cut] and "/".join(parts[cut:-1]) in existing:
                    hint = (f"did you mean {'/'.join(parts[cut:])}? its parent's path is there twice, typed after "
                            "the path already given")
                    break
            raise CodebookError(f"parent '{parent}' does not exist", hint=hint or "add the parent code first")
        if colour and not is_colour(colour):
            raise CodebookError(f"bad colour {colour!r}", hint="write it as #rrggbb")
        siblings = [c for c in existing.values() if c.parent == parent]
        label, definition = check_name(label, "the code label"), strip_controls(definition)
        spec = CodeSpec(path=path, name=parts[-1], parent=parent,
                        colour=(colour or (sub_colour(existing[parent].colour, [c.colour for c in siblings]) if parent
                                           else next_colour(len(siblings)))).lower(),
                        label=label, definition=definition)
        self.store.codes.upsert(spec, len(siblings) + 1, coder=self.session.resolve_coder(coder))
        return self.store.codes.find(path)

    def edit(self, ref: str, coder: str | None = None, **fields: Any) -> Code:
        """Change the fields given of a code, in one transaction: those of the codes table and
        its topics (``topic``, ``topic_en``: noun phrases, whitespace collapsed; "" clears)."""
        code = self.code(ref)
        if "colour" in fields and not is_colour(str(fields["colour"])):
            raise CodebookError(f"bad colour {fields['colour']!r}", hint="write it as #rrggbb")
        fields = _clean_code_fields(fields)
        known_contexts(fields.get("keywords") or (), {c.path for c in self.store.codes.tree(with_counts=False)})
        topics = {k: fields.pop(k) for k in TOPIC_FIELDS if k in fields}
        who = self.session.resolve_coder(coder)
        with self.store.transaction():
            if fields:
                self.store.codes.update_fields(code.id, fields, coder=who)
            if topics:
                sums = self.store.summaries
                old = sums.code_topics().get(code.id, ("", ""))
                new = tuple(topics.get(k, o) for k, o in zip(TOPIC_FIELDS, old))
                if sums.set_code_topics(code.id, *new):
                    self.store.audit.record("update", "code", code.id, who,
                                            {"fields": [k for k, a, b in zip(TOPIC_FIELDS, old, new) if a != b]})
        return self.store.codes.by_id(code.id)

    def rename(self, ref: str, new_name: str, coder: str | None = None) -> str:
        if "/" in new_name.strip("/"):
            raise CodebookError(f"'{new_name}' is a path; code-rename takes the new name only",
                                hint="to put a code under another parent, use code-move")
        if not is_slug(new_name):
            raise CodebookError(f"code name '{new_name}' must be a lowercase slug (a-z, 0-9, -)")
        code, who = self.code(ref), self.session.resolve_coder(coder)
        with self.store.transaction():
            path = self.store.codes.rename(code, new_name, coder=who)
            if code.label == slug_label(code.name) and code.name != new_name:  # a label made from the name
                self.store.codes.update_fields(code.id, {"label": slug_label(new_name)}, coder=who)  # follows it
        return path

    def move(self, ref: str, new_parent: str | None, coder: str | None = None) -> str:
        """Move a code under another parent; a sub-code in a shade of its old theme takes one of its new theme's."""
        code, parent = self.code(ref), self.code(new_parent) if new_parent else None
        path = self.store.codes.move(code, parent, coder=self.session.resolve_coder(coder))
        old = self.code(code.parent) if code.parent else None
        if parent and old and old_theme_shade(code.colour, old.colour, parent.colour):
            taken = [c.colour for c in self.store.codes.tree(with_counts=False)
                     if c.parent == parent.path and c.id != code.id]
            self.store.codes.update_fields(code.id, {"colour": sub_colour(parent.colour, taken)},
                                           coder=self.session.resolve_coder(coder))
        return path

    def merge(self, source: str, target: str, coder: str | None = None) -> int:
        return self.merge_backed_up(source, target, coder).moved

    def merge_backed_up(self, source: str, target: str, coder: str | None = None) -> Merged:
        """Merge ``source`` into ``target``: the codings moved, the backup made first, and how many
        of the codings became one with another (said: "41 moved" hid that 5 were joined). A merge
        is no undo step: the backup is how it is taken back, named in its audit line."""
        src, dst = self.code(source), self.code(target)
        self.store.codes.check_merge(src, dst)  # a refused merge leaves no backup behind
        made = self.store.file.auto_backup("pre-merge")
        with _backup_kept_on_success(made):
            n, joined = self.store.codes.merge(src, dst, coder=self.session.resolve_coder(coder),
                                               words=self.session.words, backup=str(made))
        return Merged(n, made, joined)

    def delete(self, ref: str, force: bool = False, coder: str | None = None, expected: int | None = None) -> int:
        return self.delete_backed_up(ref, force, coder, expected)[0]

    def delete_backed_up(self, ref: str, force: bool = False, coder: str | None = None,
                         expected: int | None = None) -> tuple[int, Path | None]:
        """Delete a code and its sub-codes: (codings deleted with them, the backup made first, or
        None when no coding went). The backup is named in the audit line of the delete, so an
        undo of a coding that went with the code can say where it is."""
        code = self.code(ref)
        made = None
        if force and self.store.codes.coding_counts().get(code.id):
            made = self.store.file.auto_backup("pre-delete")
        with _backup_kept_on_success(made):
            n = self.store.codes.delete(code, force=force, coder=self.session.resolve_coder(coder),
                                        backup=None if made is None else str(made), expected=expected)
        return n, made


@contextmanager
def _backup_kept_on_success(made: Path | None) -> Iterator[None]:
    """The backup taken before a change is removed when the change fails (a read-only project,
    a full disk): nothing changed, and a copy of the unchanged project is only clutter."""
    try:
        yield
    except BaseException:
        if made is not None:
            remove_database_files(made)
        raise


def _clean_code_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Code fields typed by a user: names refused with a control character, long texts stripped."""
    out = dict(fields)
    if "label_en" in out:  # "" clears it: the English chapter prints the Dutch label, marked [nl]
        out["label_en"] = " ".join(str(out["label_en"] or "").split()) or None
    for key in ("label", "label_en", "colour"):
        if isinstance(out.get(key), str):
            check_name(out[key], f"the code {key}")
    for key in ("definition", "when_to_use", "when_not_to_use"):
        if isinstance(out.get(key), str):
            out[key] = strip_controls(out[key])
    for key in TOPIC_FIELDS:  # a phrase on one line, as the summary phrase
        if key in out:
            out[key] = " ".join(strip_controls(str(out[key] or "")).split())
    if out.get("keywords"):
        out["keywords"] = [check_name(k, "a keyword") for k in out["keywords"]]
        for k in out["keywords"]:  # as a codebook file's keyword is refused
            problem = keyword_problem(k)
            if problem is not None:
                raise CodebookError(f"keyword '{k}' {problem[0]}", hint=problem[1])
    if out.get("examples"):
        out["examples"] = [strip_controls(x) for x in out["examples"]]
    return out
