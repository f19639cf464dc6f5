"""The document filter (``--where region_type=stedelijk``), one rule for the CLI, the report
and the TUI.

A filter is a mapping key -> wanted value. A document matches when every key matches
(different keys: all of them):

* keys are attribute names (``region_type``, ``respondent_roles`` ...), compared without
  regard to case; ``doc`` (or ``name``) is the document's name;
* values compare case-insensitively, surrounding spaces ignored;
* ``a,b`` in the wanted value means any of them (``doc=R01,R02``), and so does the same key
  given twice (``--where doc=R01 --where doc=R02``: ``parse_where`` joins them);
* an attribute holding several values separated by ``;`` (``bestuurder; directeur``)
  matches when one of them does;
* a document without the attribute does not match;
* ``key!=a,b`` keeps the documents whose value is none of them, a document without the
  attribute included (it holds neither); ``parse_where`` keeps it as the key ``key!``;
* ``*`` stands for any value: ``key=*`` keeps the documents that have the attribute,
  ``key!=*`` the ones without it.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from sto_qual.domain.errors import StoQualError
from sto_qual.domain.names import closest_name, meant_name, short_for
from sto_qual.domain.text import iso_date, natural_key

NAME_KEYS = ("doc", "name")
NOT = "!"  # the key of ``key!=value`` ends in it
ANY = "*"  # a wanted value that any value matches


def split_key(key: str) -> tuple[str, bool]:
    """``"region_type!"`` -> ("region_type", True): the attribute a condition is on, and
    whether it keeps the documents that do *not* have the value (``key!=value``)."""
    k = key.strip()
    return (k[:-1].strip(), True) if k.endswith(NOT) else (k, False)


def condition_text(key: str, wanted: str) -> str:
    """A condition as it was typed: ``region_type=krimp``, ``region_type!=krimp``."""
    return f"{key.strip()}={wanted}"


def _kept_values(key: str, op: str, value: str, present: Iterable[str] = ()) -> str:
    """What to type instead of a comparison: of ``present`` (the attribute's values in the project) the
    ones it keeps, `school_boards=4,5,6,7,8,9,10,11` for `>3` (an example of three, 4,5,6, kept six
    interviews of eleven); without numbers there, two of its values; without values `>3` 4,5,6, `<3` 1,2."""
    present = [v.strip() for p in present for v in str(p).split(";") if v.strip()]
    numbers = {int(v) for v in present if v.isdigit()}
    if value.isdigit() and numbers:
        n = int(value)
        keeps = {">": n.__lt__, ">=": n.__le__, "<": n.__gt__, "<=": n.__ge__}[op]
        kept = sorted(v for v in numbers if keeps(v))
        return (f"give the values to keep: {key}={','.join(map(str, kept))} (this project's values {op} {value})"
                if kept else f"no interview here has {key} {op} {value} (its values run {min(numbers)}-{max(numbers)})")
    if present:
        return f"give the values to keep, e.g. {key}={','.join(sorted(set(present), key=natural_key)[:2])}"
    if not value.isdigit():
        return f"give the values to keep, e.g. {key}=a,b"
    n = int(value)
    first = {">": n + 1, ">=": n}.get(op)
    if first is not None:
        return f"give the values to keep, e.g. {key}=" + ",".join(str(first + i) for i in range(3))
    last = n - 1 if op == "<" else n
    return f"give the values to keep, e.g. {key}=" + (",".join(str(i) for i in range(max(last - 2, 0), last + 1))
                                                      if last >= 0 else "a,b")


def parse_where(pairs: list[str] | tuple[str, ...], values_of=lambda key: ()) -> dict[str, str]:
    """``["region_type=krimp"]`` -> ``{"region_type": "krimp"}``; raises ValueError on a pair
    without ``=`` or with an empty key or value. A key given again (in any case; ``doc`` and
    ``name`` are one key) adds its values to the first: ``region_type=a``, ``region_type=b`` ->
    ``{"region_type": "a,b"}`` (either), never the last one alone. ``values_of``: an attribute's values
    in the project, for the values a comparison (``school_boards>3``) would keep."""
    out: dict[str, str] = {}
    for p in pairs:
        k, eq, v = p.partition("=")
        compared = re.fullmatch(r"\s*([^<>=!:]+?)\s*(>=|<=|>|<|:)\s*(.+?)\s*", p) if not eq or k.endswith(("<", ">")) \
            else None
        if compared:  # "school_boards>3" was read as an attribute of that name; "region_type:krimp" too
            key, op, value = compared.groups()
            raise ValueError(f"'{p}' is not attr=value: write {key}={value}" if op == ":" else
                             f"'{p}': --where compares no values ({op} is not read); "
                             + _kept_values(key, op, value, values_of(key)))
        if eq and v.startswith("=") and k.strip() and v[1:].strip():  # "region_type==krimp", as in Python or SQL
            raise ValueError(f"'{p}' is not attr=value: write {k.strip()}={v[1:].strip()} (one =)")
        if not eq or not k.strip() or not v.strip():  # "region_type" alone: an example of the form it takes
            key = k.strip() if k.strip() and not v.strip() else ""
            raise ValueError(f"'{p}' is not attr=value, e.g. region_type=krimp"
                             + (f" ({key}=* keeps the documents that have {key})" if key else ""))
        _add_condition(out, k.strip(), v.strip())
    return out


def parse_filter(text: str) -> tuple[dict[str, str], str]:
    """``"region_type=krimp R0"`` -> ({"region_type": "krimp"}, "R0"): key=value pairs and free words
    (a key given twice joins its values, as in ``parse_where``)."""
    where: dict[str, str] = {}
    words = []
    for part in text.split():
        k, eq, v = part.partition("=")
        if eq and k.strip() and v.strip():
            _add_condition(where, k.strip(), v.strip())
        else:
            words.append(part)
    return where, " ".join(words)


def _key_group(key: str) -> str:
    k, negated = split_key(key)
    k = k.casefold()
    return (NAME_KEYS[0] if k in NAME_KEYS else k) + (NOT if negated else "")


def _add_condition(where: dict[str, str], key: str, value: str) -> None:
    """Add ``key=value`` to ``where``: to the values of a key already there (either of them)."""
    group = _key_group(key)
    first = next((k for k in where if _key_group(k) == group), None)
    if first is None:
        where[key] = value
        return
    have = {w.strip().casefold() for w in where[first].split(",")}
    extra = [w.strip() for w in value.split(",") if w.strip() and w.strip().casefold() not in have]
    if extra:
        where[first] = ",".join([where[first], *extra])


# attributes that list several values, each a word or two without a comma of its own: a Dutch
# table's "penvoerder, directeur, programmaleider" in one cell was one value to `stats --by`
LIST_ATTRIBUTES = frozenset({"respondent_roles"})


def as_listed(key: str, value: Any) -> Any:
    """A value as stored: a list attribute's parts parted by "; " whether the cell used ";" or ","."""
    if key not in LIST_ATTRIBUTES or not isinstance(value, str) or "," not in value:
        return value
    return "; ".join(p.strip() for p in value.replace(",", ";").split(";") if p.strip())


def stored_value(key: str, value: Any) -> Any:
    """An attribute's value as the project keeps it: a date ("14-03-2024", "14 maart 2024") in ISO
    form, so interviews sort by it (one that is no date as given), a list attribute parted by "; "."""
    if key == "date" and isinstance(value, str):
        return iso_date(value) or value
    return as_listed(key, value)


def value_parts(value: Any) -> list[str]:
    """The values an attribute holds: "penvoerder; bestuurder" holds two; none when empty."""
    return [v.strip() for v in str(value if value is not None else "").split(";") if v.strip()]


YES = frozenset({"yes", "ja", "true", "y", "j", "1"})
NO = frozenset({"no", "nee", "false", "n", "0"})


def shown_value(value: Any) -> str:
    """An attribute value as the command line shows it: a yes/no as "yes"/"no" (``attribute``
    shows it so; it read "True" in `stats --by` and in the values a refusal lists)."""
    return ("yes" if value else "no") if isinstance(value, bool) else str(value)


def typed_like(value: str, others: Iterable[Any]) -> Any:
    """A value typed in (`attribute R01 fictional=no`) as the other documents hold that attribute:
    a yes/no where they hold yes/no (it was stored as the text "no" beside their yes, and the
    tables and the .xlsx read two kinds of value). Any other value stays text;
    ``yes_no_refused`` says when that is a mistake."""
    word = value.strip().casefold()
    if {type(o) for o in others if o is not None} == {bool} and word in YES | NO:
        return word in YES
    return value


# the words of YES and NO, not their digits (a "1" beside "ja" may be a count)
_YES_NO_WORDS = {w: truth for words, truth in ((YES, True), (NO, False)) for w in words if not w.isdigit()}


def spelled_like(value: str, others: Iterable[Any]) -> str:
    """A yes/no word typed in as the other documents write it in text: `vmbo=yes` where they hold
    "ja" is "ja" (the tables grouped "ja" and "yes" apart, and `--where vmbo=ja` missed it). The
    spelling most of them use for that answer; the value as typed when none writes it."""
    truth = _YES_NO_WORDS.get(value.strip().casefold())
    if truth is None:
        return value
    spellings = Counter(o.strip() for o in others if isinstance(o, str)
                        and _YES_NO_WORDS.get(o.strip().casefold()) is truth)
    if not spellings or value.strip().casefold() in {w.casefold() for w in spellings}:  # capitals group as one
        return value
    return spellings.most_common(1)[0][0]


def yes_no_refused(key: str, value: Any, others: Iterable[Any]) -> str:
    """Why a value typed for a yes/no attribute is refused ("" when it is not)."""
    if isinstance(value, str) and {type(o) for o in others if o is not None} == {bool}:
        return f"'{key}' is yes or no in the other documents, not '{value.strip()}'"
    return ""


def uncoded_refusal(coder: str, kept: list[str], theirs: list[str], then: str,
                    filtered: bool = True) -> tuple[str, str] | None:
    """(message, hint) when ``coder`` coded none of the interviews a filter ``kept`` (names), as
    `agreement` refuses two coders with no interview in common; None when she coded one. Not
    ``filtered`` (every interview kept): she has no codings at all (each one undone since)."""
    if set(theirs) & set(kept):
        return None
    if not filtered:
        return (f"{coder} has no codings in this project, so {then}",
                "choose another --coder; `sto-qual coders` lists each coder's codings")
    listed = ", ".join(kept[:10]) + (" …" if len(kept) > 10 else "")
    return (f"{coder} coded none of the {len(kept)} interview{'s' * (len(kept) != 1)} --where keeps ({listed}), "
            f"so {then}", (f"{coder} coded {', '.join(theirs)}; " if theirs else "") + "choose another --where or --coder")


def value_matches(value: Any, wanted: str) -> bool:
    """One attribute value against one wanted value (see the module docstring); a yes/no
    matches yes, ja, true (or no, nee, false)."""
    if value is None:
        return False
    options = {w.strip().casefold() for w in str(wanted).split(",") if w.strip()}
    if ANY in options and (isinstance(value, bool) or value_parts(value)):
        return True
    if isinstance(value, bool):
        return bool(options & (YES if value else NO))
    values = {v.strip().casefold() for v in str(value).split(";")}
    return bool(options & values)


def document_matches(where: Mapping[str, str] | None, attributes: Mapping[str, Any], name: str) -> bool:
    """Does a document (its attributes and name) pass every condition of ``where``?"""
    if not where:
        return True
    lowered = {str(k).casefold(): v for k, v in attributes.items()}
    for key, wanted in where.items():
        k, negated = split_key(key)
        k = k.casefold()
        value = name if k in NAME_KEYS else lowered.get(k)
        if value_matches(value, wanted) == negated:
            return False
    return True


def with_full_names(where: Mapping[str, str], names: Iterable[str]) -> dict[str, str]:
    """``where`` with a document given by its short name ("doc=W01" for W01-waalvliet, ``names.short_for``)
    given by its name: the filter matches names whole."""
    names = list(names)
    known = {n.casefold() for n in names}
    out = {}
    for key, wanted in where.items():
        if split_key(key)[0].casefold() in NAME_KEYS:
            wanted = ",".join(v if v.strip().casefold() in known else short_for(v, names) or v
                              for v in wanted.split(","))
        out[key] = wanted
    return out


def why_refused(where: Mapping[str, str], documents: list[tuple[Mapping[str, Any], str]]) -> str | None:
    """Why a filter must be refused over ``documents`` (attributes, name), or None: a key no
    document has, a wanted value that no document has (also one of a list: ``doc=R01,R99`` is
    refused for R99, so a typo never quietly narrows the count), or conditions that together
    keep no document. The message names the condition and the values there are."""
    names = sorted({str(k) for attrs, _n in documents for k in attrs})
    for key, wanted in where.items():
        key, negated = split_key(key)
        k = key.casefold()
        if k in NAME_KEYS:
            values = held = sorted(n for _a, n in documents)
        else:
            if k not in {n.casefold() for n in names}:
                near = closest_name(key, [*names, *NAME_KEYS])  # "regiontype", "regio_type"
                if k in ("role", "rol", "roles", "rollen") and "respondent_roles" in names:
                    # a speaker's role is a passage's, not a document's: an analyst typed role=bestuurder
                    return (f"no document has the attribute '{key}': a role is a speaker's, not an interview's "
                            "(--by role counts passages per speaker role; --where respondent_roles=ROLE keeps "
                            f"the interviews with that role at the table) (attributes: {', '.join(names)})")
                return (f"no document has the attribute '{key}'" + (f" (did you mean {near}?)" if near else "")
                        + f" (attributes: {', '.join(names) or 'none'})")
            held = [x for attrs, _n in documents for a, x in attrs.items() if str(a).casefold() == k and x is not None]
            # one value whatever its capitals, as the tables group it ("KRIMP, Krimp, krimp" was listed three times)
            values = sorted(set(usual_spellings(v.strip() for x in held for v in shown_value(x).split(";")
                                                if v.strip()).values()),
                            key=natural_key)  # "school_boards: 1, 2, 10", not 1, 10, 11, 2
        options = [w.strip() for w in str(wanted).split(",") if w.strip()]
        missing = [o for o in options if not any(value_matches(x, o) for x in held)]
        if not missing:
            continue
        # R01 … R15 and "..." read as fifteen interviews where the project has nineteen: the last one too
        shown = ", ".join(values[:12]) + (f", …, {values[-1]} ({len(values)} values)" if len(values) > 15 else
                                          "".join(f", {v}" for v in values[12:]))
        lacking = 0 if k in NAME_KEYS else sum(1 for attrs, _n in documents
                                               if not any(str(a).casefold() == k and x for a, x in attrs.items()))
        if lacking:  # "fictional=nee" where five interviews have no fictional: that is not a value they hold
            shown += (f"; {lacking} {'document has' if lacking == 1 else 'documents have'} no {key}: "
                      f"{key}!=* keeps those")
        if negated:  # a typo would quietly keep every document
            return (f"no document has {key}={','.join(missing)}, so {key}!={wanted} would leave out nothing "
                    f"({key}: {shown})")
        several = next((o for o in missing if ";" in o), None)
        if several is not None:  # the stored form of several values is not a wanted value
            parts = [w.strip() for w in several.split(";") if w.strip()]
            return (f"no document has {key}={several}: ';' separates the values a document holds; ask "
                    f"for one value ({key}={parts[0] if parts else '...'}) or any of several with ',' "
                    f"({key}={','.join(parts)}) ({key}: {shown})")
        if len(options) == 1:  # a value near one held: "doc=R1" lists R01 … R15 and stops before the one meant
            near = meant_name(str(wanted), values)
            return (f"no document has {key}={wanted}" + (f" (did you mean {near}?)" if near else "")
                    + f" ({key}: {shown})")
        return f"no document has {key}={','.join(missing)} (asked: {key}={wanted}; {key}: {shown})"
    if not any(document_matches(where, attrs, name) for attrs, name in documents):
        if len(where) == 1 and split_key(next(iter(where)))[1]:  # fictional!=* where every document has it
            key, wanted = next(iter(where.items()))
            return f"every document has {split_key(key)[0]}={wanted}: {condition_text(key, wanted)} keeps none"
        return "no document meets all of " + " and ".join(condition_text(k, v) for k, v in where.items())
    return None


def why_nothing_matches(where: Mapping[str, str], documents: list[tuple[Mapping[str, Any], str]]) -> str:
    """Why a filter keeps no document of ``documents`` (attributes, name): ``why_refused``."""
    return why_refused(where, documents) or ("no document meets all of "
                                             + " and ".join(condition_text(k, v) for k, v in where.items()))


def usual_spellings(values: Iterable[str]) -> dict[str, str]:
    """Each value by its ``casefold()``, spelt as most of ``values`` write it (of two as common,
    the first): "Krimp" beside "krimp" twice is one group, written "krimp"."""
    counts: dict[str, Counter] = {}
    for v in values:
        counts.setdefault(v.casefold(), Counter())[v] += 1
    return {k: c.most_common(1)[0][0] for k, c in counts.items()}


def grouped_spellings(attrs: Mapping[int, Mapping[str, Any]]) -> dict[int, dict[str, Any]]:
    """Each document's attributes with every text value spelt as most documents spell that
    attribute's value whatever its capitals (``usual_spellings``): the chapter's groups, the
    tables' columns and ``--where`` read "Krimp" beside "krimp" as one region type, where the
    chapter's prose said "In alle krimpregio's" of four while its table counted five."""
    parts: dict[str, list[str]] = {}  # each document's values of a key, once whatever their capitals
    for a in attrs.values():
        for k, v in a.items():
            if isinstance(v, str):
                parts.setdefault(k, []).extend({p.casefold(): p for p in reversed(value_parts(v))}.values())
    spelt = {k: usual_spellings(ps) for k, ps in parts.items()}
    return {d: {k: spelt[k].get(v.strip().casefold(), v) if isinstance(v, str) else v for k, v in a.items()}
            for d, a in attrs.items()}


def column_labels(doc_ids: Iterable[int], names: Mapping[int, str], attrs: Mapping[int, Mapping[str, Any]],
                  by: str | None) -> dict[int, tuple[str, ...]]:
    """Each document's matrix columns: its ``by`` value, one column per value whatever its capitals
    ("Noord" and "noord" were two), written as most documents write it; a value that lists several
    ("penvoerder;bestuurder") is a column of each, as `stats --by` counts it ("bestuurder;penvoerder"
    beside "penvoerder;bestuurder" were two columns); a document without the value by its name,
    marked when a value is spelt like it (a document R04 without a region and one whose region is
    R04 were one column, their codings added up without a word)."""
    if not by:
        return {d: (names[d],) for d in doc_ids}
    # a yes/no as "yes"/"no", as `stats --by` says it (the header read "True"; a "no" none at all)
    value = {d: value_parts("" if (v := attrs.get(d, {}).get(by)) is None else shown_value(v)) for d in doc_ids}
    spelt = usual_spellings(v for vs in value.values() for v in vs)
    return {d: tuple(dict.fromkeys(spelt[v.casefold()] for v in vs)) if vs
            else (f"{names[d]} (no {by})" if names[d].casefold() in spelt else names[d],)
            for d, vs in value.items()}


def attribute_rows(attrs: Mapping[int, Mapping[str, Any]], by: str, doc_ids: Iterable[int]) -> list[tuple[int, str]]:
    """(document, value) of attribute ``by`` for the documents that have one: one group per value
    whatever its capitals ("Krimp" beside "krimp" were two columns both headed "krimpregio's",
    where --where region_type=krimp took both), written as most interviews write it; a value
    listed twice for one interview counts once."""
    rows = []
    for d in doc_ids:
        value = attrs.get(d, {}).get(by)
        if value is None or value == "":
            continue
        seen: set[str] = set()
        for v in value_parts(shown_value(value)):
            if v.casefold() not in seen:
                seen.add(v.casefold())
                rows.append((d, v))
    spelt = usual_spellings(v for _d, v in rows)
    return [(d, spelt[v.casefold()]) for d, v in rows]


def no_values_refusal(attrs: Mapping[int, Mapping[str, Any]], by: str, also: Iterable[str]) -> StoQualError:
    """Why no document can be counted by ``by``: every value empty, or no document has it (with the
    name meant: "region_tpye", "Region_Type", "rol"; ``also``: the names that are no attribute)."""
    known = sorted({k for a in attrs.values() for k in a})
    if any(by in a for a in attrs.values()):  # it said "no document has … (did you mean title?)"
        return StoQualError(f"every interview's '{by}' is empty",
                            hint=f"give it a value with `sto-qual attribute DOC {by}=VALUE`, or count by another attribute")
    near = closest_name(by, [*known, *also])
    return StoQualError(f"no document has the attribute '{by}'" + (f" (did you mean {near}?)" if near else ""),
                        hint=f"attributes: {', '.join(known)}; or --by role")


def labelling_attribute(attrs: Mapping[int, Mapping[str, Any]], label_by: str | None) -> str | None:
    """The attribute that names a matrix's columns: ``label_by`` when a document has a value for it,
    None for ``doc``/``name`` (the documents' names), ``region`` when not given and documents have
    it; an attribute no document has is refused, listing those there are ("regoin")."""
    known = sorted({k for a in attrs.values() for k, v in a.items() if v not in (None, "")})
    if label_by in ("doc", "name"):
        return None
    if label_by is None:
        return "region" if "region" in known else None
    if label_by not in known:
        near = closest_name(label_by, [*known, "name"])
        raise StoQualError(f"no document has the attribute '{label_by}'" + (f" (did you mean {near}?)" if near else ""),
                           hint=f"attributes: {', '.join(known) or 'none'}; or name for the document names"
                           + ("; the speakers' roles: `sto-qual stats --by role`" if label_by == "role" else ""))
    return label_by
