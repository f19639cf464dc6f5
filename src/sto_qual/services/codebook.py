"""Codebook use cases: read the codes, apply a codebook file, add, edit, rename, move,
merge and delete codes, export the codebook.

Contract: every change is audited under the resolved coder; merging and force-deleting a
code with codings first take an automatic backup; a refused change (bad slug, colour,
missing parent) raises ``CodebookError`` and changes nothing. Codes missing from an
imported file are reported, never deleted.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from sto_qual.domain.codebook import is_colour, is_within, next_colour
from sto_qual.domain.controls import check_name, strip_controls
from sto_qual.domain.errors import CodebookError
from sto_qual.domain.model import Code, Codebook, CodeSpec
from sto_qual.domain.names import derive_name, did_you_mean, is_slug
from sto_qual.services.session import Session, atomic_write_text

BUNDLED_CODEBOOK = Path(__file__).resolve().parent.parent / "data" / "sto.yaml"


def read_codebook_file(path: str | Path) -> Codebook:
    """A codebook file, YAML or REFI-QDA .qdc, parsed and checked."""
    path = Path(path)
    if path.suffix.lower() == ".qdpx":
        raise CodebookError(f"{path}: a REFI-QDA project, not a codebook file",
                            hint=f"import the whole project with `sto-qual import {path}`, or give its codebook (.qdc)")
    if path.suffix.lower() == ".qdc":
        from sto_qual.importers.refi import parse_qdc
        return parse_qdc(path)
    from sto_qual.importers.codebook_yaml import parse_codebook_file
    return parse_codebook_file(path)


class CodebookService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.store = session.store

    # ----------------------------------------------------------------- reads
    def codes(self) -> list[Code]:
        return self.store.codes.tree()

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
        from sto_qual.store.summaries import SummaryStore
        sums = SummaryStore(self.store)
        extra, english = sums.code_fields(), sums.code_summaries_en()
        all_codes = self.store.codes.tree()
        paths = {c.id: c.path for c in all_codes}
        codes = tuple(CodeSpec(path=c.path, name=c.name, parent=c.parent, colour=c.colour, label=c.label,
                               definition=c.definition, when_to_use=c.when_to_use,
                               when_not_to_use=c.when_not_to_use, examples=c.examples, keywords=c.keywords,
                               summary=extra.get(c.id, ("", ()))[0],
                               contrasts=tuple(paths[i] for i in extra.get(c.id, ("", ()))[1] if i in paths),
                               label_en=c.label_en, summary_en=english.get(c.id, ""))
                      for c in all_codes)
        return Codebook(title=self.title(), codes=codes)

    # -------------------------------------------------------------- files
    def apply(self, cb: Codebook) -> dict[str, list[str]]:
        """Add the codes of ``cb`` or update their definitions (one transaction)."""
        report: dict[str, list[str]] = {"added": [], "updated": [], "unchanged": [], "not_in_file": []}
        positions: dict[str | None, int] = {}
        from sto_qual.store.summaries import SummaryStore
        synthesis = SummaryStore(self.store)
        yaml_source = (cb.source or "").lower().endswith((".yaml", ".yml"))
        with self.store.transaction():
            for spec in cb.codes:
                pos = positions.get(spec.parent, 0) + 1
                positions[spec.parent] = pos
                code_id, what = self.store.codes.upsert(spec, pos)
                report[what].append(spec.path)
            # a .qdc has no synthesis fields (keep ours); a YAML codebook says them all. After
            # every code exists: a contrast may name a code further down the file.
            for spec in cb.codes:
                if yaml_source or spec.summary or spec.contrasts:
                    others = [self.store.codes.find(p).id for p in spec.contrasts]
                    code_id = self.store.codes.find(spec.path).id
                    changed = synthesis.set_code_fields(code_id, spec.summary, others)
                    if yaml_source or spec.summary_en:  # the English phrase too ("" in a file without it)
                        changed = synthesis.set_code_summary_en(code_id, spec.summary_en) or changed
                    if changed and spec.path in report["unchanged"]:
                        report["unchanged"].remove(spec.path)
                        report["updated"].append(spec.path)
        in_file = {s.path for s in cb.codes}
        report["not_in_file"] = [c.path for c in self.store.codes.tree() if c.path not in in_file]
        return report

    def import_file(self, path: str | Path) -> dict[str, list[str]]:
        """Update the project's codebook from a file (YAML or REFI-QDA .qdc): codes are added
        or their definitions updated; codes missing from the file are reported, never deleted."""
        cb = read_codebook_file(path)
        report = self.apply(cb)
        report["warnings"] = list(cb.warnings)
        return report

    def export(self, out: str | Path) -> Path:
        out = Path(out)
        if out.suffix.lower() not in (".qdc", ".yaml", ".yml"):
            raise CodebookError(f"cannot write a codebook to '{out.name}'", hint="use .yaml (or .yml) or REFI-QDA .qdc")
        if out.suffix.lower() == ".qdc":
            from sto_qual.report.refi import write_qdc
            write_qdc(self.specs(), self.session.coder_names(), out)
        else:
            from sto_qual.report.codebook_yaml import dump_codebook
            atomic_write_text(out, dump_codebook(self.specs()))
        return out

    # ------------------------------------------------------------- changes
    def add(self, path: str, *, colour: str | None = None, definition: str = "",
            label: str | None = None, coder: str | None = None) -> Code:
        given = path.strip().strip("/")
        # a name like 'Kwaliteit zorg' becomes its slug; the original name becomes the label
        derived = [derive_name(p) for p in given.split("/")]
        parts = [d for d, _ in derived]
        path = "/".join(parts)
        if not all(is_slug(p) for p in parts):
            raise CodebookError(f"code path '{given}': each part needs letters or digits",
                                hint="code names are lowercase slugs (a-z, 0-9, -); a/b makes b a sub-code of a")
        if derived[-1][1] and label is None:
            label = given.split("/")[-1].strip()
        parent = "/".join(parts[:-1]) or None
        existing = {c.path: c for c in self.store.codes.tree()}
        if path in existing:
            raise CodebookError(f"code '{path}' already exists")
        if parent and parent not in existing:
            hint = did_you_mean(parent, ((c.path, c.name, c.label) for c in existing.values()))
            raise CodebookError(f"parent '{parent}' does not exist", hint=hint or "add the parent code first")
        if colour and not is_colour(colour):
            raise CodebookError(f"bad colour {colour!r}", hint="write it as #rrggbb")
        siblings = [c for c in existing.values() if c.parent == parent]
        label, definition = check_name(label, "the code label"), strip_controls(definition)
        spec = CodeSpec(path=path, name=parts[-1], parent=parent,
                        colour=(colour or (existing[parent].colour if parent else next_colour(len(siblings)))).lower(),
                        label=label, definition=definition)
        self.store.codes.upsert(spec, len(siblings) + 1, coder=self.session.resolve_coder(coder))
        return self.store.codes.find(path)

    def edit(self, ref: str, coder: str | None = None, **fields: Any) -> Code:
        code = self.code(ref)
        if "colour" in fields and not is_colour(str(fields["colour"])):
            raise CodebookError(f"bad colour {fields['colour']!r}", hint="write it as #rrggbb")
        fields = _clean_code_fields(fields)
        self.store.codes.update_fields(code.id, fields, coder=self.session.resolve_coder(coder))
        return self.store.codes.by_id(code.id)

    def rename(self, ref: str, new_name: str, coder: str | None = None) -> str:
        if "/" in new_name.strip("/"):
            raise CodebookError(f"'{new_name}' is a path; code-rename takes the new name only",
                                hint="to put a code under another parent, use code-move")
        if not is_slug(new_name):
            raise CodebookError(f"code name '{new_name}' must be a lowercase slug (a-z, 0-9, -)")
        return self.store.codes.rename(self.code(ref), new_name, coder=self.session.resolve_coder(coder))

    def move(self, ref: str, new_parent: str | None, coder: str | None = None) -> str:
        parent = self.code(new_parent) if new_parent else None
        return self.store.codes.move(self.code(ref), parent, coder=self.session.resolve_coder(coder))

    def merge(self, source: str, target: str, coder: str | None = None) -> int:
        src, dst = self.code(source), self.code(target)
        self.store.file.auto_backup("pre-merge")
        return self.store.codes.merge(src, dst, coder=self.session.resolve_coder(coder))

    def delete(self, ref: str, force: bool = False, coder: str | None = None) -> int:
        code = self.code(ref)
        if force and self.store.codes.coding_counts().get(code.id):
            self.store.file.auto_backup("pre-delete")
        return self.store.codes.delete(code, force=force, coder=self.session.resolve_coder(coder))


def _clean_code_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Code fields typed by a user: names refused with a control character, long texts stripped."""
    out = dict(fields)
    for key in ("label", "colour"):
        if isinstance(out.get(key), str):
            check_name(out[key], f"the code {key}")
    for key in ("definition", "when_to_use", "when_not_to_use"):
        if isinstance(out.get(key), str):
            out[key] = strip_controls(out[key])
    if out.get("keywords"):
        out["keywords"] = [check_name(k, "a keyword") for k in out["keywords"]]
    if out.get("examples"):
        out["examples"] = [strip_controls(x) for x in out["examples"]]
    return out
