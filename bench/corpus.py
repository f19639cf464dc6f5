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


def _interview(rng: random.Random, pool: list[str], name: str, words_per_doc: int
               ) -> tuple[list[str], int, list[str], list[str]]:
    """Turns ("Speaker: text") alternating between the interviewer and respondents, the
    number of words, the respondents' sentences (each with a unique case number) and the
    respondents' whole turns (without the speaker)."""
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
    return turns, words, sentences, bodies


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
            turns, words, sentences, bodies = _interview(rng, pool, name, words_per_doc)
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


PEER_CODES = [f"thema-{i:02d}" for i in range(1, 26)]


def generate_peer(out: Path, n_docs: int, words_per_doc: int, codings_per_doc: int, seed: int = 7,
                  coder: str = "bench") -> dict:
    """The corpus other coding tools are benchmarked on: plain transcripts with speaker turns
    (no front matter, no attributes), a flat codebook of 25 codes (``out/codebook.yaml``) and
    ``codings_per_doc`` codings per interview, each on a respondent's sentence."""
    rng = random.Random(seed)
    pool = _sentences()
    docs_dir = out / "docs"
    cod_dir = out / "codings"
    docs_dir.mkdir(parents=True, exist_ok=True)
    cod_dir.mkdir(parents=True, exist_ok=True)
    book = ["codebook: Vergelijkingsbenchmark (gegenereerd, fictief)", "version: 1", "codes:"]
    for i, code in enumerate(PEER_CODES):
        book += [f"  - name: {code}", f"    label: Thema {i + 1}"]
    (out / "codebook.yaml").write_text("\n".join(book) + "\n", encoding="utf-8")
    total_words = total_codings = 0
    for d in range(n_docs):
        name = f"P{d:05d}"
        turns, words, respondent, _ = _interview(rng, pool, name, words_per_doc)
        (docs_dir / f"{name}.txt").write_text("\n\n".join(turns) + "\n", encoding="utf-8")
        total_words += words
        lines = [f"document: {name}", f"coder: {coder}", "codings:"]
        chosen = rng.sample(respondent, min(codings_per_doc, len(respondent)))
        for s in chosen:
            q = s.replace("\\", "\\\\").replace('"', '\\"')
            lines += [f"  - code: {rng.choice(PEER_CODES)}", f'    quote: "{q}"']
        (cod_dir / f"{name}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        total_codings += len(chosen)
    return {"words": total_words, "codings": total_codings, "docs": n_docs}


def generate_survey(out: Path, n_answers: int, seed: int = 13, per_transcript: int = 250) -> dict:
    """Open survey answers, one case per row (8-40 words each) in ``out/answers.csv``, and the
    same answers as long transcripts (``per_transcript`` answers each, one turn per answer) in
    ``out/long/``: the same words imported two ways."""
    rng = random.Random(seed)
    pool = _sentences()
    out.mkdir(parents=True, exist_ok=True)
    long_dir = out / "long"
    long_dir.mkdir(exist_ok=True)
    answers, total_words = [], 0
    for i in range(n_answers):
        target = rng.randint(8, 40)
        ws: list[str] = []
        while len(ws) < target:
            ws += rng.choice(pool).split()
        text = " ".join(ws[:target]).rstrip(".,;:!?") + f" (antwoord {i})."
        answers.append(text)
        total_words += len(text.split())
    with open(out / "answers.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["respondent", "region_type", "antwoord"])
        for i, text in enumerate(answers):
            w.writerow([f"r{i:06d}", REGION_TYPES[i % len(REGION_TYPES)], text])
    for j in range(0, n_answers, per_transcript):
        body = "\n\n".join(f"Respondent: {a}" for a in answers[j:j + per_transcript])
        (long_dir / f"L{j // per_transcript:05d}.txt").write_text(body + "\n", encoding="utf-8")
    return {"words": total_words, "answers": n_answers}
