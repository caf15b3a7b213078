"""environment.yml (conda) and pyproject.toml (pip) ask for the same packages at the same lower bounds."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _spec(requirement: str) -> tuple[str, str]:
    """``("jinja2", ">=3.1")`` from ``"Jinja2>=3.1"``: the name normalised as pip and conda compare it."""
    m = re.match(r"\s*([A-Za-z0-9_.-]+)\s*(.*)", requirement)
    assert m, requirement
    return re.sub(r"[-_.]+", "-", m.group(1)).lower(), m.group(2).replace(" ", "")


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        wanted += extra
    return dict(_spec(r) for r in wanted)


def _environment() -> dict[str, str]:
    out = {}
    text = (ROOT / "environment.yml").read_text("utf-8")
    for line in text[text.index("dependencies:"):].splitlines():
        m = re.match(r"\s+- ([A-Za-z][^#:]*?)\s*(?:#.*)?$", line)
        if m and not m.group(1).startswith(("python=", "pip", "-e")):
            name, bound = _spec(m.group(1))
            out[name] = bound
    return out


def test_environment_yml_is_in_step_with_pyproject():
    assert _environment() == _pyproject()


def test_the_comparison_sees_a_difference():
    assert _spec("Jinja2>=3.1") == ("jinja2", ">=3.1")
    assert _spec("python-calamine>=0.2") != _spec("python_calamine>=0.3")
