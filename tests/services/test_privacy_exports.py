"""Every export applies the pseudonym list: generate each kind and grep it (unzipped)."""
import re
import zipfile

import pytest
from leaks import leaked_names


def _text_of(path):
    if path.suffix in (".docx", ".xlsx", ".qdpx"):
        with zipfile.ZipFile(path) as z:
            return " ".join(re.sub(r"<[^>]+>", " ", z.read(n).decode("utf-8", "replace"))
                            for n in z.namelist())
    return path.read_text(encoding="utf-8-sig")


def test_no_listed_name_in_any_export(demo_ws, tmp_path):
    ws = demo_ws
    ws.add_pseudonym(r"Techniek\w*", "[plek]", regex=True)
    names = [n.lower() for n in ws.anonymiser().names]
    assert len(names) > 100
    # a memo mentioning a name must be anonymised too
    c = ws.codings()[0]
    ws.set_memo(c.id, f"Zie ook wat {names[0].title()} zei.")
    outputs = []
    for suffix in (".docx", ".md", ".csv", ".xlsx"):
        out = tmp_path / f"export{suffix}"
        ws.export(out, appendix="all") if suffix in (".docx", ".md") else ws.export(out)
        outputs.append(out)
    # no .qdpx: it carries the verbatim project for another QDA tool (see README)
    from sto_qual.report.markdown import quotes_markdown
    from sto_qual.report.quotes_docx import write_quotes_docx
    rows = ws.quotes("collectief-optrekken")
    (tmp_path / "q.md").write_text(quotes_markdown("q", rows), encoding="utf-8")
    write_quotes_docx("q", rows, tmp_path / "q.docx")
    outputs += [tmp_path / "q.md", tmp_path / "q.docx"]
    for out in outputs:
        text = _text_of(out).lower()
        leaks = leaked_names(names, text)
        assert leaks == [], f"{out.name}: {leaks[:5]}"


def test_project_keeps_verbatim_text(demo_ws):
    names = demo_ws.anonymiser().names
    all_text = " ".join(demo_ws.document_text(d.id) for d in demo_ws.documents())
    assert sum(1 for n in names if n in all_text) > 50


@pytest.mark.parametrize("bad", ["[", "(?P<x"])
def test_bad_pattern_is_refused(demo_ws, bad):
    from sto_qual.domain.errors import StoQualError
    with pytest.raises(StoQualError):
        demo_ws.add_pseudonym(bad, "[x]", regex=True)
