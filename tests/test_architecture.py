"""Import contracts: layers, and which package may import which heavy library."""
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold():
    # the console script of the interpreter running the tests, even when its venv is not on PATH
    beside = Path(sys.executable).with_name("lint-imports")
    exe = str(beside) if beside.exists() else shutil.which("lint-imports")
    cmd = [exe] if exe else [sys.executable, "-m", "importlinter.cli"]
    r = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Contracts: " in r.stdout and " broken" in r.stdout


def test_services_import_loads_no_textual_and_no_spacy():
    code = ("import sys, sto_qual.services; "
            "print('textual' in sys.modules, 'spacy' in sys.modules, 'sklearn' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip() == "False False False", r.stderr


def _import_graph(src: Path) -> dict[str, set[str]]:
    """Module -> the sto_qual modules it imports, at any depth of the file: a lazy import in a
    function is still a dependency, and so is one under ``if TYPE_CHECKING:`` (a type hint
    names what a module is written against: the facade handing itself to a use case that
    names the facade is a loop of dependencies, whether or not Python runs it)."""
    import ast
    modules: dict[str, Path] = {}
    for path in src.rglob("*.py"):
        parts = list(path.relative_to(src).with_suffix("").parts)
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path

    def imported(name: str, path: Path) -> set[str]:
        found: set[str] = set()
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
                found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names)
        return {m for m in found if m in modules and m != name}
    return {name: imported(name, path) for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[set[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(component)
    for v in sorted(graph):
        if v not in index:
            connect(v)
    return out


def test_cycle_finder_sees_a_lazy_import_and_a_type_hint_import(tmp_path):
    pkg = tmp_path / "p"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from p import b\n")
    (pkg / "b.py").write_text("def f():\n    from p.a import x\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from p import d\n")
    (pkg / "d.py").write_text("from . import c\n")
    (pkg / "e.py").write_text("from p import a\n")
    graph = _import_graph(tmp_path)
    assert graph["p.d"] == {"p.c"} and graph["p.c"] == {"p.d"} and graph["p.e"] == {"p.a"}
    assert sorted(map(sorted, _cycles(graph))) == [["p.a", "p.b"], ["p.c", "p.d"]]


def test_no_import_cycles_not_even_through_type_hints():
    found = _cycles(_import_graph(REPO / "src"))
    assert not found, f"import cycles: {[sorted(c) for c in found]}"


MODULE_LINES = 420  # issue 15's "about 400": one room's concern fits in a module a newcomer can read through


def test_no_module_is_longer_than_a_newcomer_reads_through():
    longer = {str(p.relative_to(REPO)): n for p in sorted((REPO / "src").rglob("*.py"))
              if (n := len(p.read_text(encoding="utf-8").splitlines())) > MODULE_LINES}
    assert not longer, f"modules over {MODULE_LINES} lines (split them by concern): {longer}"
