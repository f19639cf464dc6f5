"""A theme's section of the English chapter as a person wrote it. The English chapter drafts
its text from the codings (``drafting_en``); a person's Dutch text is not translated, so a
reviewed Dutch section read in English as a marked draft and could not be reviewed. Written
here (`summary set --theme T --lang en`), it takes the draft's place in the English chapter
as her Dutch text does in the Dutch one; the chapter's quotes, tables and differences stay.

It is kept with when the Dutch section was last changed: a Dutch text changed after the
English one was written is said (`summary show`, the report's warnings), never followed."""
from __future__ import annotations

from typing import Any

from sto_qual.domain.controls import check_name
from sto_qual.domain.errors import NothingToDo, StoQualError
from sto_qual.services.session import Session

ENGLISH_SETTING = "theme_text_en"  # theme path -> {text, author, updated_at, dutch_at}


class EnglishSections:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.store = session.store

    def _theme(self, theme: str):
        code = self.store.codes.find(theme)
        if code.parent is not None:
            raise StoQualError(f"{code.path} is a sub-code; the chapter's sections are its themes",
                               hint=f"give --theme {code.path.split('/')[0]}")
        return code

    def _dutch_at(self, code) -> str:
        row = self.store.summaries.theme(code.id)
        return (row or {}).get("updated_at") or ""

    def get(self, theme: str) -> dict[str, Any] | None:
        """The English text of a theme with its ``author``, ``updated_at`` and ``dutch_changed``
        (the Dutch section changed after it was written); None when nobody wrote one."""
        code = self._theme(theme)
        entry = (self.store.settings.get(ENGLISH_SETTING) or {}).get(code.path)
        if not entry:
            return None
        return {**entry, "theme": code.path, "dutch_changed": self._dutch_at(code) > entry.get("dutch_at", "")}

    def set(self, theme: str, text: str, coder: str | None = None) -> dict[str, Any]:
        from sto_qual.store.connection import now
        code = self._theme(theme)
        text = text.replace("\r\n", "\n").strip()
        if not text:
            raise StoQualError("an empty English text", hint=f"`sto-qual summary clear --theme {code.path} --lang en` "
                               "removes it")
        check_name(text, "the English text")
        every = dict(self.store.settings.get(ENGLISH_SETTING) or {})
        before = every.get(code.path)
        every[code.path] = {"text": text, "author": self.session.resolve_coder(coder), "updated_at": now(),
                            "dutch_at": self._dutch_at(code)}
        self.store.settings.set(ENGLISH_SETTING, every)
        return {"theme": code.path, "lang": "en", "replaced": before is not None,
                "replaced_author": (before or {}).get("author")}

    def clear(self, theme: str) -> dict[str, Any]:
        code = self._theme(theme)
        every = dict(self.store.settings.get(ENGLISH_SETTING) or {})
        if code.path not in every:
            raise NothingToDo(f"{code.path} has no English text of its own",
                              hint="the English chapter drafts it; `summary set --theme T --lang en` writes one")
        gone = every.pop(code.path)
        self.store.settings.set(ENGLISH_SETTING, every)
        return {"theme": code.path, "lang": "en", "text": gone["text"]}
