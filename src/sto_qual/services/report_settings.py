"""What the project says about itself in the chapter: how long the interviews were, the
subtitle, the attribute its tables compare by, and the words for its roles ("een docent",
"docenten"). Kept in the project's settings; the report reads them."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sto_qual.domain.controls import check_name
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.names import closest_name
from sto_qual.report.vocabulary import ROLE_LABELS, LabelMap

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.session import Session

# key -> what it is (the help of `report-settings`)
REPORT_SETTINGS = {
    "interview_length": "how long the interviews were, as the method paragraph says it "
                        "(\"ongeveer een uur\": \"… interviews van ongeveer een uur …\"); unset: not said",
    "interview_length_en": "the same in the English chapter (\"about an hour\")",
    "codebook_title": "the chapter's subtitle (default: the codebook's title)",
    "codebook_title_en": "the English chapter's subtitle",
    "main_attribute": "the document attribute the chapter's tables and differences compare by (default region_type)",
}


class ReportSettings:
    def __init__(self, session: Session) -> None:
        self.store = session.store

    def values(self) -> dict[str, Any]:
        """Every report setting and its value (None when unset)."""
        return {k: self.store.settings.get(k) for k in REPORT_SETTINGS}

    @staticmethod
    def known(key: str) -> str:
        """``key`` when it is a report setting; refused with the close one otherwise."""
        if key not in REPORT_SETTINGS:
            near = closest_name(key, REPORT_SETTINGS)
            raise StoQualError(f"unknown report setting '{key}'" + (f" (did you mean {near}?)" if near else ""),
                               hint="settings: " + ", ".join(REPORT_SETTINGS))
        return key

    def set(self, key: str, value: str | None) -> None:
        """Set (``value`` None: unset) one report setting."""
        key = self.known(key)
        if value is not None:
            value = check_name(value.strip(), f"the value of {key}")
            if not value:
                raise StoQualError(f"an empty {key}", hint=f"give a value, or --clear to unset {key}")
            if key == "main_attribute":
                keys = {k for attrs in self.store.documents.attributes().values() for k in attrs}
                if value not in keys:
                    raise StoQualError(f"no document has the attribute '{value}'",
                                       hint="attributes: " + (", ".join(sorted(keys)) or "none yet"))
        self.store.settings.set(key, value)

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
            if lang not in own.get(role, {}):
                raise StoQualError(f"role '{role}' has no words of the project's own in '{lang}'",
                                   hint="`sto-qual role-label` lists the roles and their words")
            own[role] = {lg: v for lg, v in own[role].items() if lg != lang}
            if not own[role]:
                del own[role]
        else:
            words = [check_name(w.strip(), "the role's words") for w in (singular, plural or "")]
            if not all(words):
                raise StoQualError("a role's words need a singular and a plural",
                                   hint="e.g. sto-qual role-label docent docent docenten")
            own[role] = {**own.get(role, {}), lang: words}
        self.store.settings.set("role_labels", own)
        if singular is None:
            return None
        roles = {r for r in self.store.roles.map().values() if r}
        if role in roles:
            return None
        near = closest_name(role, sorted(roles))
        return (f"no speaker has the role '{role}' yet" + (f" (did you mean {near}?)" if near else "")
                + "; the words apply once one does")
