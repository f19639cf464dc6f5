"""TUI speed: open a long transcript, key press -> repainted highlight, page scrolling.

    python bench/tui_bench.py [--quick] [--json FILE]

Generates a Dutch-like transcript (300,000 characters, speaker turns, front matter),
imports it through the public import path with 1,000 codings, and drives the real app
headless with Textual's Pilot. Each figure is timed from posting the key event to the
last line the transcript view renders in response (its own paint clock), so Pilot's
idle-waiting does not count. Every figure has a baseline measured in the same run:

- open: opening a 10,000-character interview (the size of the sample corpus);
- key -> highlight (apply a code with "1") and undo ("u"): moving the cursor one
  sentence ("down"), which repaints the same lines without writing;
- page scroll: the same cursor move.

``--quick`` (a smoke test, seconds) uses a 40,000-character transcript with 150 codings and 10
repetitions.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("de het een en van in op met voor naar dat die ook wel niet maar dus want omdat school scholen "
         "vmbo mbo regio stuurgroep techniek leerlingen docenten samenwerking penvoerder bestuur besturen "
         "geld middelen techlab keuzevak praktijk werkplaats bedrijven gemeente programma onzekerheid "
         "ministerie krimp arbeidsmarkt kwaliteit innovatie collectief vertrouwen afspraken netwerk "
         "basisschool workshops regierol subsidie doorlopende leerlijn profielen").split()
SPEAKERS = ("Interviewer", "Marieke", "Jelle", "Anouk")


def make_transcript(chars: int, seed: int = 7) -> str:
    """Deterministic Dutch-like interview text with front matter and speaker turns."""
    rng = random.Random(seed)
    out = ["---", "title: Benchmarkinterview (gegenereerd)", "region: B01", "region_type: gemengd",
           "date: 2023-12-01", "---", ""]
    total, i = 0, 0
    while total < chars:
        speaker = "Interviewer" if i % 2 == 0 else SPEAKERS[1 + (i // 2) % 3]
        sentences = []
        for _ in range(rng.randint(1, 3) if speaker == "Interviewer" else rng.randint(2, 8)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(6, 24))]
            sentences.append(" ".join(words).capitalize() + rng.choice(".....?"))
        turn = f"{speaker}: {' '.join(sentences)}"
        out.append(turn)
        out.append("")
        total += len(turn) + 2
        i += 1
    return "\n".join(out)


def build_project(folder: Path, chars: int, codings: int) -> tuple[Path, str]:
    from sto_qual.services import Workspace
    folder.mkdir(parents=True, exist_ok=True)
    big = folder / "B01.txt"
    big.write_text(make_transcript(chars), encoding="utf-8")
    small = folder / "S01.txt"
    small.write_text(make_transcript(10_000, seed=3), encoding="utf-8")
    project = folder / "bench.db"
    ws = Workspace.create(project, default_coder="bench")
    summary = ws.import_files([big, small])
    assert summary.ok, summary.refused
    rng = random.Random(11)
    codes = [c.path for c in ws.codebook()]
    units = ws.units("B01")
    for _ in range(codings):
        i = rng.randrange(len(units))
        j = min(i + rng.choice((0, 0, 0, 1, 2)), len(units) - 1)
        ws.assign_code("B01", rng.choice(codes), start=units[i].start, end=units[j].end)
    ws.store.conn.execute("DELETE FROM history")  # the bench's own undo steps are not the user's
    ws.close()
    return project, "B01"


async def _settle(view, t0: float, timeout: float = 5.0) -> float:
    """Seconds from t0 to the last transcript line painted in response."""
    start = time.perf_counter()
    while view.last_paint < t0:
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the transcript did not repaint")
        await asyncio.sleep(0.0005)
    while True:
        last = view.last_paint
        await asyncio.sleep(0.015)
        if view.last_paint == last:
            return last - t0


async def _key(app, view, key: str) -> float:
    from textual import events
    char = key if len(key) == 1 else None
    t0 = time.perf_counter()
    app._driver.send_message(events.Key(key, char))
    return await _settle(view, t0)


async def drive(project: Path, doc: str, reps: int) -> dict[str, list[float]]:
    from sto_qual.services import Workspace
    from sto_qual.tui.app import make_app
    from sto_qual.tui.screens.coder import CoderScreen
    from sto_qual.tui.settings import Settings
    from sto_qual.tui.widgets.transcript import TranscriptView

    ws = Workspace.open(project)
    app = make_app(ws, Settings(coder="bench-tui"))
    out: dict[str, list[float]] = {k: [] for k in ("cold", "open", "open_small", "apply", "undo", "move", "page")}
    big_id = ws.store.documents.find(doc)[0]
    small_id = ws.store.documents.find("S01")[0]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # cold: from the documents screen, the coder screen composed for the first time
        t0 = time.perf_counter()
        app.open_document(big_id)
        while not isinstance(app.screen, CoderScreen) or not app.screen.query(TranscriptView):
            await asyncio.sleep(0.0005)
        view = app.screen.query_one(TranscriptView)
        out["cold"].append(await _settle(view, t0))
        assert view.doc is not None and view.doc.id == big_id
        for target, key in ((small_id, "open_small"), (big_id, "open")) * max(reps // 10, 2):
            await pilot.pause()
            t0 = time.perf_counter()
            app.open_document(target)
            out[key].append(await _settle(view, t0))
        await pilot.pause()
        assert view.doc is not None and view.doc.id == big_id
        n_units = len(view.doc.units)
        rng = random.Random(5)
        for _ in range(reps):
            view.move_to_unit(rng.randrange(n_units - 1))
            await pilot.pause()
            out["move"].append(await _key(app, view, "down"))
            out["apply"].append(await _key(app, view, "1"))
            out["undo"].append(await _key(app, view, "u"))
        view.move_to_unit(0)
        await pilot.pause()
        for _ in range(reps):
            out["page"].append(await _key(app, view, "pagedown"))
    ws.close()
    return out


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small transcript, few repetitions (seconds)")
    ap.add_argument("--json", type=Path, default=None, help="write the figures as JSON to this file")
    ap.add_argument("--workdir", type=Path, default=None, help="keep the generated project here")
    args = ap.parse_args(argv)
    chars, codings, reps = (40_000, 150, 10) if args.quick else (300_000, 1_000, 60)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.workdir or Path(tmp)
        t = time.perf_counter()
        project, doc = build_project(folder, chars, codings)
        setup = time.perf_counter() - t
        times = asyncio.run(drive(project, doc, reps))
    ms = {k: [v * 1000 for v in vs] for k, vs in times.items()}
    label = f"{chars:,}-char transcript, {codings:,} codings"
    rows = [
        (f"TUI first open {label}: Enter on the list -> first paint of the coder (cold)", ms["cold"][0],
         statistics.median(ms["open_small"]), 1000.0),
        (f"TUI open {label} (median)", statistics.median(ms["open"]), statistics.median(ms["open_small"]),
         1000.0),
        (f"TUI key '1' -> repainted highlight, p95 ({label})", p95(ms["apply"]), p95(ms["move"]), 100.0),
        (f"TUI key 'u' (undo) -> repaint, p95 ({label})", p95(ms["undo"]), p95(ms["move"]), 100.0),
        (f"TUI page down -> repaint, p95 ({label})", p95(ms["page"]), p95(ms["move"]), 50.0),
    ]
    figures = []
    for name, value, baseline, target in rows:
        figures.append({"figure": name, "value": round(value, 1), "unit": "ms", "baseline": round(baseline, 1),
                        "ratio": round(value / baseline, 2) if baseline else None, "target": target,
                        "pass": value < target})
    width = max(len(f["figure"]) for f in figures)
    print(f"{'figure':<{width}}  {'value':>8}  {'baseline':>8}  {'ratio':>6}  {'target':>7}  pass")
    for f in figures:
        print(f"{f['figure']:<{width}}  {f['value']:>6.1f}ms  {f['baseline']:>6.1f}ms  {f['ratio']:>6.2f}  "
              f"<{f['target']:>5.0f}ms  {'yes' if f['pass'] else 'NO'}")
    print(f"(setup: import and {codings} codings in {setup:.1f} s; {reps} repetitions per key; baselines: open "
          f"= reopening a 10,000-char interview, keys = cursor move)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0 if all(f["pass"] for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
