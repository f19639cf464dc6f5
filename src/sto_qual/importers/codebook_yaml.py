"""Codebook files (YAML, see README "Codebook file format") -> ``Codebook``.

Each code is a ``FileCodeSpec``: a ``CodeSpec`` that also says which fields the file gives
(``given``), so that importing it into a project changes only those and keeps the rest."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sto_qual.domain.codebook import contrast_refusal, is_colour
from sto_qual.domain.errors import CodebookError
from sto_qual.domain.keywords import keyword_problem
from sto_qual.domain.model import Codebook, CodeSpec
from sto_qual.domain.names import closest_name, derive_name, is_slug
from sto_qual.importers import safe_yaml
from sto_qual.importers.decode import decode, read_bytes

TOP_KEYS = {"codebook", "version", "language", "codes"}
CODE_KEYS = {"name", "label", "label_en", "colour", "color", "definition", "when_to_use", "when_not_to_use",
             "examples", "keywords", "codes", "parent", "summary", "summary_en", "topic", "topic_en",
             "contrasts"}
# the fields a person writes paragraphs in: a ' #' there is text, not a comment (after a label, a
# summary phrase or a topic a comment is as the README's own example writes one)
FREE_TEXT = frozenset({"definition", "when_to_use", "when_not_to_use", "examples"})
DEFAULT_COLOUR = "#7f8c8d"
# the fields of a code a codebook file can give (the path, parent and order aside)
FIELDS = ("label", "label_en", "colour", "definition", "when_to_use", "when_not_to_use", "examples", "keywords",
          "summary", "summary_en", "topic", "topic_en", "contrasts")


@dataclass(frozen=True, eq=False)
class FileCodeSpec(CodeSpec):
    """A code as a file gives it: ``given`` names the fields the file states (a YAML key that
    is present, even empty); the others hold defaults for a new code and are not meant for an
    existing one. ``given`` is about the file, not the code: it is left out of comparisons, so
    this equals a plain ``CodeSpec`` with the same fields."""
    given: frozenset[str] = field(default=frozenset(FIELDS), compare=False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CodeSpec):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(CodeSpec))

    __hash__ = CodeSpec.__hash__


def parse_codebook_file(path: str | Path) -> Codebook:
    path = Path(path)
    text = decode(read_bytes(path, limit=2 * 1024 * 1024), str(path))
    return parse_codebook(text, str(path))


def _meant(key: object, allowed: set[str] | frozenset[str]) -> str:
    """The hint for an unknown key: the one it mistypes ("defintion"), then every one allowed."""
    near = closest_name(str(key), allowed)
    return (f"did you mean '{near}'? " if near else "") + f"allowed: {', '.join(sorted(allowed))}"


def parse_codebook(text: str, name: str = "<codebook>") -> Codebook:
    data = safe_yaml.load(text, name, CodebookError, free_text=FREE_TEXT,
                          valued=FREE_TEXT | {"label", "label_en", "colour", "color", "summary", "summary_en", "topic",
                                              "topic_en", "name", "parent"})
    if not isinstance(data, dict):
        raise CodebookError("a codebook is a YAML mapping with 'codebook' and 'codes'", file=name, line=1)
    lines = data.get("__keylines__", {})
    for key in data:
        if key.startswith("__"):
            continue
        if key not in TOP_KEYS:
            raise CodebookError(f"unknown key '{key}'", file=name, line=lines.get(key),
                                hint=_meant(key, TOP_KEYS))
    if "codes" not in data or not isinstance(data["codes"], list) or not data["codes"]:
        raise CodebookError("the codebook needs a non-empty list 'codes'", file=name,
                            line=lines.get("codes", 1))
    version = data.get("version", 1)
    if version != 1:
        raise CodebookError(f"unsupported codebook version {version!r}", file=name, line=lines.get("version"),
                            hint="this sto_qual reads version 1")
    specs: list[CodeSpec] = []
    seen: dict[str, int] = {}
    warnings: list[str] = []

    def walk(items: Any, parent: str | None, parent_colour: str | None, line: int | None) -> None:
        if not isinstance(items, list):
            raise CodebookError("'codes' must be a list", file=name, line=line)
        for item in items:
            if not isinstance(item, dict):
                raise CodebookError("each code must be a mapping with at least 'name'", file=name, line=line)
            ln = item.get("__line__")
            kl = item.get("__keylines__", {})
            for key in item:
                if key.startswith("__"):
                    continue
                if key not in CODE_KEYS:
                    raise CodebookError(f"unknown key '{key}'", file=name, line=kl.get(key, ln),
                                        hint=_meant(key, CODE_KEYS - {"color"}))
            cname = item.get("name")
            original = None
            if isinstance(cname, (int, float)) and not isinstance(cname, bool):
                cname = str(cname)
            if isinstance(cname, str) and not is_slug(cname):
                # a name from another tool ('kwaliteit_zorg', 'Kwaliteit zorg'): its slug, the original as label
                original, (cname, _) = cname.strip(), derive_name(cname)
            raw = item.get("name")
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                raise CodebookError("a code without a 'name'", file=name, line=kl.get("name", ln),
                                    hint="give every code a name, e.g. 'name: docententekort'")
            if not isinstance(cname, str) or not is_slug(cname):
                raise CodebookError(f"code name {item.get('name')!r} has no letters or digits to make a code "
                                    "name from", file=name, line=kl.get("name", ln),
                                    hint="code names are lowercase slugs (a-z, 0-9, -)")
            if "parent" in item:
                # flat form: a code attached to a parent defined earlier in the file
                if parent is not None:
                    raise CodebookError(f"'parent' is only allowed on top-level entries (code '{cname}')",
                                        file=name, line=kl.get("parent", ln))
                wanted = "/".join(derive_name(x)[0] for x in str(item["parent"] or "").strip().strip("/").split("/"))
                if wanted not in seen:
                    raise CodebookError(f"parent '{wanted}' of code '{cname}' is not defined above it", file=name,
                                        line=kl.get("parent", ln), hint="define the parent first (cycles are impossible)")
                parent_of_item = wanted
                parent_colour_item = next(s.colour for s in specs if s.path == wanted)
            else:
                parent_of_item = parent
                parent_colour_item = parent_colour
            path = f"{parent_of_item}/{cname}" if parent_of_item else cname
            if path in seen:
                raise CodebookError(f"duplicate code '{path}' (first on line {seen[path]})", file=name,
                                    line=kl.get("name", ln))
            seen[path] = kl.get("name", ln) or 0
            colour = item.get("colour", item.get("color"))
            # a key present is given, even empty (it clears the field); an empty colour is not
            given = {k for k in FIELDS if k in item and k != "colour"} | ({"colour"} if colour is not None else set())
            if colour is None:
                colour = parent_colour_item or DEFAULT_COLOUR
            if not is_colour(colour):
                raise CodebookError(f"bad colour {colour!r} for code '{path}'", file=name,
                                    line=kl.get("colour", kl.get("color", ln)), hint="write it as \"#rrggbb\"")
            strings = {}
            for key in ("label", "label_en", "definition", "when_to_use", "when_not_to_use", "summary", "summary_en",
                        "topic", "topic_en"):
                value = item.get(key)
                if value is not None and not isinstance(value, (str, int, float)):
                    raise CodebookError(f"'{key}' of '{path}' must be text", file=name, line=kl.get(key, ln))
                strings[key] = None if value is None else str(value).strip()
            if original is not None:
                # its label: the name as written, an underscore a space (the chapter printed "‘bijspringen_met_geld’")
                spoken = " ".join(original.replace("_", " ").split())
                if not strings["label"]:
                    strings["label"] = spoken
                    given.add("label")  # the name gives it
                warnings.append(f"{name}:{kl.get('name', ln) or '?'}: code name '{original}' is not a slug; "
                                f"using '{cname}'" + ((" (the original name is its label)" if spoken == original else
                                                      f" (its label: '{spoken}')") if strings["label"] == spoken
                                                     else ""))
            lists = {}
            for key in ("examples", "keywords", "contrasts"):
                value = item.get(key) or []
                if isinstance(value, str):  # "keywords: vacatures, zij-instromers" means two keywords
                    value = value.split(",") if key != "examples" else [value]  # (an example is a sentence)
                if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
                    raise CodebookError(f"'{key}' of '{path}' must be a list of text", file=name,
                                        line=kl.get(key, ln))
                lists[key] = tuple(str(v).strip() for v in value if str(v).strip())
            for k in lists["keywords"]:
                problem = keyword_problem(k)
                if problem is not None:
                    raise CodebookError(f"keyword '{k}' of '{path}' {problem[0]}", file=name,
                                        line=kl.get("keywords", ln), hint=problem[1])
            specs.append(FileCodeSpec(path=path, name=cname, parent=parent_of_item, colour=colour.lower(),
                                  label=strings["label"], definition=strings["definition"] or "",
                                  when_to_use=strings["when_to_use"] or "",
                                  when_not_to_use=strings["when_not_to_use"] or "",
                                  examples=lists["examples"], keywords=lists["keywords"], line=ln,
                                  summary=strings["summary"] or "",
                                  contrasts=tuple(x.strip("/") for x in lists["contrasts"]),
                                  label_en=strings["label_en"] or None, summary_en=strings["summary_en"] or "",
                                  topic=strings["topic"] or "", topic_en=strings["topic_en"] or "",
                                  given=frozenset(given)))
            if "contrasts" in kl:
                contrast_lines[path] = kl["contrasts"]
            if "codes" in item and item["codes"] is not None:
                walk(item["codes"], path, colour.lower(), kl.get("codes", ln))

    contrast_lines: dict[str, int] = {}
    walk(data["codes"], None, None, lines.get("codes"))
    for spec in specs:  # contrasts name codes of this codebook (any order in the file)
        at = contrast_lines.get(spec.path, spec.line)  # the contrasts line, not the code's name line
        for other in spec.contrasts:
            if other not in seen or other == spec.path:
                raise CodebookError(f"contrast '{other}' of code '{spec.path}' is not another code of this codebook",
                                    file=name, line=at, hint=_contrast_hint(other, spec.path, list(seen)))
            why = contrast_refusal(spec.path, other)
            if why:
                raise CodebookError(why, file=name, line=at,
                                    hint="a contrast names an opposing code outside this one, e.g. "
                                         "vmbo-in-the-lead/gerealiseerd against vmbo-in-the-lead/op-papier")
    title = str(data.get("codebook") or Path(name).stem)
    return Codebook(title=title, codes=tuple(specs), language=str(data.get("language") or "nl"), source=name,
                    warnings=tuple(warnings))


def _contrast_hint(other: str, path: str, paths: list[str]) -> str:
    """What to write for a contrast that names no code: the code of this codebook it likely
    mistypes, by its whole path or its last part ("vmbo-trekken" for "vmbo-regie/vmbo-trekt"),
    else a full path of this codebook as the example (the bundled codebook's meant nothing here)."""
    others = [p for p in paths if p != path]
    near = closest_name(other, others) or next(
        (p for p in others if closest_name(other.rsplit("/", 1)[-1], [p.rsplit("/", 1)[-1]])), None)
    if near:
        return f"did you mean {near}? a contrast is written as the full code path"
    example = next((p for p in others if "/" in p), others[0] if others else "")
    return f"write the full code path, e.g. {example}" if example else "write the full code path"
