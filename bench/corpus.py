"""Deterministic benchmark corpus: N Dutch-like transcripts with speaker turns, front matter
and attributes, plus M codings per document as anchored codings files — all written as
files that the public import path reads.

The vocabulary is taken from the sample corpus (`transcripts/`), so sentences look like the
real interviews; every sentence carries a unique case number so quotes anchor exactly.
"""
from __future__ import annotations

import csv
import random
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REGION_TYPES = ["eiland", "krimp", "stedelijk", "landelijk", "gemengd"]
ROLES = ["penvoerder", "bestuurder", "directeur", "programmaleider"]
SPEAKERS = ["Marieke", "Henk", "Sandra", "Jeroen"]


def _sentences() -> list[str]:
    pool: list[str] = []
    for f in sorted((REPO / "transcripts").glob("*.txt")):
        text = f.read_text(encoding="utf-8").split("---", 2)[-1]
        for line in text.split("\n"):
            line = re.sub(r"^(\[[\d:]+\]\s*)?[A-Z][\w ]{0,30}(\s*\([\d:]+\))?:\s*", "", line).strip()
            for s in re.split(r"(?<=[.!?])\s+", line):
                if 6 <= len(s.split()) <= 30:
                    pool.append(s)
    return pool


def _codes() -> list[str]:
    import yaml
    data = yaml.safe_load((REPO / "codebook" / "sto.yaml").read_text(encoding="utf-8"))
    out = []
    for top in data["codes"]:
        out.append(top["name"])
        out += [f"{top['name']}/{c['name']}" for c in top.get("codes", [])]
    return out


def flat_codebook(path: Path, n_codes: int) -> list[str]:
    """A codebook of ``n_codes`` top-level codes without sub-codes (a peer benchmark's shape)."""
    names = [f"code-{i:02d}" for i in range(1, n_codes + 1)]
    lines = ["codebook: Vlak benchmarkcodeboek (gegenereerd)", "version: 1", "language: nl", "codes:"]
    for i, name in enumerate(names):
        lines += [f"  - name: {name}", f"    label: Code {i + 1}", f'    colour: "#{(i * 9973) % 0xFFFFFF:06x}"',
                  f"    definition: Gegenereerde code {i + 1} voor de benchmark."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return names


def generate(out: Path, n_docs: int, words_per_doc: int, codings_per_doc: int, seed: int = 1,
             coder: str = "bench", codes: list[str] | None = None, whole_turns: bool = False) -> dict:
    """Write transcripts to ``out/docs``, ``out/attributes.csv`` and codings files to
    ``out/codings``. Returns the texts (for the bare nlp.pipe baseline) and totals.
    ``codes`` replaces the STO codebook's paths; ``whole_turns`` codes whole respondent turns
    instead of single sentences."""
    rng = random.Random(seed)
    pool = _sentences()
    codes = codes or _codes()
    docs_dir = out / "docs"
    cod_dir = out / "codings"
    docs_dir.mkdir(parents=True, exist_ok=True)
    cod_dir.mkdir(parents=True, exist_ok=True)
    texts, total_words, total_codings = [], 0, 0
    with open(out / "attributes.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["file", "region", "region_type", "date", "respondent_roles"])
        for d in range(n_docs):
            name = f"B{d:05d}"
            speakers = ["Interviewer"] + rng.sample(SPEAKERS, rng.randint(1, 3))
            turns, words, sentences, bodies = [], 0, [], []
            k = 0
            while words < words_per_doc:
                who = speakers[0] if len(turns) % 2 == 0 else rng.choice(speakers[1:])
                body = []
                for _ in range(rng.randint(1, 2) if who == "Interviewer" else rng.randint(2, 7)):
                    s = rng.choice(pool)
                    s = s[:-1] + f" (casus {name}-{k})" + s[-1] if s[-1] in ".!?" else s + f" (casus {name}-{k})."
                    k += 1
                    body.append(s)
                    words += len(s.split())
                    if who != "Interviewer":
                        sentences.append(s)
                turns.append(f"{who}: " + " ".join(body))
                if who != "Interviewer":
                    bodies.append(" ".join(body))
            date = f"2023-{11 + d % 2:02d}-{1 + d % 28:02d}"
            region_type = REGION_TYPES[d % len(REGION_TYPES)]
            text = (f"---\ntitle: Benchmarkinterview {name} (gegenereerd)\nregion: {name}\n"
                    f"region_type: {region_type}\ndate: {date}\n---\n" + "\n\n".join(turns) + "\n")
            (docs_dir / f"{name}.txt").write_text(text, encoding="utf-8")
            texts.append("\n\n".join(t.split(": ", 1)[1] for t in turns))
            total_words += words
            w.writerow([f"{name}.txt", name, region_type, date, ";".join(rng.sample(ROLES, 2))])
            units = bodies if whole_turns else sentences
            chosen = rng.sample(units, min(codings_per_doc, len(units)))
            if whole_turns and len(chosen) < codings_per_doc:  # short interview: some turns carry two codes
                chosen += rng.choices(units, k=codings_per_doc - len(chosen))
            lines = [f"document: {name}", f"coder: {coder}", "codings:"]
            for i, s in enumerate(chosen):
                code = codes[(d * 7 + i) % len(codes)] if rng.random() < 0.5 else rng.choice(codes)
                q = s.replace("\\", "\\\\").replace('"', '\\"')
                lines += [f"  - code: {code}", f'    quote: "{q}"']
                if i % 17 == 0:
                    lines.append("    starred: true")
            (cod_dir / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
            total_codings += len(chosen)
    return {"texts": texts, "words": total_words, "codings": total_codings, "docs": n_docs}
