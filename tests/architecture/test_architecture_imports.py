"""tipref's areas depend on each other in one direction only: no import cycle.

Every ``import`` of a tipref module counts, at module level or inside a function (a lazy
import is still a dependency), except imports under ``if TYPE_CHECKING:``, which exist
only for the type checker. Each package (``tipref.book``, ``tipref.storage``...) is one
node; each module of the shell (``tipref/cli.py``, ``tipref/app.py``...) is a node of its own.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tipref"


def _node(module: str) -> str:
    """The graph node of a dotted module name: its package, or the shell module itself."""
    parts = module.split(".")
    if len(parts) >= 2 and (PACKAGE / parts[1]).is_dir():
        return parts[1]
    if len(parts) >= 2 and (PACKAGE / f"{parts[1]}.py").is_file():
        return ".".join(parts[:2])
    return "tipref"  # a name defined in tipref/__init__.py


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> list[str]:
    found: list[str] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            found.extend(name for child in node.orelse for name in _runtime_imports(child))
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "tipref":
                found.extend(f"tipref.{alias.name}" for alias in node.names)
            elif node.module.startswith("tipref."):
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(a.name for a in node.names if a.name.startswith("tipref."))
        found.extend(_runtime_imports(node))
    return found


def dependency_graph() -> dict[str, set[tuple[str, str]]]:
    """node -> {(imported node, "module -> imported module")} for runtime imports."""
    graph: dict[str, set[tuple[str, str]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        source = _node(module)
        graph.setdefault(source, set())
        for imported in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            target = _node(imported)
            if target != source:
                graph[source].add((target, f"{module} -> {imported}"))
    return graph


def find_cycle(graph: dict[str, set[tuple[str, str]]]) -> list[str] | None:
    """One cycle as the list of import statements that make it, or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str], why: list[str]) -> list[str] | None:
        for target, reason in sorted(graph.get(node, ())):
            if target in path:
                return why[path.index(target) :] + [reason]
            if target not in done:
                found = visit(target, [*path, target], [*why, reason])
                if found:
                    return found
        done.add(node)
        return None

    for node in sorted(graph):
        found = visit(node, [node], [])
        if found:
            return found
    return None


def test_the_package_dependency_graph_has_no_cycle():
    cycle = find_cycle(dependency_graph())
    assert cycle is None, "import cycle between tipref's areas:\n  " + "\n  ".join(cycle or [])


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {("b", "a -> b")}, "b": {("c", "b -> c")}, "c": {("a", "c -> a")}}
    assert find_cycle(graph) is not None
    assert find_cycle({"a": {("b", "a -> b")}, "b": set()}) is None


def test_nothing_below_commands_imports_click_or_rich():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        module = _module_name(path)
        if _node(module) in {"commands", "tipref.cli", "tipref.app", "tipref.clidoc"}:
            continue
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            names = (
                [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else []
            )
            if any(n.split(".")[0] in {"click", "rich"} for n in names):
                offenders.append(module)
    assert not offenders


@pytest.mark.parametrize(
    "module", sorted(_module_name(p) for p in PACKAGE.rglob("*.py") if p.name != "__main__.py")
)
def test_every_module_imports_on_its_own(module):
    if module in sys.modules:
        # Already imported by another test: import it again in a fresh interpreter.
        code = f"import importlib; importlib.import_module({module!r})"
        subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    else:
        importlib.import_module(module)


def test_every_name_the_benchmarks_import_from_tipref_exists():
    """Benchmarks run by hand, not in the suite: a name moved inside tipref (say
    ``convert_to_pdf`` out of ``documents.render``) must not break one unnoticed."""
    missing = []
    for script in sorted((PACKAGE.parent / "benchmarks").glob("*.py")):
        for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tipref")):
                continue
            module = importlib.import_module(str(node.module))
            for alias in node.names:
                if not hasattr(module, alias.name) and not _is_module(
                    f"{node.module}.{alias.name}"
                ):
                    missing.append(f"{script.name}:{node.lineno} {node.module}.{alias.name}")
    assert missing == []


def _is_module(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True
