"""How far apart are the codebook's colours for a coder who sees red and green alike?

    python bench/palette_cvd.py [CODEBOOK.yaml] [--json FILE]

Every colour of the codebook (default ``codebook/sto.yaml``) is seen as it is and as simulated for
deuteranopia and protanopia (Machado, Oliveira and Fernandes 2009, severity 1, applied to linear sRGB);
two colours are the CIELAB distance ΔE*ab (1976, D65) apart. For each view the table gives the
closest two themes, the closest two codes of different themes, the closest two codes of all, and how
many pairs of codes are under 10 (hard to tell apart as a margin bar or a tint). Sub-codes are
shades of their theme's hue, so codes of one theme come closer than codes of two.
"""
from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MACHADO = {
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
}
HARD = 10.0


def _linear(hex_colour: str) -> tuple[float, ...]:
    def one(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return tuple(one(int(hex_colour[i:i + 2], 16) / 255) for i in (1, 3, 5))


def _seen(hex_colour: str, view: str) -> tuple[float, ...]:
    rgb = _linear(hex_colour)
    if view == "normal":
        return rgb
    return tuple(min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb)))) for row in MACHADO[view])


def _lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _codes(codebook: Path) -> list[tuple[str, str]]:
    """(path, colour) of every code with a colour, a sub-code without one its theme's."""
    out: list[tuple[str, str]] = []

    def walk(items, parent, inherited):
        for c in items or []:
            path = f"{parent}/{c['name']}" if parent else c["name"]
            colour = c.get("colour") or inherited
            if colour:
                out.append((path, colour.lower()))
            walk(c.get("codes"), path, colour)
    walk(yaml.safe_load(codebook.read_text(encoding="utf-8"))["codes"], "", None)
    return out


def measure(codebook: Path) -> dict[str, dict[str, object]]:
    codes = _codes(codebook)
    result: dict[str, dict[str, object]] = {}
    for view in ("normal", *MACHADO):
        lab = {path: _lab(_seen(colour, view)) for path, colour in codes}
        pairs = [(sum((p - q) ** 2 for p, q in zip(lab[a], lab[b])) ** 0.5, a, b)
                 for (a, _), (b, _) in itertools.combinations(codes, 2)]
        themes = [p for p in pairs if "/" not in p[1] and "/" not in p[2]]
        across = [p for p in pairs if p[1].split("/")[0] != p[2].split("/")[0]]
        result[view] = {
            "themes_closest": round(min(themes)[0], 1) if themes else None,
            "across_themes_closest": round(min(across)[0], 1) if across else None,
            "codes_closest": round(min(pairs)[0], 1) if pairs else None,
            "closest_pair": list(min(pairs)[1:]) if pairs else None,
            "pairs_under_10": sum(1 for p in pairs if p[0] < HARD),
            "across_themes_under_10": sum(1 for p in across if p[0] < HARD),
            "pairs": len(pairs),
        }
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("codebook", nargs="?", type=Path, default=ROOT / "codebook" / "sto.yaml")
    ap.add_argument("--json", type=Path, default=ROOT / "bench" / "results" / "palette_cvd.json")
    args = ap.parse_args(argv)
    result = measure(args.codebook)
    print(f"{'view':<14} {'themes':>7} {'across':>7} {'codes':>7} {'<10':>5} {'<10 across':>11}  closest pair")
    for view, r in result.items():
        print(f"{view:<14} {r['themes_closest']:>7} {r['across_themes_closest']:>7} {r['codes_closest']:>7} "
              f"{r['pairs_under_10']:>5} {r['across_themes_under_10']:>11}  {' / '.join(r['closest_pair'] or [])}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    shown = args.codebook.resolve()
    shown = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    args.json.write_text(json.dumps({"codebook": str(shown), "views": result}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
