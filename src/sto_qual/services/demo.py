"""The demo project: the bundled fictional corpus, the STO codebook, both reference coders."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sto_qual.domain.errors import ProjectError
from sto_qual.store.connection import remove_database_files


def find_corpus(corpus: str | Path | None = None) -> Path:
    here = Path(__file__).resolve()
    candidates = [Path(corpus)] if corpus else [
        here.parents[1] / "sample" / "transcripts",  # an installed package (copied in by setup.py)
        here.parents[3] / "transcripts",  # a source checkout / editable install
        Path.cwd() / "transcripts",
    ]
    for c in candidates:
        if (c / "attributes.csv").exists():
            return c
    if corpus:  # the folder given is named, with what it lacks (it said "pass --corpus", which it was)
        where = Path(corpus)
        raise ProjectError(f"--corpus {where}: " + ("no such folder" if not where.exists() else "not a folder"
                                                     if not where.is_dir() else "no attributes.csv in it"),
                           hint="a demo corpus is a folder of transcripts with an attributes.csv beside them, as "
                           "the repository's transcripts/ is")
    raise ProjectError("sample corpus not found (this installation does not include it)",
                       hint="reinstall with `pip install .` from the sto_qual repository, or pass --corpus "
                       "path/to/transcripts")


def build_demo(target: Path, corpus: str | Path | None = None) -> dict[str, Any]:
    """Build the demo project at ``target`` unless it already exists (nothing is rebuilt)."""
    from sto_qual.services.workspace import Workspace
    if target.exists():
        Workspace.open(target).close()  # a file there that is no project is refused as every command refuses it
        return {"built": False, "message": f"{target} already exists; nothing was rebuilt."}
    root = find_corpus(corpus)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.building")
    remove_database_files(tmp)
    codebook = root.parent / "codebook" / "sto.yaml"
    ws = Workspace.create(tmp, codebook if codebook.exists() else None, default_coder="onderzoeker-a")
    try:
        roles = root / "roles.csv"
        summary = ws.import_files([root], attributes=root / "attributes.csv",
                                  role_map=roles if roles.exists() else None)
        if not summary.ok:
            raise ProjectError("demo corpus did not import cleanly: " + summary.refused[0]["error"])
        added = 0
        codings_dir = root / "codings"
        for f in sorted(codings_dir.rglob("*.yaml")) if codings_dir.exists() else []:
            added += ws.import_codings(f)["added"]
        # the report counts one coder's codings; onderzoeker-a is the demo's reference coder
        ws.set_reference_coder("onderzoeker-a")
        # the sample interviews stand for interviews of about an hour (DOMAIN.md), as the method says
        ws.report_settings.set("interview_length", "ongeveer een uur")
        ws.report_settings.set("interview_length_en", "about an hour")
        # the study (not the programme) follows twenty case regions a year; nineteen were interviewed (DOMAIN.md)
        ws.report_settings.set("sample", "Het onderzoek volgt elk jaar twintig caseregio's; in deze ronde zijn er "
                               "negentien geïnterviewd (één interview kon niet doorgaan).")
        ws.report_settings.set("sample_en", "The study follows twenty case regions every year; nineteen of them were "
                               "interviewed in this round (one interview could not take place).")
        names = root / "pseudonyms.csv"
        if names.exists():
            ws.import_pseudonyms(names)
        ws.store.file.checkpoint()
        ws.close()
        tmp.rename(target)
        remove_database_files(tmp, keep_main=True)  # the renamed file's old companions
    except BaseException:
        ws.close()
        remove_database_files(tmp)
        raise
    return {"built": True, "documents": len(summary.imported), "codings": added,
            "message": f"Built demo project {target}: {len(summary.imported)} documents, {added} codings."}
