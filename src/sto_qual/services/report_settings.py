"""What the project says about itself in the chapter: how long the interviews were, the
subtitle, the attribute its tables compare by, and the words for its roles ("een docent",
"docenten"). Kept in the project's settings; the report reads them."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sto_qual.domain.controls import check_name
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.names import closest_name
from sto_qual.domain.filters import value_parts
from sto_qual.domain.wording import (DEFAULT_THRESHOLDS, THRESHOLDS_SETTING, default_share, ladder_rows, tier_name,
                                   upgrade_thresholds, with_tier)
from sto_qual.report.vocabulary import (ATTRIBUTE_LABELS, REGION_GROUPS, ROLE_LABELS, VALUE_LABELS, LabelMap,
                                        region_group)

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.session import Session

# key -> what it is (the help of `report-settings`)
REPORT_SETTINGS = {
    "interview_length": "how long the interviews were, as the method paragraph says it "
                        "(\"ongeveer een uur\": \"… interviews van ongeveer een uur …\"); unset: not said",
    "interview_length_en": "the same in the English chapter (\"about an hour\")",
    "sample": "a sentence on the sample, after the method's first (\"Het onderzoek volgt elk jaar twintig caseregio's; "
              "in deze ronde zijn er negentien geïnterviewd.\"); not said in a chapter on part of the interviews",
    "sample_en": "the same in the English chapter",
    "codebook_title": "the chapter's subtitle (default: the codebook's title)",
    "codebook_title_en": "the English chapter's subtitle",
    "main_attribute": "the document attribute the chapter's tables and differences compare by (default region_type)",
}


def _take_off(own: dict[str, dict[str, Any]], name: str, lang: str, refusal: str, hint: str) -> None:
    """Take the project's own words for ``name`` in ``lang`` out of ``own``; refused when it has none."""
    if lang not in own.get(name, {}):
        raise StoQualError(refusal, hint=hint)
    own[name] = {lg: v for lg, v in own[name].items() if lg != lang}
    if not own[name]:
        del own[name]


class ReportSettings:
    def __init__(self, session: Session) -> None:
        self.store = session.store

    def values(self) -> dict[str, Any]:
        """Every report setting and its value (None when unset)."""
        return {k: self.store.settings.get(k) for k in REPORT_SETTINGS}

    def main_attribute(self) -> str:
        """The attribute the chapter compares by: setting ``main_attribute``, else ``region_type``."""
        return self.store.settings.get("main_attribute") or "region_type"

    @staticmethod
    def known(key: str) -> str:
        """``key`` when it is a report setting; refused with the close one otherwise."""
        if key not in REPORT_SETTINGS:
            near = closest_name(key, REPORT_SETTINGS)
            raise StoQualError(f"unknown report setting '{key}'" + (f" (did you mean {near}?)" if near else ""),
                               hint="settings: " + ", ".join(REPORT_SETTINGS))
        return key

    def set(self, key: str, value: str | None) -> str | None:
        """Set (``value`` None: unset) one report setting; returns a note on a main attribute
        most of whose groups are too small to compare (a column per number of school boards)."""
        key = self.known(key)
        if value is not None:
            value = check_name(value.strip(), f"the value of {key}")
            if not value:
                raise StoQualError(f"an empty {key}", hint=f"give a value, or --clear to unset {key}")
            if key == "main_attribute":
                keys = {k for attrs in self.store.documents.attributes().values() for k in attrs}
                if value not in keys:
                    near = closest_name(value, sorted(keys))  # as `--where regoin_type=krimp` says it
                    raise StoQualError(f"no document has the attribute '{value}'"
                                       + (f" (did you mean {near}?)" if near else ""),
                                       hint="attributes: " + (", ".join(sorted(keys)) or "none yet"))
        self.store.settings.set(key, value)
        if key != "main_attribute" or value is None:
            return None
        return small_groups_said(self.store.documents.attributes().values(), value)

    def label_map(self, lang: str) -> LabelMap:
        """The words the chapter uses in ``lang`` for roles, attributes and their values: the
        built-in ones with the project's own (``role-label``, setting attribute_labels) over them."""
        return LabelMap(lang, self.store.settings.get("role_labels"), self.store.settings.get("attribute_labels"))

    def role_words(self) -> list[dict[str, Any]]:
        """Each role of the project with its words in the chapter: (role, nl singular and plural,
        en singular and plural, whose words: "own", "built in" or "none" (written as it is))."""
        own = self.store.settings.get("role_labels") or {}
        words = LabelMap("nl", own).roles  # built-in words, the project's own over them: as the report reads them
        roles = sorted({r for r in self.store.roles.map().values() if r} | set(own))
        out = []
        for r in roles:
            entry = words.get(r, {})
            nl, en = entry.get("nl", (r, r)), entry.get("en", ("", ""))
            out.append({"role": r, "nl": nl[0], "nl_plural": nl[1], "en": en[0], "en_plural": en[1],
                        "words": "own" if r in own else "built in" if r in ROLE_LABELS else "none"})
        return out

    def set_role_words(self, role: str, singular: str | None, plural: str | None, lang: str = "nl") -> str | None:
        """Give ``role`` its words in ``lang`` (``singular`` None: take the project's own off);
        returns a note when the project has no such role (a typo would name nobody)."""
        role = check_name(role.strip().lower(), "the role")
        own = dict(self.store.settings.get("role_labels") or {})
        if singular is None:
            _take_off(own, role, lang, f"role '{role}' has no words of the project's own in '{lang}'",
                      "`sto-qual role-label` lists the roles and their words")
        else:
            words = [check_name(w.strip(), "the role's words") for w in (singular, plural or "")]
            if not all(words):
                raise StoQualError("a role's words need a singular and a plural",
                                   hint="e.g. sto-qual role-label docent docent docenten")
            own[role] = {**own.get(role, {}), lang: words}
        roles = {r for r in self.store.roles.map().values() if r}
        near = None if singular is None or role in roles else closest_name(role, sorted(roles))
        if near:  # a typo was stored with a note, exit 0, and named nobody
            raise StoQualError(f"no speaker has the role '{role}' (did you mean {near}?); nothing was stored",
                               hint=f"give `sto-qual role-label {near} …`, or, for a new role, give a speaker it "
                                    "first (`sto-qual role LABEL ROLE`)")
        self.store.settings.set("role_labels", own)
        if singular is None or role in roles:
            return None
        return f"no speaker has the role '{role}' yet; the words apply once one does"

    # -- the frequency words' tiers (setting wording_thresholds) --

    def tiers(self) -> tuple[tuple[float, str], ...]:
        """The project's frequency tiers, lowest share last (the built-in ones unless moved)."""
        return upgrade_thresholds(self.store.settings.get(THRESHOLDS_SETTING))

    def ladder(self, total: int | None = None) -> list[dict[str, Any]]:
        """Each frequency word over ``total`` interviews (default: the project's), with the share
        it starts at and the counts that get it (``domain.wording.ladder_rows``)."""
        if total is None:
            total = len(self.store.documents.light())
        return ladder_rows(self.tiers(), total)

    def move_tier(self, tier: str, share: float | None) -> tuple[float, float]:
        """Let ``tier`` start at ``share`` ("vrijwel alle" from 0.9; None: where it starts among
        the built-in tiers); refused with why when the tier is fixed or the share would leave it
        or its neighbour no room. Returns (the share it started at, the share it starts at)."""
        current = self.tiers()
        try:
            if share is None:
                share = default_share(tier)
            moved = with_tier(current, tier, share)
        except ValueError as exc:
            raise StoQualError(str(exc), hint="`sto-qual wording` shows the tiers and where each starts") from None
        self.store.settings.set(THRESHOLDS_SETTING, None if moved == DEFAULT_THRESHOLDS else [[b, w] for b, w in moved])
        return next(b for b, w in current if w == tier_name(tier)), share

    def reset_tiers(self) -> None:
        """Back to the built-in tiers."""
        self.store.settings.set(THRESHOLDS_SETTING, None)

    # -- the words for attributes and their values (setting attribute_labels) --

    def attribute_words(self) -> list[dict[str, Any]]:
        """Each attribute of the documents, each value of the main attribute (the one the tables
        compare by) and each name with words of the project's own: (name, kind, nl, en, whose
        words: "own", "built in" or "none"; en "" when the English chapter has no word for it)."""
        own = self.store.settings.get("attribute_labels") or {}
        attrs = self.store.documents.attributes().values()
        main = self.main_attribute()
        keys = {k for a in attrs for k in a}
        values = {v for a in attrs for v in value_parts(a.get(main))}
        maps = {lang: LabelMap(lang, None, own) for lang in ("nl", "en")}
        rows = []
        for kind, names in (("attribute", keys), ("value", values - keys),
                            ("", set(own) - keys - values)):
            for name in sorted(names):
                entry = maps["en"].attrs.get(name, {})
                kind_here = kind or ("attribute" if name in ATTRIBUTE_LABELS else "value")
                nl = maps["nl"].attribute(name) if kind_here == "attribute" else maps["nl"].value(name)
                rows.append({"name": name, "kind": kind_here, "nl": nl, "en": entry.get("en", ""),
                             "words": "own" if name in own else
                             "built in" if name in ATTRIBUTE_LABELS or name in VALUE_LABELS else "none"})
        return rows

    def set_attribute_words(self, name: str, label: str | None, lang: str = "nl") -> str | None:
        """Give an attribute or a value its word in ``lang`` (``label`` None: take the project's
        own off); returns a note when no document has such an attribute or value (a typo would
        label nothing)."""
        name = check_name(name.strip(), "the attribute or value")
        own = dict(self.store.settings.get("attribute_labels") or {})
        if label is None:
            _take_off(own, name, lang, f"'{name}' has no word of the project's own in '{lang}'",
                      "`sto-qual attribute-label` lists the attributes, values and their words")
        else:
            label = check_name(label.strip(), "the word")
            if not label:
                raise StoQualError("an empty word", hint=f"give a word, or --clear to take {name}'s own off")
            own[name] = {**own.get(name, {}), lang: label}
        attrs = self.store.documents.attributes().values()
        known = {k for a in attrs for k in a} | {v for a in attrs for x in a.values() for v in value_parts(x)}
        near = None if label is None or name in known else closest_name(name, sorted(known))
        if near:  # a typo was stored with a note, exit 0, and labelled nothing
            raise StoQualError(f"no document has an attribute or value '{name}' (did you mean {near}?); nothing was "
                               "stored", hint=f"give `sto-qual attribute-label {near} …`, or, for a new one, set it "
                                          "on a document first (`sto-qual attribute DOC KEY=VALUE`)")
        self.store.settings.set("attribute_labels", own or None)
        if label is None:
            return None
        if name not in known:
            return f"no document has an attribute or value '{name}' yet; the word applies once one does"
        return unused_group_word(name, label, lang, self.main_attribute(),
                                 attrs)


def unused_group_word(name: str, label: str, lang: str, main: str, attrs) -> str | None:
    """A note when a Dutch word given to a region type cannot name its group ("plattelands": the
    chapter still said "landelijke regio's" everywhere, without a word), else None."""
    builtin = REGION_GROUPS["nl"].get(name.lower())
    if lang != "nl" or not builtin or not any(name in value_parts(a.get(main, "")) for a in attrs):
        return None
    if region_group(name, "nl", label) != builtin or label.lower() == name.lower():
        return None
    return (f"the chapter names this group '{builtin}' and cannot use '{label}' for it: give a word that names a "
            "kind of region ('grootstedelijke regio', 'grensregio', 'krimpgebied') or an adjective ending in -lijk, "
            "-ig or -isch ('grootstedelijk')")


def small_groups_said(attrs, key: str) -> str | None:
    """A note when most values of ``key`` are held by too few interviews to compare on their own."""
    from collections import Counter

    from sto_qual.domain.quote_selection import SMALL_GROUP
    sizes = Counter(v for a in attrs for v in value_parts(a.get(key, "")))
    small = {v: n for v, n in sizes.items() if n < SMALL_GROUP}
    if len(small) * 2 <= len(sizes):  # (region_type: the island alone)
        return None
    return (f"{len(small)} of the {len(sizes)} values of {key} are held by fewer than {SMALL_GROUP} interviews: the "
            "chapter's tables and differences compare only the others, and count these in the whole; an attribute "
            "that groups the interviews (e.g. few or many boards) compares more of them")
