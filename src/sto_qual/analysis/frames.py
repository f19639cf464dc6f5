"""Records from the store shaped as the DataFrames ``analysis.tables`` works on, and the
speaker-role crosstab (each coded passage matched to the turn it starts in)."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from sto_qual.analysis.tables import Wording, crosstab, saturation

CROSSTAB_COLUMNS = ["code", "value", "documents", "documents_total", "share", "wording", "codings", "words"]


def codes_frame(codes: Iterable[Any]) -> pd.DataFrame:
    """DataFrame[id, path, parent, position] of ``Code`` records, in codebook order."""
    return pd.DataFrame([(c.id, c.path, c.parent, c.position) for c in codes],
                        columns=["id", "path", "parent", "position"])


def aggregates_frame(rows: Iterable[tuple[int, int, int, int]],
                     keep: Collection[int] | None = None) -> pd.DataFrame:
    """DataFrame[document_id, code_id, codings, words]; only documents in ``keep`` when given."""
    agg = pd.DataFrame(list(rows), columns=["document_id", "code_id", "codings", "words"])
    return agg if keep is None else agg[agg["document_id"].isin(set(keep))]


def doc_values_frame(rows: Iterable[tuple[int, str]]) -> pd.DataFrame:
    """DataFrame[document_id, value]: a document may have several values."""
    return pd.DataFrame(list(rows), columns=["document_id", "value"])


def saturation_table(agg: pd.DataFrame, codes: pd.DataFrame,
                     order: Sequence[tuple[int, str, str]]) -> pd.DataFrame:
    """New codes per interview; ``order``: (document id, name, date or position) in interview order."""
    return saturation(agg, codes, pd.DataFrame(list(order), columns=["document_id", "name", "order_key"]))


def role_crosstab(codes: pd.DataFrame, turns: Sequence[tuple[int, int, str]],
                  spans: Sequence[tuple[int, int, int, int, int, int]], doc_ids: Collection[int],
                  wording: Wording, rollup: bool, words: Mapping[int, int] | None = None) -> pd.DataFrame:
    """code x speaker role. ``turns``: (document id, start, role) of every turn; ``spans``:
    (id, document id, code id, coder id, start, end) of the codings counted; ``words``: coding
    id -> words coded. A passage counts under the role of the turn it starts in; a span coded
    by several coders counts once (its words too)."""
    turn_df = pd.DataFrame(list(turns), columns=["document_id", "start", "value"])
    span_df = pd.DataFrame(list(spans), columns=["id", "document_id", "code_id", "coder_id", "start", "end"])
    span_df = span_df[span_df["document_id"].isin(doc_ids)].drop_duplicates(["document_id", "code_id", "start", "end"])
    span_df = span_df.sort_values("start")
    turn_df = turn_df.sort_values("start")
    merged = pd.merge_asof(span_df, turn_df[["document_id", "start", "value"]], on="start", by="document_id")
    merged["value"] = merged["value"].fillna("onbekend")
    merged["words"] = merged["id"].map(words or {}).fillna(0).astype(int)
    agg = merged.groupby(["document_id", "code_id", "value"]).agg(codings=("id", "size"), words=("words", "sum")
                                                                  ).reset_index()
    doc_values = turn_df[turn_df["document_id"].isin(doc_ids)][["document_id", "value"]].drop_duplicates()
    # each (document, role) pair is its own row so crosstab counts documents per role
    parts = []
    for value, grp in agg.groupby("value"):
        parts.append(crosstab(grp[["document_id", "code_id", "codings", "words"]], codes,
                              doc_values[doc_values["value"] == value], wording, rollup))
    if not parts:
        return pd.DataFrame(columns=CROSSTAB_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def cooccurrence_codes(codes: Iterable[Any]) -> pd.DataFrame:
    """DataFrame[id, path] of ``Code`` records (what ``tables.cooccurrence`` needs)."""
    return pd.DataFrame([(c.id, c.path) for c in codes], columns=["id", "path"])
