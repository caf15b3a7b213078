"""``manifest.json`` of a report folder, and the keys that decide whether a notebook reruns.

A notebook's key hashes everything its output depends on: the notebook
file, the ogpstats code (every module and data file of the package), the
parameters and the sha256 of its input files. Same key and every output
present: the notebook is skipped.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from .. import __version__
from .atomic import atomic_write

MANIFEST = "manifest.json"
SCHEMA = 1


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 over the package's own files (``*.py``, templates ``*.j2`` and ``data/*``) and version.

    Any edit to the code or the message catalogue changes it, so reports
    follow code changes without a version bump.
    """
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(__version__.encode())
    files = sorted(p for p in root.rglob("*")
                   if p.is_file() and (p.suffix in (".py", ".j2") or p.parent.name == "data")
                   and "__pycache__" not in p.parts)
    for p in files:
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def notebook_key(notebook_sha256: str, parameters: dict, inputs: list[dict]) -> str:
    """The key of one notebook run (see module docstring)."""
    payload = {
        "schema": SCHEMA,
        "notebook": notebook_sha256,
        "code": code_fingerprint(),
        "parameters": parameters,
        "inputs": sorted((i["name"], i["sha256"]) for i in inputs),
    }
    return sha256_bytes(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode())


def dumps(data: dict) -> str:
    """Deterministic JSON (sorted keys, stable indentation, UTF-8 text kept)."""
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def read_manifest(folder: str | Path) -> dict:
    """The manifest of a report folder, or ``{}`` when missing or unreadable."""
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("schema") == SCHEMA else {}


def write_json(path: str | Path, data: dict) -> Path:
    """Write JSON atomically (temp file beside it, then rename)."""
    return atomic_write(path, dumps(data))
