"""Merging another copy's summary grid and theme summaries (inside the merge's transaction;
see ``services.merge``)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from sto_qual.store import ProjectStore

if TYPE_CHECKING:  # pragma: no cover
    from sto_qual.services.workspace import Workspace


def merge_summaries(ws: Workspace, other: ProjectStore, doc_map: dict[int, int], code_map: dict[int, int],
                    kept: list[str]) -> int:
    """Bring in the other copy's summary-grid cells and theme summaries (inside the merge's
    transaction). Reviewed text there wins over a draft (or nothing) here; when both copies
    reviewed different text, ours stays and the other is reported. The codings a text rests
    on are matched by (document, code, coder, span), so text reviewed on the same codings
    stays current."""
    from sto_qual.domain.drafting import fingerprint
    mine, theirs = ws.store.summaries, other.summaries
    names = {r["id"]: r["name"] for r in other.coders.all()}
    my_ids = {(d, c, r, s, e): i for i, d, c, r, s, e, _m in mine.coding_basis()}
    my_coder = {n: ws.store.coders.by_name(n) for n in names.values()}
    id_map: dict[int, int] = {}
    for i, d, c, r, s, e, _m in theirs.coding_basis():
        key = (doc_map.get(d), code_map.get(c), my_coder.get(names.get(r)), s, e)
        if key in my_ids:
            id_map[i] = my_ids[key]

    def rebase(row: dict) -> dict:
        basis = sorted([id_map.get(b[0], -b[0]), *b[1:]] for b in row["basis"])
        return {**row, "basis": basis, "fingerprint": fingerprint(basis),
                "passages": [id_map[p] for p in row.get("passages", []) if p in id_map]}

    # the codebook's synthesis fields of codes this copy has none for (codes new to it)
    my_fields = mine.code_fields()
    for c, (summary, others) in sorted(theirs.code_fields().items()):
        if c in code_map and code_map[c] not in my_fields:
            mine.set_code_fields(code_map[c], summary, [code_map[o] for o in others if o in code_map])
    my_en = mine.code_summaries_en()
    for c, phrase in sorted(theirs.code_summaries_en().items()):  # and the English phrase where mine has none
        if c in code_map and code_map[c] not in my_en:
            mine.set_code_summary_en(code_map[c], phrase)
    my_topics = mine.code_topics()
    for c, (topic, topic_en) in sorted(theirs.code_topics().items()):  # and each topic where mine has none
        if c in code_map:
            here = my_topics.get(code_map[c], ("", ""))
            mine.set_code_topics(code_map[c], here[0] or topic, here[1] or topic_en)
    n = 0
    code_paths = {c.id: c.path for c in ws.store.codes.tree(with_counts=False)}
    for (d, c), row in sorted(theirs.cells().items()):
        if row["status"] != "reviewed" or d not in doc_map or c not in code_map:
            continue
        here = mine.cell(doc_map[d], code_map[c])
        if here is not None and here["status"] == "reviewed":
            if here["text"] != row["text"]:
                kept.append(f"summary of {ws.store.documents.meta(doc_map[d])['name']} x "
                                  f"{code_paths.get(code_map[c])} differs in both projects; this project's kept")
            continue
        mine.put_cell(rebase({**row, "document_id": doc_map[d], "code_id": code_map[c]}))
        n += 1
    for c, row in sorted(theirs.themes().items()):
        if row["status"] != "reviewed" or c not in code_map:
            continue
        here = mine.theme(code_map[c])
        if here is not None and here["status"] == "reviewed":
            if (here["text"], here["lead"], here["points"]) != (row["text"], row["lead"], row["points"]):
                kept.append(f"theme summary of {code_paths.get(code_map[c])} differs in both projects; "
                                  "this project's kept")
            continue
        mine.put_theme(rebase({**row, "code_id": code_map[c]}))
        n += 1
    return n
