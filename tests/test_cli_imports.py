"""No import cycle anywhere in ``ogpstats/`` (issue 8), checked on the source with ``ast``.

Every ``import`` counts, also those inside functions: a cycle closed by a
deferred import (as ``cli.py`` and ``cli_analytics.py`` had) still ties two
modules together. Only imports under ``if TYPE_CHECKING:`` are left out.
"""

import ast
from pathlib import Path

import ogpstats

ROOT = Path(ogpstats.__file__).parent


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(tree: ast.Module, name: str, is_package: bool) -> set[str]:
    """Dotted names this module imports (``from a import b`` gives ``a.b``, module or not)."""
    skip = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
            and "TYPE_CHECKING" in ast.unparse(node.test) for part in node.body for n in ast.walk(part)}
    package = name if is_package else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            source = ".".join(filter(None, [base, node.module or ""]))
            out.update(f"{source}.{alias.name}" for alias in node.names)
    return out


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module → the modules of the package it imports.

    ``from a import b`` is an edge to ``a.b`` when that is a module, else to
    ``a``. The parent packages Python runs on the way (``a`` for ``a.b``)
    are no edge: else every package importing its own modules would be a cycle.
    """
    trees = {module_name(p, root): (ast.parse(p.read_text("utf-8")), p.name == "__init__.py")
             for p in sorted(root.rglob("*.py"))}
    graph = {}
    for name, (tree, is_package) in trees.items():
        targets = set()
        for dotted in imported_names(tree, name, is_package):
            while dotted and dotted not in trees:  # ogpstats.cli.options.Inputs → ogpstats.cli.options
                dotted = dotted.rpartition(".")[0]
            if dotted and dotted != name:
                targets.add(dotted)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_the_checker_finds_a_cycle_closed_inside_a_function(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "a.py").write_text("from .sub import b\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "b.py").write_text("def f():\n    from ..a import g\n")
    (pkg / "sub" / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..a import g\n"
                                      "from . import b\n")
    graph = import_graph(pkg)
    assert graph == {"pkg": set(), "pkg.a": {"pkg.sub.b"}, "pkg.sub": set(), "pkg.sub.b": {"pkg.a"},
                     "pkg.sub.c": {"pkg.sub.b"}}
    assert cycles(graph) == [["pkg.a", "pkg.sub.b"]]


def test_no_cli_module_imports_the_command_group():
    graph = import_graph()
    cli = {name for name in graph if name.startswith("ogpstats.cli.")}
    assert cli >= {"ogpstats.cli.data", "ogpstats.cli.analytics", "ogpstats.cli.report", "ogpstats.cli.options"}
    # Only ``python -m ogpstats.cli`` imports ``main``; the command modules never do.
    assert [name for name in sorted(cli) if "ogpstats.cli" in graph[name]] == ["ogpstats.cli.__main__"]


def test_no_import_cycle_in_ogpstats():
    assert cycles(import_graph()) == []
