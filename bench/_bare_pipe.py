"""Baseline for the import figure: the same spaCy pipeline (blank nl + sentencizer + the
lookup lemmas) over the same texts, with nothing around it."""
import sys
from pathlib import Path

from sto_qual.nlp.pipeline import bare_pipe

texts = []
for f in sorted(Path(sys.argv[1]).glob("*.txt")):
    texts.append(f.read_text(encoding="utf-8").split("---", 2)[-1])
n = sum(1 for _ in bare_pipe(texts))
print(n)
