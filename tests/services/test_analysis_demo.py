"""Analysis on the demo project, checked against counts computed independently from the
reference codings files."""
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

CODINGS = Path(__file__).resolve().parents[2] / "transcripts" / "codings"


def _file_codings(coder):
    out = []
    for f in sorted((CODINGS / coder).glob("*.yaml")):
        data = yaml.safe_load(f.read_text(encoding="utf-8"))
        out += [(data["document"], c["code"]) for c in data["codings"]]
    return out


def test_theme_counts_match_the_codings_files(demo_ws):
    rows = demo_ws.theme_counts(coder="onderzoeker-a", rollup=True).set_index("code")
    items = _file_codings("onderzoeker-a")
    docs = defaultdict(set)
    n = defaultdict(int)
    for doc, code in items:
        for i in range(len(code.split("/"))):
            p = "/".join(code.split("/")[: i + 1])
            docs[p].add(doc)
            n[p] += 1
    for code, row in rows.iterrows():
        assert row["documents"] == len(docs[code]), code
        assert row["documents_total"] == 19
        assert row["codings"] == n[code], code


def test_one_transcript_by_hand(demo_ws):
    # R01, coder a: the file lists its codings; count per theme by hand
    items = [c for d, c in _file_codings("onderzoeker-a") if d == "R01"]
    rows = demo_ws.theme_counts(coder="onderzoeker-a", where={"doc": "R01"}).set_index("code")
    assert rows.loc["urgentie", "codings"] == sum(1 for c in items if c.startswith("urgentie"))
    assert rows.loc["urgentie", "documents_total"] == 1
    m = demo_ws.presence_matrix(coder="onderzoeker-a")
    for code in ("urgentie", "financieringsonzekerheid"):
        assert m.loc[code, "R01"] == sum(1 for c in items if c.split("/")[0] == code)


def test_no_rollup_counts_only_direct_codings(demo_ws):
    rolled = demo_ws.theme_counts(rollup=True).set_index("code")
    direct = demo_ws.theme_counts(rollup=False).set_index("code")
    assert direct.loc["urgentie", "codings"] < rolled.loc["urgentie", "codings"]
    subs = [c for c in direct.index if c.startswith("urgentie/")]
    assert rolled.loc["urgentie", "codings"] == direct.loc["urgentie", "codings"] + direct.loc[subs, "codings"].sum()


def test_all_coders_counts_a_span_once(demo_ws):
    r02 = demo_ws.document("R02")
    c = demo_ws.codings(doc=r02.id, coder="onderzoeker-a")[0]
    before = demo_ws.theme_counts(where={"doc": "R02"}, rollup=False).set_index("code").loc[c.code, "codings"]
    demo_ws.assign_code(r02.id, c.code, start=c.start, end=c.end, coder="onderzoeker-c")
    after = demo_ws.theme_counts(where={"doc": "R02"}, rollup=False).set_index("code").loc[c.code, "codings"]
    assert before == after


def test_crosstab_by_region_type_adds_up(demo_ws):
    ct = demo_ws.crosstab("region_type")
    totals = ct.groupby("value")["documents_total"].first()
    assert totals.sum() == 19
    u = ct[ct["code"] == "urgentie"]
    assert (u["documents"] <= u["documents_total"]).all()
    assert set(ct.columns) >= {"code", "value", "documents", "documents_total", "share", "wording", "codings", "words"}


def test_crosstab_by_speaker_role(demo_ws):
    ct = demo_ws.crosstab("role")
    assert {"bestuurder", "penvoerder", "directeur", "programmaleider"} <= set(ct["value"])
    # the same keys as by an attribute (the README's contract), words included: per role the
    # words of the passages spoken in that role, a span coded by several coders once
    assert list(ct.columns) == list(demo_ws.crosstab("region_type").columns)
    # code by code, as by an attribute (it listed every code of one role, then the next role)
    codes = list(dict.fromkeys(ct["code"]))
    assert codes == [c.path for c in demo_ws.codebook()] and list(ct["code"]) == sorted(ct["code"], key=codes.index)
    assert (ct["words"] >= ct["codings"]).all() and ((ct["codings"] > 0) == (ct["words"] > 0)).all()
    leaf = ct[(ct["code"] == "urgentie/docententekort") & (ct["value"] == "bestuurder")].iloc[0]
    by_attribute = demo_ws.crosstab("region_type")
    assert 0 < leaf["words"] <= by_attribute[by_attribute["code"] == "urgentie/docententekort"]["words"].sum()


def test_cooccurrence_counts_shared_units(small_ws):
    ws = small_ws
    d = ws.documents()[0]
    u = ws.units(d.id)
    ws.assign_code(d.id, "urgentie/docententekort", unit=u[1].id)
    ws.assign_code(d.id, "vmbo-in-the-lead", start=u[1].start + 2, end=u[1].end - 2)
    ws.assign_code(d.id, "collectief-optrekken", unit=u[4].id)
    pairs = ws.cooccurrence().to_dict(orient="records")
    # each on that one sentence only: always together, c 1 (ATLAS.ti's c-coefficient)
    assert pairs == [{"code_a": "urgentie/docententekort", "code_b": "vmbo-in-the-lead", "units": 1, "documents": 1,
                      "c": 1.0}]
    ws.assign_code(d.id, "vmbo-in-the-lead", unit=u[6].id)  # and once alone: one of the two sentences with either
    assert ws.cooccurrence().to_dict(orient="records")[0]["c"] == 0.5


def test_saturation_in_date_order(demo_ws):
    sat = demo_ws.saturation()
    assert list(sat["date"]) == sorted(sat["date"])
    assert sat["cumulative"].is_monotonic_increasing
    assert sat["new_codes"].sum() == sat["cumulative"].iloc[-1]


def test_a_date_that_is_no_date_comes_after_the_dated_interviews_in_saturation(demo_ws):
    """"date: 12" and "2024-02-30" were sorted as text among the real dates ("12" before
    "2023-…"); they are interviews without a date, after the dated ones, as one with none is."""
    first = demo_ws.saturation()
    demo_ws.document_service.change_attributes("R05", {"date": "12"}, [])
    demo_ws.document_service.change_attributes("R09", {"date": "2024-02-30"}, [])
    order = list(demo_ws.saturation()["doc"])
    assert order[-2:] == ["R05", "R09"] and order[:-2] == [d for d in first["doc"] if d not in ("R05", "R09")]


def test_saturation_counts_a_theme_from_its_first_sub_code_as_stats_does(demo_ws):
    """An analyst read "R18: 1 new code, urgentie" as new material in the fourteenth interview,
    while stats counts urgentie in all 19 (R18 is the only one with a coding on the theme itself)."""
    first = demo_ws.saturation().iloc[0]
    new = set(first["new"])
    assert first["doc"] == "R01" and "urgentie" in new
    assert {p.split("/")[0] for p in new} <= new  # each sub-code's theme is new with it
    direct = demo_ws.saturation(rollup=False)
    assert [row["doc"] for _, row in direct.iterrows() if "urgentie" in row["new"]] == ["R18"]
    krimp = demo_ws.saturation(where={"region_type": "krimp"})
    assert list(krimp["doc"]) == ["R02", "R12", "R17", "R05"]  # in date order
    assert "urgentie" in krimp.iloc[0]["new"]


def test_agreement_between_reference_coders(demo_ws):
    res = demo_ws.agreement("onderzoeker-a", "onderzoeker-b")
    assert sorted(res["overall"]["documents"]) == ["R02", "R05", "R07", "R11", "R14", "R18"]
    row = next(r for r in res["codes"] if r["code"] == "financieringsonzekerheid/impact")
    assert row["units"] == row["both"] + row["only_a"] + row["only_b"] + row["neither"]
    assert 0 < row["kappa"] <= 1
    assert res["disagreements"] and {"unit", "doc", "code", "coded_by"} <= set(res["disagreements"][0])
    with pytest.raises(Exception):
        demo_ws.agreement("onderzoeker-a", "onderzoeker-a")
    # names typed in another case are the stored coders, and are said as stored
    typed = demo_ws.agreement("Onderzoeker-A", "ONDERZOEKER-B")
    assert typed["overall"]["coders"] == res["overall"]["coders"] == ["onderzoeker-a", "onderzoeker-b"]


def test_a_code_neither_coder_used_changes_no_overall_agreement(demo_ws):
    """An unused code in the codebook only adds units where both said "not this code": it must
    not raise the overall alpha or percentage (it did, slightly), as it leaves the mean kappa alone."""
    before = demo_ws.agreement("onderzoeker-a", "onderzoeker-b")["overall"]
    demo_ws.add_code("urgentie/nog-niet-gebruikt", definition="Een code die nog niemand heeft gebruikt.")
    demo_ws.add_code("nieuw-thema", definition="Een thema zonder coderingen.")
    after = demo_ws.agreement("onderzoeker-a", "onderzoeker-b")
    assert any(r["code"] == "nieuw-thema" for r in after["codes"])
    for key in ("alpha", "percent_agreement", "mean_kappa"):
        assert after["overall"][key] == before[key], key
    themes = demo_ws.agreement("onderzoeker-a", "onderzoeker-b", rollup=True)["overall"]
    assert themes["alpha"] is not None


def test_one_coding_by_a_third_person_never_takes_over_the_agreement_pair(demo_ws):
    """The default pair was the first two coders by name: after one coding by "collega" the
    dashboard, `agreement` and the report compared collega with onderzoeker-a over one document."""
    assert demo_ws.agreement_pair() == ("onderzoeker-a", "onderzoeker-b")
    doc = demo_ws.document("R02")
    demo_ws.assign_code(doc.id, "urgentie", unit=demo_ws.units(doc.id)[3].id, coder="collega")
    assert demo_ws.agreement_pair() == ("onderzoeker-a", "onderzoeker-b")  # the six interviews both coded


def _union_words(text, spans):
    """Words of the text the spans cover, each once (computed here, independently)."""
    from sto_qual.domain.text import count_words
    covered = []
    for s, e in sorted(spans):
        if covered and s < covered[-1][1]:
            covered[-1][1] = max(covered[-1][1], e)
        else:
            covered.append([s, e])
    return sum(count_words(text[s:e]) for s, e in covered)


def test_overlapping_codings_count_their_words_once(demo_ws):
    """An analyst coded R03 three times with one code, overlapping and nested, and `stats`
    said 62 words for a passage of 41; a second coder's wider span made it 103 with all coders
    merged, and a theme with two sub-codes on one passage counted it twice. Each word counts
    once: in the theme counts, by region type and by speaker role."""
    from sto_qual.domain.text import count_words
    r03 = demo_ws.document("R03")
    text = demo_ws.document_text(r03.id)
    code = "urgentie/arbeidsmarkt"
    before = demo_ws.theme_counts(coder="onderzoeker-a", where={"doc": "R03"}).set_index("code")
    for s, e in ((1334, 1469), (1404, 1611), (1470, 1549)):
        demo_ws.assign_code(r03.id, code, start=s, end=e, coder="onderzoeker-a")
    demo_ws.assign_code(r03.id, code, start=1334, end=1611, coder="onderzoeker-b")
    assert count_words(text[1334:1611]) == 41
    mine = [(c.start, c.end) for c in demo_ws.codings(doc=r03.id, code=code, coder="onderzoeker-a")]
    rows = demo_ws.theme_counts(coder="onderzoeker-a", where={"doc": "R03"}).set_index("code")
    assert rows.loc[code, "codings"] == before.loc[code, "codings"] + 3
    assert rows.loc[code, "words"] == _union_words(text, mine)
    every = [(c.start, c.end) for c in demo_ws.codings(doc=r03.id, code=code)]
    merged = demo_ws.theme_counts(coder=None, where={"doc": "R03"}).set_index("code")
    assert merged.loc[code, "words"] == _union_words(text, every)
    ct = demo_ws.crosstab("region_type", coder="onderzoeker-a", where={"doc": "R03"})
    assert ct[ct["code"] == code]["words"].sum() == _union_words(text, mine)
    by_role = demo_ws.crosstab("role", coder="onderzoeker-a", where={"doc": "R03"})
    assert 0 < by_role[by_role["code"] == code]["words"].sum() <= _union_words(text, mine)


def test_a_themes_words_count_a_passage_two_of_its_sub_codes_share_once(demo_ws):
    """The demo's R02 has one passage coded both contacten-po and ieder-voor-zich: the theme
    counted its words twice (collectief-optrekken 4052 words where its codings cover 3842)."""
    theme = "collectief-optrekken"
    rows = demo_ws.theme_counts(coder="onderzoeker-a").set_index("code")
    expected = 0
    for doc in demo_ws.documents():
        spans = [(c.start, c.end) for c in demo_ws.codings(doc=doc.id, code=theme, coder="onderzoeker-a")]
        expected += _union_words(demo_ws.document_text(doc.id), spans)
    subs = [c for c in rows.index if c.startswith(theme + "/")]
    direct = demo_ws.theme_counts(coder="onderzoeker-a", rollup=False).set_index("code")
    assert rows.loc[theme, "words"] == expected < direct.loc[[theme, *subs], "words"].sum()


def test_a_coding_over_two_speakers_counts_for_each_of_their_roles(demo_ws):
    """A coding over the end of a director's turn and the start of a penvoerder's counted all
    its 30 words and the interview for the director, and the penvoerder not at all."""
    from sto_qual.domain.text import count_words
    r05 = demo_ws.document("R05")
    turns = [t for t in demo_ws.turns(r05.id) if t.start < 3250 and t.end > 3050]
    assert len(turns) == 2 and turns[0].speaker != turns[1].speaker  # the passage runs over two speakers
    code = "collectief-optrekken/ieder-voor-zich"

    def by_role():
        ct = demo_ws.crosstab("role", coder="onderzoeker-a", where={"doc": "R05"}, rollup=False)
        return {r["value"]: (r["documents"], r["words"]) for r in ct.to_dict("records") if r["code"] == code}
    before = by_role()
    demo_ws.assign_code(r05.id, code, start=3050, end=3250, coder="onderzoeker-a")
    after = by_role()
    text = demo_ws.document_text(r05.id)
    grew = {role: after[role][1] - before[role][1] for role in after if after[role] != before[role]}
    parts = sorted(count_words(text[max(3050, t.start):min(3250, t.end)]) for t in turns)
    assert sorted(grew.values()) == parts and len(grew) == 2, (grew, parts)
    assert all(after[role][0] == 1 for role in grew)  # each role's interview counts
