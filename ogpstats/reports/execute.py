"""Run one notebook with papermill on the environment's own kernel.

:func:`execute` is a top-level function taking and returning plain dicts,
so a process pool can run several at once (``jobs=N``).
"""

from __future__ import annotations

import time
from pathlib import Path


def _source_index(src_path: Path, executed, cell_index: int | None) -> tuple[int | None, str]:
    """Index of the failing cell in the *source* notebook (papermill inserts cells) and its first line."""
    if cell_index is None or executed is None or cell_index >= len(executed.cells):
        return cell_index, ""
    cell = executed.cells[cell_index]
    first = next((line for line in str(cell.get("source", "")).splitlines() if line.strip()), "")
    try:
        import nbformat

        src = nbformat.read(str(src_path), as_version=4)
        ids = [c.get("id") for c in src.cells]
        if cell.get("id") in ids:
            return ids.index(cell.get("id")), first
    except Exception:  # noqa: BLE001 - best effort, the executed index is still reported
        pass
    return cell_index, first


def execute(job: dict) -> dict:
    """Execute a notebook; never raises for a notebook failure.

    Parameters
    ----------
    job
        ``notebook`` (path), ``output`` (executed notebook path),
        ``parameters`` (dict), ``kernel_name``, ``timeout`` (seconds per
        cell), ``cwd``.

    Returns
    -------
    dict
        ``ok``, ``duration`` (seconds); on failure also ``cell`` (index in
        the source notebook), ``exec_count``, ``ename``, ``evalue`` and
        ``line`` (the cell's first line).
    """
    import nbformat
    import papermill as pm

    from .kernel import IPCKernelManager

    start = time.monotonic()
    out = Path(job["output"])
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        pm.execute_notebook(
            str(job["notebook"]), str(out), parameters=job["parameters"], kernel_name=job["kernel_name"],
            progress_bar=False, log_output=False, execution_timeout=job.get("timeout"),
            start_timeout=job.get("start_timeout", 120), cwd=job.get("cwd"),
            kernel_manager_class=IPCKernelManager,
        )
    except pm.PapermillExecutionError as exc:
        executed = nbformat.read(str(out), as_version=4) if out.exists() else None
        cell, line = _source_index(Path(job["notebook"]), executed, exc.cell_index)
        return {"ok": False, "duration": time.monotonic() - start, "cell": cell, "exec_count": exc.exec_count,
                "ename": exc.ename, "evalue": str(exc.evalue).splitlines()[0] if exc.evalue else "",
                "line": line or str(exc.source).strip().splitlines()[0] if exc.source else line}
    except Exception as exc:  # noqa: BLE001 - timeouts, dead kernels: report, do not crash the run
        cell = None
        executed = None
        if out.exists():
            try:
                executed = nbformat.read(str(out), as_version=4)
                running = [i for i, c in enumerate(executed.cells)
                           if c.get("metadata", {}).get("papermill", {}).get("status") == "running"]
                cell = running[0] if running else None
            except Exception:  # noqa: BLE001
                executed = None
        cell, line = _source_index(Path(job["notebook"]), executed, cell)
        return {"ok": False, "duration": time.monotonic() - start, "cell": cell, "exec_count": None,
                "ename": type(exc).__name__, "evalue": (str(exc).splitlines() or [""])[0], "line": line}
    return {"ok": True, "duration": time.monotonic() - start}
