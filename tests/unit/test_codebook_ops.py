"""Codebook operations: add, rename, move, merge, delete; codings follow."""
import pytest

from sto_qual.domain.errors import CodebookError, UnknownCode


def test_add_rename_move_keep_codings(small_ws):
    ws = small_ws
    doc = ws.documents()[0].id
    ws.add_code("urgentie/huisvesting", definition="Gebouwen.")
    c = ws.assign_code(doc, "huisvesting", start=0, end=12)
    assert c.code == "urgentie/huisvesting"
    assert ws.rename_code("urgentie/huisvesting", "gebouwen") == "urgentie/gebouwen"
    assert ws.coding(c.id).code == "urgentie/gebouwen"
    assert ws.move_code("urgentie/gebouwen", "financieringsonzekerheid") == "financieringsonzekerheid/gebouwen"
    assert ws.coding(c.id).code == "financieringsonzekerheid/gebouwen"
    with pytest.raises(CodebookError):
        ws.move_code("urgentie", "urgentie/docententekort")  # under itself
    with pytest.raises(CodebookError):
        ws.add_code("bestaat-niet/kind")


def test_merge_moves_codings_and_children(small_ws):
    ws = small_ws
    doc = ws.documents()[0].id
    a = ws.assign_code(doc, "urgentie/arbeidsmarkt", start=0, end=12)
    n = ws.merge_codes("urgentie/arbeidsmarkt", "urgentie/docententekort")
    assert n == 1
    assert ws.coding(a.id).code == "urgentie/docententekort"
    with pytest.raises(UnknownCode):
        ws.code("urgentie/arbeidsmarkt")


def test_a_merge_onto_a_coding_of_the_same_span_keeps_both_memos_and_the_star(small_ws):
    """A passage coded with two sub-codes, merged: the coding of the code merged away went, and its
    memo and star with it, unsaid (a tester lost "memo op ieder" and the demo three memos)."""
    ws = small_ws
    doc = ws.documents()[0].id
    kept = ws.assign_code(doc, "urgentie/docententekort", start=0, end=12, memo="eigen memo")
    gone = ws.assign_code(doc, "urgentie/arbeidsmarkt", start=0, end=12, memo="memo op de andere", starred=True)
    merged = ws.merge_codes_backed_up("urgentie/arbeidsmarkt", "urgentie/docententekort")
    assert (merged.moved, merged.joined) == (1, 1)  # said ("1 moved" hid that it became one with another)
    joined = ws.coding(kept.id)
    assert (joined.start, joined.end, joined.starred) == (0, 12, True)
    assert joined.memo == "eigen memo\nmemo op de andere"
    assert [c.id for c in ws.codings(doc=doc)] == [kept.id] and gone.id != kept.id


def test_delete_refused_with_codings_unless_forced(small_ws):
    ws = small_ws
    doc = ws.documents()[0].id
    ws.assign_code(doc, "urgentie/krimp-leerlingaantallen", start=0, end=12)
    with pytest.raises(CodebookError, match="1 coding"):
        ws.delete_code("urgentie/krimp-leerlingaantallen")
    assert ws.delete_code("urgentie/krimp-leerlingaantallen", force=True) == 1
    assert ws.codings(doc=doc) == []
    assert ws.delete_code("urgentie/arbeidsmarkt") == 0


def test_ambiguous_and_unknown_codes(small_ws):
    ws = small_ws
    ws.add_code("collectief-optrekken/impact")
    with pytest.raises(UnknownCode, match="ambiguous"):
        ws.code("impact")
    with pytest.raises(UnknownCode, match="unknown code"):
        ws.code("bestaat-niet")
    assert ws.code("docententekort").path == "urgentie/docententekort"


def test_a_new_sub_code_gets_a_shade_of_its_theme_not_its_colour(empty_ws):
    """A coder added urgentie/leefbaarheid while coding: it was stored with exactly Urgentie's
    colour, so its spans looked like codings of the theme itself. A new sub-code that names no
    colour gets a shade of its theme's hue, clear of the theme's and its siblings' colours; one
    that names its colour keeps it."""
    from sto_qual.domain.codebook import _distance
    theme = empty_ws.add_code("eigen-thema", colour="#c0392b")
    subs = [empty_ws.add_code(f"eigen-thema/deel-{i}") for i in range(8)]
    colours = [theme.colour] + [c.colour for c in subs]
    assert len(set(colours)) == len(colours), colours
    for i, a in enumerate(colours):
        for b in colours[i + 1:]:
            assert _distance(a, b) >= 24, (a, b)
    r, g, b = (int(subs[0].colour[i:i + 2], 16) for i in (1, 3, 5))
    assert r > g and r > b  # red, as its theme
    assert empty_ws.add_code("eigen-thema/eigen", colour="#00ff00").colour == "#00ff00"


def test_a_file_adding_a_code_beside_a_coded_one_of_its_label_or_definition_looks_like_a_rename():
    """A codebook file that renamed a coded theme added the new name beside the old; the pair is found by its
    label (any spacing and capitals) or by its definition, under the same parent, only when the old one (or a
    sub-code of it) holds codings; the new one's sub-codes move with it and are no pairs of their own."""
    from sto_qual.domain.codebook import renamed_by_file
    from sto_qual.domain.model import Code

    def code(i, path, label=None, definition=""):
        parent = path.rsplit("/", 1)[0] if "/" in path else None
        return Code(id=i, path=path, name=path.rsplit("/", 1)[-1], parent=parent, colour="#000000", label=label,
                    definition=definition)
    tree = [code(1, "samen", "Collectief  optrekken"), code(2, "samen/vertrouwen", "Vertrouwen"),
            code(3, "collectief", "collectief optrekken"), code(4, "collectief/vertrouwen", "Vertrouwen"),
            code(5, "geld", "Geld", "Over de financiering."), code(6, "middelen", "Middelen", "Over de financiering."),
            code(7, "leeg", "Leeg"), code(8, "ook-leeg", "leeg")]
    counts = {2: 4, 5: 1}  # the old theme's codings are on its sub-code; "leeg" holds none
    added = ["collectief", "collectief/vertrouwen", "middelen", "ook-leeg"]
    kept = ["samen", "samen/vertrouwen", "geld", "leeg"]
    assert renamed_by_file(tree, counts, added, kept) == [["samen", "collectief"], ["geld", "middelen"]]


def test_a_delete_says_whose_codings_it_takes_and_their_memos_and_stars():
    from types import SimpleNamespace as C

    from sto_qual.domain.codebook import what_a_delete_takes
    codings = [C(coder="onderzoeker-a", memo="x", starred=True), C(coder="onderzoeker-a", memo=None, starred=True),
               C(coder="anna", memo="y", starred=False), C(coder="bram", memo=None, starred=False)]
    assert what_a_delete_takes(codings) == "by onderzoeker-a 2, anna 1 and bram 1, with 2 memos and 2 stars"
    assert what_a_delete_takes(codings[2:3]) == "by anna 1, with 1 memo"
    assert what_a_delete_takes(codings[3:]) == "by bram 1"


def test_a_sub_code_moved_under_another_theme_takes_a_shade_of_its_colour(empty_ws):
    """A lead moved 'andere netwerken' from the green theme to the blue one: it stayed green among the blue
    sub-codes, and read in the transcript as the old theme's. A colour of its own (another hue) stays."""
    from sto_qual.domain.codebook import old_theme_shade
    assert old_theme_shade("#117a65", "#229954", "#2471a3") and not old_theme_shade("#d68910", "#229954", "#2471a3")
    ws = empty_ws
    for path, colour in (("groen", "#229954"), ("blauw", "#2471a3"), ("groen/netwerken", "#117a65"),
                         ("groen/eigen", "#d68910")):
        ws.add_code(path, colour=colour)
    ws.move_code("groen/netwerken", "blauw")
    ws.move_code("groen/eigen", "blauw")
    colours = {c.path: c.colour for c in ws.codebook()}
    assert old_theme_shade(colours["blauw/netwerken"], "#2471a3", "#229954")  # a shade of blue now
    assert colours["blauw/eigen"] == "#d68910"  # her own orange stays
