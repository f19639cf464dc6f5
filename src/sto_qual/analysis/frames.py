"""Records from the store shaped as the DataFrames ``analysis.tables`` works on, and the
speaker-role crosstab."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from sto_qual.analysis.tables import Wording, crosstab, saturation
from sto_qual.domain.roles import INTERVIEWER

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
                     order: Sequence[tuple[int, str, str]], rollup: bool = True) -> pd.DataFrame:
    """New codes per interview; ``order``: (document id, name, date or position) in interview order."""
    return saturation(agg, codes, pd.DataFrame(list(order), columns=["document_id", "name", "order_key"]), rollup)


def covered_frame(covered: Mapping[tuple[Any, int], Sequence[int]]) -> pd.DataFrame:
    """DataFrame[document_id, path, codings, words] of ``domain.spans.coverage``'s result keyed
    by code path."""
    return pd.DataFrame([(doc, path, n, w) for (path, doc), (n, w) in covered.items()],
                        columns=["document_id", "path", "codings", "words"])


def role_crosstab(covered: Mapping[tuple[tuple[str, str], int], Sequence[int]],
                  doc_roles: Iterable[tuple[int, str]], paths: Sequence[str], wording: Wording) -> pd.DataFrame:
    """code x speaker role. ``covered``: ``domain.spans.coverage``'s result keyed by (path,
    role), each passage under the role of the turn it starts in; ``doc_roles``: (document id,
    role) of every role that speaks in a document (what a role's share is of)."""
    rows = pd.DataFrame([(doc, path, role, n, w) for ((path, role), doc), (n, w) in covered.items()],
                        columns=["document_id", "path", "value", "codings", "words"])
    doc_values = doc_values_frame(sorted(set(doc_roles)))
    # each role on its own, so that crosstab counts the documents per role; a role that speaks in the
    # interviews counted but none of whose passages has a code gets its row of zeros (a coder's
    # directors were left out of `stats --by role` while she had coded only the bestuurders)
    spoken = sorted(set(rows["value"]) | set(doc_values["value"]))
    parts = [crosstab(rows.loc[rows["value"] == value, ["document_id", "path", "codings", "words"]], paths,
                      doc_values[doc_values["value"] == value], wording)
             for value in spoken]
    if not parts:
        return pd.DataFrame(columns=CROSSTAB_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    # the interviewer, no respondent, only where a passage of theirs is coded: one coded question
    # gave every code a row of zeros for the interviewer
    out = out[(out["value"] != INTERVIEWER) | (out["documents"] > 0)]
    order = {p: i for i, p in enumerate(paths)}  # code by code, as by an attribute: each code's roles together
    out["_order"] = out["code"].map(order)
    return out.sort_values(["_order", "value"], kind="stable").drop(columns="_order").reset_index(drop=True)


def cooccurrence_codes(codes: Iterable[Any]) -> pd.DataFrame:
    """DataFrame[id, path] of ``Code`` records (what ``tables.cooccurrence`` needs)."""
    return pd.DataFrame([(c.id, c.path) for c in codes], columns=["id", "path"])
