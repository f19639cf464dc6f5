"""The store's aggregates on an in-memory project: named records, one where-rule, the code
cache after a failed write, the schema's history in its own module, no dead methods."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from sto_qual.domain.history import documents_of
from sto_qual.domain.model import Coding, CodeSpec
from sto_qual.store import ProjectStore, migrations
from sto_qual.store.connection import where

STORE = Path(__file__).resolve().parents[2] / "src" / "sto_qual" / "store"
TEXT = "Interviewer: Hoe gaat het? Jan: Het tekort aan docenten is groot. Dat merken we elke dag."
START = TEXT.index("Het")
END = TEXT.index("Dat") - 1  # "Het tekort aan docenten is groot."


@pytest.fixture()
def store():
    s = ProjectStore(None)
    s.codes.upsert(CodeSpec(path="urgentie", name="urgentie", parent=None, colour="#c0392b"), 1)
    s.codes.upsert(CodeSpec(path="urgentie/tekort", name="tekort", parent="urgentie", colour="#e74c3c"), 1)
    doc = s.documents.add(name="R01", source_file="R01.txt", format="text", content_hash="h1", text=TEXT,
                          words=15, attributes={"regio": "fictief"},
                          turns=[(0, 26, "Interviewer", None, None), (27, len(TEXT), "Jan", None, None)],
                          units=[(0, 0, 26, ""), (1, 27, END, ""), (1, END + 1, len(TEXT), "")],
                          folded=["", "", ""])
    coder = s.coders.ensure("alice")
    code = s.codes.find("tekort").id
    with s.transaction():
        s.codings.insert(document_id=doc, code_id=code, coder_id=coder, start=START, end=END, words=6, starred=True)
        s.codings.insert(document_id=doc, code_id=code, coder_id=s.coders.ensure("bob"), start=START, end=END, words=6)
        s.history.push(coder, {"op": "add", "document_id": doc, "coding": {"id": 1, "document_id": doc}})
    yield s
    s.close()


def test_reads_return_named_records_that_still_unpack(store):
    rows = store.codings.all()
    assert all(isinstance(r, Coding) for r in rows)
    assert rows[0].text == "Het tekort aan docenten is groot." and rows[0].starred is True
    cid, doc_id, *_ = rows[0]
    assert (cid, doc_id) == (rows[0].id, rows[0].document_id)
    cell = store.counts.cells()[0]
    assert (cell.codings, cell.words) == (1, 6)  # the span two coders share counts once
    assert store.counts.spans() == [(1, store.codes.find("tekort").id, START, END, 6)]  # once, for coverage
    rec = store.codings.records()[0]
    assert (rec.start, rec.end, rec.starred) == (START, END, 1)
    assert store.documents.find("R01") == (1, "R01") and store.documents.find("R01").name == "R01"
    assert [u.start for u in store.transcripts.unit_spans()] == [0, 27, END + 1]
    step = store.history.last(store.coders.by_name("alice"), undone=False)
    assert step.action["op"] == "add" and store.history.depth(store.coders.by_name("alice")) == (1, 0)


def test_columns_are_lists_in_codings_field_order(store):
    cols = store.codings.all(columns=True)
    assert len(cols) == len(Coding._fields) and cols[Coding._fields.index("text")][0].startswith("Het tekort")
    cols[10] = [bool(v) for v in cols[10]]  # the CLI rewrites a column in place


def test_where_keeps_only_the_conditions_given():
    assert where(("a = ?", None), ("b IN", None)) == ("", [])
    assert where(("a = ?", 0), ("b IN", [1, 2]), ("m != ''", True)) == (" WHERE a = ? AND b IN (?,?) AND m != ''",
                                                                        [0, 1, 2])


def test_a_failed_write_forgets_the_cached_code_tree(store):
    assert store.codes.find("tekort")
    with pytest.raises(RuntimeError):
        with store.transaction() as c:
            c.execute("UPDATE codes SET name = 'kwijt' WHERE path = 'urgentie/tekort'")
            store.codes.invalidate()
            store.codes.find("kwijt")  # the cache now holds the uncommitted name
            raise RuntimeError("boom")
    assert store.codes.find("tekort").name == "tekort"


def test_deleting_a_document_drops_the_undo_steps_that_touch_it(store):
    assert documents_of({"op": "batch", "actions": [{"op": "remove", "coding": {"document_id": 7}},
                                                    {"op": "add", "document_id": 8}]}) == {7, 8}
    store.documents.delete(1)
    assert store.history.last(store.coders.by_name("alice"), undone=False) is None


def test_the_schema_history_lives_in_migrations_with_the_same_names():
    # projects on disk record these names: they must keep their order and spelling
    assert migrations.known()[:5] == ["m001_create_tables", "m002_never_reuse_ids", "m003_create_summaries",
                                      "m004_add_code_label_en", "m006_index_positions_and_unit_spans"]
    assert migrations.SCHEMA_VERSION == len(migrations.MIGRATIONS)


def test_the_store_has_no_module_over_400_lines_and_no_dead_methods(store):
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in STORE.glob("*.py")}
    assert max(sizes.values()) <= 400, sizes
    for gone in ("turn", "unit_rows", "clear_pending", "quote_candidates"):
        assert not any(hasattr(getattr(store, agg), gone) for agg in ("documents", "transcripts", "suggestions",
                                                                       "codings")), gone
    assert not hasattr(store, "coding_tuples") and not hasattr(store, "find_code")


def _store_imports(path: Path) -> set[str]:
    """Store modules ``path`` imports at run time (imports under TYPE_CHECKING left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and id(node) not in typing_only and (node.module or "").startswith(
                "sto_qual.store"):
            out.add(node.module if node.module != "sto_qual.store" else "sto_qual.store." + node.names[0].name)
    return out


def test_layers_inside_the_store():
    """The composer on top; aggregates below it never import it; connection, records and the
    migrations at the bottom import no other store module."""
    for path in STORE.glob("*.py"):
        imports = _store_imports(path)
        if path.stem not in ("__init__", "project_store"):
            assert "sto_qual.store.project_store" not in imports, path.name
        if path.stem in ("connection", "records", "migrations"):
            assert imports <= {"sto_qual.store._sqlite_utils"}, (path.name, imports)
