"""The method's words hold to the project: one researcher is one ("de citaten die de onderzoekers
kozen" after "Eén onderzoeker codeerde alle interviews"), a list of every role at the table is
not "onder meer", and a quote's attribution is never split over two lines."""
from __future__ import annotations

import docx


def _small_chapter(ws, tmp_path):
    doc = ws.documents()[0]
    text = ws.document_text(doc.id)
    for u in ws.units(doc.id):
        if "tekort" in text[u.start:u.end] or "papier" in text[u.start:u.end]:
            c = ws.assign_code(doc.name, "urgentie/docententekort", unit=u.id, coder="anna")
            ws.star(c.id, coder="anna")
    out = tmp_path / "h.docx"
    ws.report(out, appendix="starred")
    return ws.report_data(appendix="starred"), docx.Document(str(out))


def test_one_researcher_chose_the_quotes_and_every_role_at_the_table_is_listed_whole(small_ws, tmp_path):
    data, _ = _small_chapter(small_ws, tmp_path)
    method = data.method
    assert "Eén onderzoeker codeerde" in method, method
    assert "die de onderzoeker koos" in method and "onderzoekers kozen" not in method, method
    # both speakers' roles known; one of each (a researcher's one wethouder read as "wethouders")
    assert "Aan tafel zaten een bestuurder en een directeur." in method, method


def test_a_speaker_without_a_role_keeps_the_list_open(small_ws, tmp_path):
    f = tmp_path / "R91.txt"
    f.write_text("Interviewer: Wat speelt er?\n\nKees: Het tekort aan technici is groot, elke school merkt het.\n",
                 encoding="utf-8")
    assert small_ws.import_files([f]).ok
    data, _ = _small_chapter(small_ws, tmp_path)
    assert "Aan tafel zaten onder meer een bestuurder en een directeur." in data.method, data.method
    small_ws.set_roles({"Kees": "bestuurder"})  # two of them now
    assert "Aan tafel zaten bestuurders en een directeur." in small_ws.report_data().method
    assert "Those present were board members and a director." in small_ws.report_data(lang="en").method


def test_a_quotes_attribution_stays_on_one_line(small_ws, tmp_path):
    _, document = _small_chapter(small_ws, tmp_path)
    quoted = [p for p in document.paragraphs if p.style.name == "Quote"]
    assert quoted
    for p in quoted:
        said = p.runs[-1].text
        assert said.startswith(" —\u00a0een\u00a0") and " " not in said[1:], repr(said)
