"""Size limits that keep the package easy to read (issue 8).

No function body over 80 lines, no module over 500 lines in ``ogpstats/``.
Cyclomatic complexity (≤ 20) is checked by ruff's C901 rule (pyproject).
Prints one line per breach and exits 1 when there is any.

    python scripts/check_sizes.py [DIR]
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 500


def breaches(root: Path) -> list[str]:
    """Every function or module of ``root`` over its size limit, as ``path:line: what``."""
    out = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text("utf-8")
        n_lines = len(text.splitlines())
        if n_lines > MAX_MODULE_LINES:
            out.append(f"{path}:1: module of {n_lines} lines (limit {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = node.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                        and isinstance(first.value.value, str) and len(node.body) > 1:
                    first = node.body[1]  # the docstring is documentation, not body
                length = (node.end_lineno or node.lineno) - first.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    out.append(f"{path}:{node.lineno}: function {node.name} of {length} lines "
                               f"(limit {MAX_FUNCTION_LINES})")
    return out


def main() -> int:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "ogpstats")
    found = breaches(root)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
