"""The Word chapter, re-opened with python-docx and checked by content."""
import re
import shutil
import subprocess
import zipfile

import docx
import pytest


@pytest.fixture(scope="module")
def report(demo_db, tmp_path_factory):
    from sto_qual.services import Workspace
    ws = Workspace.open(demo_db)
    out = tmp_path_factory.mktemp("report") / "hoofdstuk.docx"
    res = ws.report(out, appendix="starred")
    yield ws, out, res
    ws.close()


def test_structure_uses_word_styles(report):
    ws, out, _ = report
    d = docx.Document(str(out))
    styles = [(p.style.name, p.text) for p in d.paragraphs]
    assert styles[0][0] == "Title"
    heads = [t for s, t in styles if s == "Heading 1"]
    assert heads[:2] == ["Methode", "Overzicht van de thema's"]
    themes = [c.label for c in ws.codebook() if c.parent is None]
    assert [h for h in heads if h in themes] == themes  # in codebook order
    assert sum(1 for s, _ in styles if s == "Quote") >= 3 * len(themes)
    assert sum(1 for s, _ in styles if s == "Caption") >= 2 + 2 * len(themes)
    assert len(d.inline_shapes) == 2  # overview chart and heatmap
    assert len(d.tables) >= 2 * len(themes)


def test_frequency_sentences_agree_with_stats(report):
    ws, out, _ = report
    d = docx.Document(str(out))
    text = "\n".join(p.text for p in d.paragraphs)
    counts = ws.theme_counts().set_index("code")
    for c in ws.codebook():
        if c.parent is None:
            row = counts.loc[c.path]
            sentence = f"In {row['documents']} van de {row['documents_total']} regio's ({row['wording']})"
            assert sentence in text


def test_quotes_are_verbatim_after_anonymisation_and_attributed(report):
    ws, out, _ = report
    anon = ws.anonymiser()
    stored = {anon(c.text) for c in ws.codings()}
    d = docx.Document(str(out))
    quotes = [p.text for p in d.paragraphs if p.style.name == "Quote"]
    for q in quotes:
        m = re.match(r"^“(.*)” — stuurgroeplid, regio R\d\d(, [a-z]+)?$", q, re.S)
        assert m, q
        assert m.group(1) in stored
        assert len(re.findall(r"[.!?]+(?:\s|$)", m.group(1))) <= 3


def test_no_listed_name_survives_in_the_docx_xml(report):
    ws, out, _ = report
    with zipfile.ZipFile(out) as z:
        xml = " ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    plain = re.sub(r"<[^>]+>", "", xml).lower()
    leaks = [name for name in ws.anonymiser().names if re.search(r"(?<!\w)" + re.escape(name.lower()) + r"(?!\w)", plain)]
    assert leaks == []


def test_english_report_and_options(demo_ws, tmp_path):
    out = tmp_path / "en.docx"
    res = demo_ws.report(out, lang="en", codes=["urgentie"], appendix="all", memos=True)
    d = docx.Document(str(out))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "this theme comes up" in text and res["themes"] == 1
    assert res["appendix_rows"] == len({(c.doc, c.code, c.start, c.end) for c in demo_ws.codings(code="urgentie")})


@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice is not installed here")
def test_libreoffice_opens_the_report(report, tmp_path):
    _, out, _ = report
    r = subprocess.run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                       capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "hoofdstuk.pdf"
    assert pdf.exists() and pdf.stat().st_size > 20_000, r.stdout + r.stderr
