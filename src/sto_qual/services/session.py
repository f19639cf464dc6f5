"""The session every use case shares: the open project's store, who codes, and caches of
what does not change while it is open (document texts, coder ids).

Contract: ``Session`` never writes anything itself except a coder row the first time a
coder codes (``coder_id``) and a coder's view choices (``keep_view_choice``: what one coder
chose to see, neither audited nor undoable, as it changes no project data). ``forget_cached`` drops every cache (another program changed
the project). ``atomic_write_text`` is how services write a text file a user asked for.
"""
from __future__ import annotations

import shlex
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sto_qual import config
from sto_qual.domain import history
from sto_qual.domain.controls import check_name
from sto_qual.domain.differences import AGREED_SETTING
from sto_qual.domain.errors import StoQualError
from sto_qual.domain.model import join_memos
from sto_qual.domain.names import closest_name, invisible_character, lookalike, siblings
from sto_qual.domain.spans import across_space, speaker_changes
from sto_qual.domain.text import count_words, plural
from sto_qual.store import ProjectStore
from sto_qual.store.backups import project_of

DEFAULT_CODER = "onderzoeker"
ProgressFn = Callable[[int, int, str], None]  # (done, total, what): long use cases report through it
_TEXTS_KEPT = 64  # document texts cached at most (a transcript is up to a few hundred kB)


BLIND_START = "blind_start"  # the view choice kept when ``start_blind`` began a coder's blind round
HIDE_OTHERS = "hide_others"  # the view choice of hiding the other coders' codings (``tui_support``)
SAW_OTHERS = "saw_others"  # when a coder coding blind first showed the others' codings (``hide_others``)
RESTORE_SEEN = "restore_seen"  # the restore (its time) a coder was told of when she opened the workbench


class Session:
    """One open project: its store and the caches the use cases share."""

    def __init__(self, store: ProjectStore) -> None:
        self.store = store
        self._texts: dict[int, str] = {}
        self._coder_ids: dict[str, int] = {}
        self._new_asked: set[str] = set()  # new coders asked for by name (`code --new-coder`)
        if store.path is not None:  # no output is written over it (``report.files.atomic_write``)
            from sto_qual.report.files import project_opened
            project_opened(store.path)

    def closed(self) -> None:
        """The project was closed: an output may take its name again (once, however often it is closed)."""
        if self.store.path is not None and not getattr(self, "_closed", False):
            self._closed = True
            from sto_qual.report.files import project_opened
            project_opened(self.store.path, opened=False)

    # --------------------------------------------------------------- project
    @property
    def path(self) -> Path | None:
        """The project file (None for a project in memory)."""
        return self.store.path

    # when this session began to mark its steps (``record_as``): a window's step made before it
    # opened is its own history from an earlier run, not a second window's
    recording_since = ""

    def record_as(self, via: str) -> None:
        """Keep ``via`` ("command", a window's "window:…") with every undo step made through this
        session."""
        from sto_qual.store.connection import now
        self.store.history.via = via
        self.recording_since = now()

    def audit_log(self, limit: int | None = None) -> list[dict[str, Any]]:
        """The audit trail: who did what to which entity, oldest first (with ``limit``, the
        newest ``limit`` entries, newest first)."""
        return self.store.audit.entries(limit)

    def integrity_ok(self) -> bool:
        """SQLite's own check of the project file."""
        return self.store.file.integrity_ok()

    def checkpoint(self) -> bool:
        """Fold the write-ahead log into the project file, so the file alone is the whole
        project; False while another program's reader holds part of the log."""
        return self.store.file.checkpoint()

    # ---------------------------------------------------------------- coders
    def resolve_coder(self, coder: str | None = None) -> str:
        """The coder asked for, else ``STO_QUAL_CODER``, else the user settings file's ``coder``,
        else the project's default coder."""
        name = (coder or config.env_coder() or config.user_coder() or self.store.settings.get("default_coder")
                or DEFAULT_CODER).strip()
        if not name or len(name) > 80:
            raise StoQualError("a coder name must be 1-80 characters")
        # "jürgen" typed with the accent as a sign of its own (NFD) is the same coder, not a second
        # one that looks the same in every list
        name = unicodedata.normalize("NFC", check_name(name, "the coder name"))
        stored = self.store.coders.stored_name(name)  # "Anna" is the project's "anna"
        if stored is None:  # a new name that looks like a coder's is refused wherever a coder is named
            self.refuse_lookalike(name)
        return stored or name

    def coder_id(self, coder: str | None = None) -> int:
        """The id of the (resolved) coder, created on first use. Call it inside the write that
        records what the coder did: a step that fails then leaves no new coder behind (an
        id is remembered only once it is known to be stored)."""
        name = self.resolve_coder(coder)
        cid = self._coder_ids.get(name)
        if cid is None:
            cid = self.store.coders.by_name(name)
            if cid is not None:
                self._coder_ids[name] = cid
            else:  # new: its row commits or rolls back with the caller's write
                # `star 7 --coder onderzoeker-a` after her rename made a second coder unsaid: a former name
                # is refused wherever it would write (a typo is the command line's to refuse, `refuse_typo`)
                refused = None if name in self._new_asked else self.name_refusal(
                    name, typos=False, also=f"; `code --new-coder` starts '{name}' as a coder of its own")
                if refused is not None:
                    raise refused
                cid = self.store.coders.ensure(name)
        return cid

    def new_coder_asked(self, coder: str | None) -> None:
        """``coder`` is to be a coder of her own although her name was a coder's (`coder-rename`)."""
        self._new_asked.add(self.resolve_coder(coder))

    def asked_new(self, coder: str | None) -> bool:
        """``new_coder_asked`` was said of ``coder`` (`tui --new-coder`): no did-you-mean for her."""
        return self.resolve_coder(coder) in self._new_asked

    def existing_coder_id(self, coder: str | None = None) -> int | None:
        """The id of the (resolved) coder when the project has it; never creates one."""
        name = self.resolve_coder(coder)
        return self._coder_ids.get(name) or self.store.coders.by_name(name)

    def renamed(self, coder_id: int | None, name: str) -> str | None:
        """The name coder ``coder_id`` has now when another program renamed her (`coder-rename`),
        else None. A window that kept her old name counted and showed nothing of hers and saw
        the others' codings she codes blind from, while its codings went to the renamed coder."""
        now = self.store.coders.names().get(coder_id) if coder_id is not None else None
        if now is None or now == name:
            return None
        self._coder_ids = {n: c for n, c in self._coder_ids.items() if c != coder_id}
        return now

    def coder_filter(self, coder: str | None) -> int | None:
        """The id of an existing coder to filter on (None: every coder); an unknown name is refused."""
        if coder is None:
            return None
        cid = self.store.coders.by_name(coder)
        if cid is None:
            raise self.unknown_coder(coder)
        return cid

    def unknown_coder(self, coder: str) -> StoQualError:
        """The error for a coder name the project does not have, with the name it likely mistypes."""
        names = self.coder_names()  # one that looks the same first ("onderzoeker-а" is onderzoeker-a's, not -b's)
        near = lookalike(coder, names) or closest_name(coder, names)
        return StoQualError(f"unknown coder '{coder}'" + (f" (did you mean {near}?)" if near else ""),
                            hint="see `sto-qual coders`")

    def new_coder_near(self, coder: str | None) -> str | None:
        """The existing coder that ``coder`` most likely mistypes, when ``coder`` is a name the
        project does not have yet (using it would make a second coder), else None; a name that
        looks the same as a coder's is refused (``resolve_coder``). The next of a series
        ("onderzoeker-c" beside "onderzoeker-a" and "-b") is a new coder, not a typo: None."""
        if not coder or self.existing_coder_id(coder) is not None:
            return None
        # `tui --coder onderzoeker-a` after her rename quietly began a new coder
        return self.renamed_to(coder) or self._typo_of(coder)

    def _typo_of(self, coder: str) -> str | None:
        near = closest_name(coder, self.coder_names())
        return None if near is None or siblings(coder, near) else near

    def name_refusal(self, coder: str | None, *, typos: bool = True, done: str = "stored",
                     give: str = "--coder {}", also: str = "") -> StoQualError | None:
        """The error for a coder name the project lacks that was a coder's (`coder-rename`) or, with
        ``typos``, is close to one, said for a step of which nothing was ``done``; else None.
        Without ``coder``: the name ``STO_QUAL_CODER`` or the settings file gives, said as theirs
        (`star 5` under ``STO_QUAL_CODER=onderzoeker_a`` made a second coder where `--coder` was refused)."""
        named_by = ""
        if not coder:
            coder, named_by, give = self.coder_set_elsewhere() or (None, "", give)
        if not coder or self.existing_coder_id(coder) is not None:
            return None
        renamed = self.renamed_to(coder)
        near = renamed or (self._typo_of(coder) if typos else None)
        if near is None:
            return None
        said = (f"was renamed to {near} (coder-rename)" if renamed else
                f"is no coder in this project (did you mean {near}?)")
        return StoQualError(f"'{coder}'{named_by} {said}; nothing was {done}", hint=f"give {give.format(near)}{also}")

    @staticmethod
    def coder_set_elsewhere() -> tuple[str, str, str] | None:
        """The coder a command without ``--coder`` works as when a person set her outside the
        command (``STO_QUAL_CODER``, else the settings file's ``coder``): her name, where it is set
        (said after it) and how to set another, else None."""
        env = config.env_coder()
        if env and env.strip():
            return env.strip(), " (STO_QUAL_CODER)", "--coder {0} or set STO_QUAL_CODER={0}"
        user = config.user_coder()
        if user:
            path = config.settings_path()
            return user, f" (the coder in {path})", f'--coder {{0}} or write coder = "{{0}}" in {path}'
        return None

    def renamed_to(self, coder: str) -> str | None:
        """The coder ``coder`` is now called, when `coder-rename` gave a coder of that name another
        one (followed through later renames) and no coder has the name now, else None."""
        if self.existing_coder_id(coder) is not None:
            return None
        name, seen = coder, set()
        for old, new in self.store.audit.coder_renames():  # ("ONDERZOEKER-A" is her old name too)
            if old.casefold() == name.casefold() and new not in seen:
                seen.add(name)
                name = new
        return name if name != coder and self.existing_coder_id(name) is not None else None

    def refuse_lookalike(self, name: str) -> None:
        """Refuse a new coder's ``name`` that looks the same as a coder's ("annа", its last letter
        Cyrillic, beside "anna"; a dash for its hyphen): two coders no list tells apart; and one
        with a character that shows as nothing (a zero-width space, a soft hyphen)."""
        hidden = invisible_character(name)
        if hidden is not None:
            raise StoQualError(f"the coder name '{name}' holds a character that shows as nothing ({hidden}); nothing "
                               "was stored", hint="type the name again without it")
        twin = lookalike(name, self.coder_names())
        if twin is not None:
            # which name holds the odd characters: the one given, or (a plain name typed) the coder's
            odd = [f"U+{ord(ch):04X}" for ch in name if ord(ch) > 0x7F and ch not in twin]
            theirs = [f"U+{ord(ch):04X}" for ch in twin if ord(ch) > 0x7F and ch not in name]
            said = (f"is written with other characters ({', '.join(dict.fromkeys(odd))})" if odd else
                    f"is not it: that coder's name holds {', '.join(dict.fromkeys(theirs))}")
            raise StoQualError(f"the coder name '{name}' looks the same as the coder '{twin}' but {said}; nothing was "
                               "stored", hint=f"give --coder {twin} when it is {twin}, or a name that looks different"
                               if odd else "give a name that looks different (or `sto-qual coder-rename` that coder)")

    def coder_names(self) -> list[str]:
        """Every coder's name, in alphabetical order."""
        return [c["name"] for c in self.store.coders.all()]

    # ---------------------------------------------------------- view choices
    def view_choice(self, coder: str, name: str, default: Any = None) -> Any:
        """What ``coder`` last chose for the view choice ``name`` in this project (a screen's toggle,
        such as hiding the other coders' codings), or ``default`` when never chosen."""
        return self.store.settings.get(f"tui.{name}.{coder}", default)

    def rename_view_choices(self, coder: str, new: str) -> None:
        """Keep ``coder``'s view choices under her new name (``coder-rename``)."""
        for key in self.store.settings.keys("tui."):
            if key.endswith(f".{coder}"):
                self.store.settings.rename(key, key[: -len(coder)] + new)

    def restore_said(self, coder: str) -> str | None:
        """Once per coder and restore: that `restore` put the project back to a backup since she last opened the
        workbench, and where what was made after it is (she reopened on "0 codings by anna" where she coded 23)."""
        got = self.store.settings.get("restored")
        if not isinstance(got, dict) or not got.get("at") or self.view_choice(coder, RESTORE_SEEN) == got["at"]:
            return None
        owner = project_of(Path(str(got.get("kept") or "")))  # a copy of a restored project (`backup -o`) was not
        if owner is not None and self.path is not None and owner.resolve() != Path(self.path).resolve():
            return None  # restored itself, and the merge offered would bring another file's codings into it
        self.keep_view_choice(coder, RESTORE_SEEN, got["at"])
        mine = (got.get("made") or {}).get(coder)
        yours = f" (your {plural(mine, 'coding')} among it)" if mine else ""
        merge = (f": `sto-qual merge {shlex.quote(str(got.get('kept')))} --project "
                 f"{shlex.quote(str(self.path or ''))}` brings the codings back" if got.get("made") else "")
        return (f"This project was restored on {str(got['at'])[:16].replace('T', ' at ')} from {got.get('backup')}: "
                f"the project as it was before, with what was made after that backup{yours}, is kept in "
                f"{got.get('kept')}{merge}")

    def keep_view_choice(self, coder: str, name: str, value: Any) -> None:
        """Keep ``coder``'s view choice ``name`` for this project (a JSON value), for the next session."""
        self.store.settings.set(f"tui.{name}.{coder}", value)

    def hide_others(self, coder: str, hidden: bool) -> None:
        """Keep ``coder``'s choice to hide (or show) the other coders' codings. Showing them while she
        hid them, beside a coder with codings she was not yet compared with in a meeting, is kept with
        its time the first time (``saw_others``): what she codes after it is no independent coding, and
        the agreement and the chapter's method say so (it said "onafhankelijk" of a coder who looked)."""
        if not hidden and self.view_choice(coder, HIDE_OTHERS) is True and self.view_choice(coder, SAW_OTHERS) is None:
            met = self._meetings()
            if coder not in met and any(c["codings"] and c["name"] != coder and c["name"] not in met
                                        and frozenset((coder, c["name"])) not in met.values()
                                        for c in self.store.coders.all()):
                from sto_qual.store.connection import now
                self.keep_view_choice(coder, SAW_OTHERS, now())
        self.keep_view_choice(coder, HIDE_OTHERS, bool(hidden))

    def saw_others(self, coder: str) -> str | None:
        """When ``coder`` first showed the other coders' codings while coding blind (``hide_others``), or None."""
        return self.view_choice(coder, SAW_OTHERS)

    def start_blind(self, coder: str, first: bool = False) -> bool:
        """A coder opening the workbench for the first time on a project others coded already
        starts blind: the other coders' codings hidden (kept as her choice, so it stays once she
        codes; the Coder's ``o`` shows them). Independent double coding begins unseen, as the
        second coder of a reliability check expects; True when it was chosen so just now. ``first``:
        her first coding, made just now by a command (she is new to the project as the workbench sees it)."""
        if self.view_choice(coder, HIDE_OTHERS) is not None or coder in self._meetings():
            return False  # chosen already, or a meeting's agreed coding (it settles what the two coded)
        coders = {c["name"]: c["codings"] for c in self.store.coders.all()} | ({coder: 0} if first else {})
        if not any(n for name, n in coders.items() if name != coder):
            return False
        # the first coder of a pair, back after the second began blind, starts blind too: she saw
        # the other's codings on her screen unwarned, and her own were no longer independent
        if coders.get(coder) and not self.blind_peers(coder):
            return False
        self.keep_view_choice(coder, HIDE_OTHERS, True)
        if not coders.get(coder):  # her blind round begins (hiding the others with `o` begins none)
            self.keep_view_choice(coder, BLIND_START, True)
        return True

    def show_others_now(self, coder: str) -> str | None:
        """`tui --show-others` (a report writer, a lead reading along): the others' codings shown from the
        start, as ``o`` shows them, without its question. The workbench would have started her blind, or
        she codes blind: that ends it (kept as ``o`` keeps it), and the sentence that says so; else None."""
        if not (self.start_blind(coder) or self.view_choice(coder, HIDE_OTHERS) is True):
            return None
        self.hide_others(coder, False)
        return (f"Every coder's codings are shown ({coder}, tui --show-others): what you code from now on is not "
                "independent coding, and `agreement` says so")

    def _meetings(self) -> dict[str, frozenset[str]]:
        """Each agreed coding (``services.agreed``) with the two coders it was started from."""
        return {name: frozenset(v["from"] if isinstance(v, dict) else v)
                for name, v in (self.store.settings.get(AGREED_SETTING) or {}).items()}

    def blind_round_over(self, coder: str) -> str | None:
        """The agreed coding started from ``coder``'s codings while she still hides the others' codings,
        said when she opens the workbench (nothing told her coding blind was no longer needed); else None."""
        if self.view_choice(coder, HIDE_OTHERS) is not True:
            return None
        return next((name for name, pair in self._meetings().items() if coder in pair), None)

    def coding_blind(self) -> list[str]:
        """The coders in a blind round now (``blind_peers`` of no one: not yet compared in a meeting)."""
        met = frozenset().union(*self._meetings().values())
        return [name for name in self.blind_peers("") if name not in met]

    def blind_peers(self, coder: str) -> list[str]:
        """The other coders with codings who code blind (started blind by ``start_blind`` and still hiding
        the others), while no agreed coding was started from the two: a meeting ends their round."""
        meetings = self._meetings()
        return [c["name"] for c in self.store.coders.all()
                if c["codings"] and c["name"] != coder and not {c["name"], coder} & meetings.keys()
                and frozenset((coder, c["name"])) not in meetings.values()
                and self.view_choice(c["name"], HIDE_OTHERS) is True
                and self.view_choice(c["name"], BLIND_START) is True]

    # ----------------------------------------------------------------- texts
    def text(self, doc_id: int) -> str:
        """Document text, cached (texts are immutable once imported)."""
        t = self._texts.get(doc_id)
        if t is None:
            if len(self._texts) > _TEXTS_KEPT:
                self._texts.clear()
            t = self.store.documents.text(doc_id)
            self._texts[doc_id] = t
        return t

    def words(self, doc_id: int, start: int, end: int) -> int:
        return count_words(self.text(doc_id)[start:end])

    def joinable(self, doc_id: int, code_id: int, coder_id: int, start: int, end: int) -> list[dict[str, Any]]:
        """The coder's codings of the code that a span joins (the TUI's coding, ``code --widen``,
        accepting a suggestion): those that overlap [start, end), and those that only touch it
        across white space within the same speaker's turn (``domain.spans.across_space``,
        ``speaker_changes``: the next speaker's turn stays a coding of its own); nearest first."""
        lo, hi = across_space(self.text(doc_id), start, end)
        rows = [self.store.codings.row(k) for k in self.store.codings.find(doc_id, code_id, coder_id, lo - 1, hi + 1)]
        touching = [r for r in rows if r["end"] <= start or r["start"] >= end]
        if touching:
            turns = [(t.start, t.end, t.speaker) for t in self.store.transcripts.turns(doc_id)]
            rows = [r for r in rows if r not in touching or not (
                speaker_changes(turns, r["end"], start) if r["end"] <= start else speaker_changes(turns, end, r["start"]))]
        return sorted(rows, key=lambda r: (max(r["start"] - end, start - r["end"], 0), r["start"]))

    def join_codings(self, doc_id: int, rows: list[dict[str, Any]], start: int, end: int, memo: str | None = None,
                     starred: bool = False) -> tuple[int, dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
        """The coder's codings ``rows`` of one code made one coding over them and ``start``-``end``
        (the first keeps its id, memos joined with ``memo``, starred if one was or ``starred``),
        inside the caller's transaction: (its id, the fields before, those changed, the undo
        actions; the others go first, as the widened span may be one of theirs)."""
        rows = sorted(rows, key=lambda r: (r["start"], r["id"]))
        keep, others = rows[0], rows[1:]
        start, end = min(start, keep["start"]), max(end, *(r["end"] for r in rows))
        fields = {"start": start, "end": end, "words": self.words(doc_id, start, end),
                  "memo": join_memos([*(r["memo"] for r in rows), memo]),
                  "starred": int(bool(starred or any(r["starred"] for r in rows)))}
        fields = {k: v for k, v in fields.items() if keep[k] != v}  # the undo step names what changed
        before = {k: keep[k] for k in fields}
        actions = []
        for r in others:
            self.store.codings.delete_row(r["id"])
            actions.append(history.removed(doc_id, r))
        if fields:
            self.store.codings.update_row(keep["id"], **fields)
            actions.append(history.updated(doc_id, keep["id"], before, fields, joined=True))
        return keep["id"], before, fields, actions

    def forget_text(self, doc_id: int) -> None:
        self._texts.pop(doc_id, None)

    def forget_cached(self) -> None:
        """Forget what this session cached (another program changed the project)."""
        self._texts.clear()
        self.store.codes.invalidate()


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (``report.files.atomic_write``);
    a failure is an ``ExportError`` naming the file."""
    from sto_qual.report.files import atomic_write
    atomic_write(path, lambda p: p.write_text(text, encoding="utf-8"))
