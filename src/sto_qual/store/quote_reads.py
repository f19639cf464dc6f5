"""Read models for choosing the chapter's quotes: a small pool of candidate codings per
interview and code (without their text), then the text of only the few that are kept.
Reading whole transcripts for 50,000 codings is what made the report slow."""
from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sto_qual.domain.model import Coding
from sto_qual.store.codings import CODING_SELECT, coding_from_row
from sto_qual.store.connection import in_chunks, marks
from sto_qual.store.records import QuoteCandidate

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.store.project_store import ProjectStore

_POOL_COLS = "k.id, k.document_id, k.code_id, k.start, k.\"end\", k.words, k.starred, k.coder_id"


def quote_pool(store: ProjectStore, code_ids: Sequence[int], *, coder_id: int | None = None,
               per_code: int = 2, min_words: int = 6, max_words: int = 70,
               ideal_words: int = 30) -> list[QuoteCandidate]:
    """Per interview and code, the ``per_code`` codings closest to ``ideal_words`` long, plus every
    starred coding of these codes: (id, document_id, code_id, start, end, words, starred, coder_id)."""
    if not code_ids:
        return []
    marks = ",".join("?" * len(code_ids))
    extra = " AND coder_id = ?" if coder_id is not None else ""
    params: list[Any] = [ideal_words, *code_ids, min_words, max_words]
    if coder_id is not None:
        params.append(coder_id)
    params += [per_code, *code_ids]
    if coder_id is not None:
        params.append(coder_id)
    sql = f"""SELECT {_POOL_COLS} FROM codings k WHERE k.id IN (
                SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY document_id, code_id
                                ORDER BY starred DESC, abs(words - ?), start) AS rn
                                FROM codings WHERE code_id IN ({marks}) AND words BETWEEN ? AND ?{extra})
                WHERE rn <= ?)
              OR (k.starred = 1 AND k.code_id IN ({marks}){extra.replace('coder_id', 'k.coder_id')})
              ORDER BY k.document_id, k.start, k.id"""
    return list(map(QuoteCandidate._make, store.conn.execute(sql, params)))


def coding_texts(store: ProjectStore, spans: Sequence[tuple[int, int, int]]) -> dict[tuple[int, int, int], str]:
    """Text of (document_id, start, end) spans, cut out by SQLite (character offsets) so a
    transcript is never read whole for one sentence."""
    out: dict[tuple[int, int, int], str] = {}
    for doc_id, start, end in spans:
        row = store.conn.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                                 (start + 1, end - start, doc_id)).fetchone()
        out[(doc_id, start, end)] = row[0] if row else ""
    return out


def previous_sentence(store: ProjectStore, doc_id: int, start: int) -> tuple[int, str] | None:
    """The sentence unit before the one ``start`` falls in, within the same speaker turn: its
    start and the verbatim text from there up to ``start``; None at the start of a turn."""
    here = store.conn.execute('SELECT turn_id, seq FROM units WHERE document_id = ? AND start <= ? AND "end" > ? '
                              "ORDER BY seq LIMIT 1", (doc_id, start, start)).fetchone()
    if here is None:
        return None
    prev = store.conn.execute("SELECT start FROM units WHERE document_id = ? AND turn_id = ? AND seq < ? "
                              "ORDER BY seq DESC LIMIT 1", (doc_id, here[0], here[1])).fetchone()
    if prev is None:
        return None
    text = store.conn.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                              (prev[0] + 1, start - prev[0], doc_id)).fetchone()[0]
    return prev[0], text


def unit_head(store: ProjectStore, doc_id: int, start: int) -> str:
    """The text of the sentence unit ``start`` falls in, from its start up to ``start`` ("" at a
    unit's start): what a passage coded from mid-sentence left off ("En " before "de investering")."""
    row = store.conn.execute('SELECT start FROM units WHERE document_id = ? AND start <= ? AND "end" > ? '
                             "ORDER BY seq LIMIT 1", (doc_id, start, start)).fetchone()
    if row is None or row[0] >= start:
        return ""
    return store.conn.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                              (row[0] + 1, start - row[0], doc_id)).fetchone()[0]


def codings_by_ids(store: ProjectStore, ids: Sequence[int]) -> list[Coding]:
    """Codings with these ids (text included), by document, start and id."""
    rows: list[tuple] = []
    for chunk in in_chunks(ids):
        rows += store.conn.execute(CODING_SELECT + f" WHERE k.id IN ({marks(chunk)})", chunk).fetchall()
    rows.sort(key=lambda r: (r[1], r[4], r[0]))
    texts = coding_texts(store, [(r[1], r[4], r[5]) for r in rows])
    return [coding_from_row(r, texts[(r[1], r[4], r[5])]) for r in rows]
