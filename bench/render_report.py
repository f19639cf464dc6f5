"""Render the demo chapter as a reader sees it: .docx -> PDF (LibreOffice) -> one PNG per page (pdftoppm).

    python bench/render_report.py [--out DIR] [--dpi 100] [--project DB] [-- REPORT OPTIONS...]

Builds the demo project (fictional interviews, two coders) in a temporary folder unless
``--project`` names one, writes the chapter with ``sto-qual report`` (options after ``--`` go
to that command, e.g. ``-- --lang en``), converts it to PDF with LibreOffice and each page to
a PNG with pdftoppm when they are installed, and prints the files it made. Without
LibreOffice only the .docx is written (exit code 0, with a note on stderr).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, env: dict | None = None) -> None:
    r = subprocess.run(args, capture_output=True, text=True, env=env, cwd=REPO)
    if r.returncode != 0:
        sys.exit(f"{' '.join(args[:4])} … failed: {r.stderr.strip()[-1000:]}")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        i = argv.index("--")
        argv, extra = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "render")
    ap.add_argument("--dpi", type=int, default=100)
    ap.add_argument("--project", type=Path, default=None, help="a project file (default: build the demo)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryDirectory(prefix="sto-render-") as tmp:
        env["STO_QUAL_HOME"] = tmp
        project = args.project
        if project is None:
            project = Path(tmp) / "demo.db"
            run(sys.executable, "-m", "sto_qual", "demo", "--no-tui", "--project", str(project), env=env)
        docx = args.out / "hoofdstuk.docx"
        run(sys.executable, "-m", "sto_qual", "report", "--project", str(project), "-o", str(docx), *extra, env=env)
        print(docx)
        office = shutil.which("soffice") or shutil.which("libreoffice")
        if not office:
            print("LibreOffice is not installed: only the .docx was written", file=sys.stderr)
            return 0
        # a private LibreOffice profile: a desktop session's running instance is left alone
        profile = Path(tmp) / "lo-profile"
        run(office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
            "--outdir", str(args.out), str(docx), env=env)
        pdf = args.out / "hoofdstuk.pdf"
        print(pdf)
        if not shutil.which("pdftoppm"):
            print("pdftoppm (poppler-utils) is not installed: no page images", file=sys.stderr)
            return 0
        for old in args.out.glob("page-*.png"):
            old.unlink()
        run("pdftoppm", "-r", str(args.dpi), "-png", str(pdf), str(args.out / "page"))
        for png in sorted(args.out.glob("page-*.png")):
            print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
