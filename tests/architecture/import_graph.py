"""The project's import graph between its apps, read from the source (ast), for the architecture tests.

import-linter (``make lint``) enforces the layers; these add what its contracts cannot say: no two apps import
each other in either direction, and imports hidden inside function bodies stay few and explained.
"""

from __future__ import annotations

import ast
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

# Not apps: the test suite and the benchmark scripts may import anything.
NOT_APPS = frozenset({"tests", "bench"})
# A function-body import must say which cycle it breaks, on its line or the comment line just above.
EXPLAINED_BY = "cycle"


@dataclass(frozen=True)
class BodyImport:
    path: str
    line: int
    module: str
    explained: bool


def project_apps(root: Path) -> list[str]:
    return sorted(
        p.name for p in root.iterdir() if p.is_dir() and (p / "__init__.py").exists() and p.name not in NOT_APPS
    )


def _imported_modules(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:  # a relative import stays inside its own package
        return [package]
    return [node.module or ""]


def _explained(lines: list[str], lineno: int) -> bool:
    here = lines[lineno - 1]
    above = lines[lineno - 2].strip() if lineno >= 2 else ""
    return EXPLAINED_BY in here.split("#", 1)[-1] if "#" in here else above.startswith("#") and EXPLAINED_BY in above


def _walk(tree: ast.AST):
    """Every import statement with whether it sits inside a function body."""
    stack = [(tree, False)]
    while stack:
        node, in_function = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, in_function
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            stack.append((child, inside))


def scan(root: Path) -> tuple[Counter, list[BodyImport]]:
    """(app, imported app) → number of import statements; and every project import inside a function body."""
    apps = set(project_apps(root))
    edges: Counter = Counter()
    body_imports: list[BodyImport] = []
    for app in sorted(apps):
        for path in sorted((root / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            source = path.read_text(encoding="utf-8")
            lines = source.splitlines()
            for node, in_function in _walk(ast.parse(source, filename=str(path))):
                for module in _imported_modules(node, app):
                    top = module.split(".")[0]
                    if top not in apps:
                        continue
                    if top != app:
                        edges[(app, top)] += 1
                    if in_function:
                        explained = _explained(lines, node.lineno)
                        body_imports.append(BodyImport(str(path.relative_to(root)), node.lineno, module, explained))
    body_imports.sort(key=lambda i: (i.path, i.line))
    return edges, body_imports


def two_way_pairs(edges: Counter) -> list[tuple[str, str]]:
    return sorted((a, b) for (a, b) in edges if a < b and (b, a) in edges)
