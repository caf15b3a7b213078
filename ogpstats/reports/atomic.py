"""``atomic_write``: the one write-then-rename of the reports package.

A reader (a browser, a parallel run, cron's next run) sees either the old
file or the new one, never half of one: the bytes go to a temporary file
beside the target, which is then renamed over it.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path


def atomic_write(path: str | Path, data: str | bytes, *, encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, then :func:`os.replace`).

    Parameters
    ----------
    path
        Target file; its folder is created.
    data
        Text (written with ``encoding``) or bytes.
    encoding
        Encoding of text data.

    Returns
    -------
    Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # pid + random: two writers of the same file never share a temp file
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:6]}.tmp")
    try:
        if isinstance(data, bytes):
            tmp.write_bytes(data)
        else:
            tmp.write_text(data, encoding)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
