"""The environment's own Jupyter kernel, and a kernel manager that never clashes on ports.

Notebooks must run with the Python that has ogpstats installed, not with
whatever ``python3`` kernel a machine happens to have. :func:`ensure_kernelspec`
writes a kernelspec under ``sys.prefix/share/jupyter/kernels/`` whose argv
is this interpreter.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from traitlets import CaselessStrEnum, DottedObjectName, Type, default

from .atomic import atomic_write

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

KERNEL_NAME = "ogpstats"
KERNEL_LOG_ENV = "OGPSTATS_KERNEL_LOG"
"""Environment variable naming the file kernels write their stdout/stderr to."""


def kernelspec_dir(name: str = KERNEL_NAME) -> Path:
    """Where the kernelspec of this environment lives."""
    return Path(sys.prefix) / "share" / "jupyter" / "kernels" / name


def kernelspec(name: str = KERNEL_NAME) -> dict:
    """The kernel.json this environment needs: ``sys.executable -m ipykernel_launcher``."""
    return {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": f"Python (ogpstats, {Path(sys.prefix).name})" if name == KERNEL_NAME else name,
        "language": "python",
        "metadata": {"debugger": True},
    }


def ensure_kernelspec(name: str = KERNEL_NAME) -> str:
    """Write the kernelspec ``name`` if it is missing or points at another Python.

    Returns
    -------
    str
        The kernel name to pass to papermill.
    """
    target = kernelspec_dir(name) / "kernel.json"
    wanted = kernelspec(name)
    try:
        current = json.loads(target.read_text("utf-8"))
    except (OSError, ValueError):
        current = None
    if not current or current.get("argv") != wanted["argv"]:
        # Write aside and rename, so a parallel run never reads half a file.
        atomic_write(target, json.dumps(wanted, indent=1, sort_keys=True) + "\n")
    return name


class ReadyClient(AsyncKernelClient):
    """The kernel client nbclient gets from :class:`IPCKernelManager`: ready as soon as the kernel answers.

    jupyter_client's ``wait_for_ready``, once the kernel has answered
    ``kernel_info`` and IOPub is seen connected, reads IOPub until it has
    been quiet for 0.2 s: 0.2 s of every notebook. nbclient reads only the
    messages of the cell it runs (by parent id), so what the handshake
    leaves on IOPub is harmless; what has arrived is dropped, without
    waiting for more.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while not await self._kernel_info_answered():
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
        while True:
            try:
                await self.iopub_channel.get_msg(timeout=0)
            except Empty:
                return

    async def _kernel_info_answered(self) -> bool:
        """Ask ``kernel_info``; true when the reply came and IOPub is connected (its status message came)."""
        self.kernel_info()
        try:
            msg = await self.shell_channel.get_msg(timeout=1)
        except Empty:
            return False
        if msg["msg_type"] != "kernel_info_reply":
            return False
        try:
            await self.iopub_channel.get_msg(timeout=0.2)
        except Empty:
            return False
        self._handle_kernel_info_reply(msg)
        return True


class IPCKernelManager(AsyncKernelManager):
    """A kernel manager talking to its kernel over Unix sockets, not TCP ports.

    With TCP, two kernels started at the same moment by parallel runs can
    pick the same free port; each IPC kernel gets its own private socket
    directory, so ``jobs=N`` never clashes. The directory is short (under
    the temp dir) to stay within the 107-byte socket path limit.
    """

    transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)
    client_class = DottedObjectName("ogpstats.reports.kernel.ReadyClient")
    client_factory = Type(klass="ogpstats.reports.kernel.ReadyClient")

    @default("kernel_spec_manager")
    def _kernel_spec_manager_default(self) -> KernelSpecManager:
        # Only this environment's kernels: a kernelspec of the same name in the user's or
        # JUPYTER_PATH's folders (searched first by default) would run another Python.
        return KernelSpecManager(kernel_dirs=[str(kernelspec_dir().parent)])

    @default("ip")
    def _ip_default(self) -> str:
        if self.transport != "ipc":
            return "127.0.0.1"
        self._ipc_dir = tempfile.mkdtemp(prefix="ogpk-")
        return os.path.join(self._ipc_dir, "k")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw) -> None:
        """Launch the kernel with its stdout/stderr in the run's kernel log (``OGPSTATS_KERNEL_LOG``).

        A kernel writes its own diagnostics (tracebacks of its message loop
        when a cell times out and it is shut down, warnings) to the
        terminal; under cron that would land in the job's mail between the
        one-line messages. They go to ``_logs/run-….kernels.log`` instead.
        """
        kw.setdefault("preexec_fn", die_with_parent)  # the kernel runs in its own session: no group signal
        log_path = os.environ.get(KERNEL_LOG_ENV)
        if log_path and "stderr" not in kw:
            f = open(log_path, "ab")  # noqa: SIM115 - the kernel process keeps its own copy of the fd
            try:
                kw["stdout"] = kw["stderr"] = f
                await super()._async_launch_kernel(kernel_cmd, **kw)
            finally:
                f.close()
            return
        await super()._async_launch_kernel(kernel_cmd, **kw)

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        ipc_dir = getattr(self, "_ipc_dir", None)
        if ipc_dir and not restart:
            shutil.rmtree(ipc_dir, ignore_errors=True)

    # AsyncKernelManager binds cleanup_resources to the base coroutine; point it at ours.
    cleanup_resources = _async_cleanup_resources


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Ask Linux to send ``sig`` to this process when its parent dies (``PR_SET_PDEATHSIG``); elsewhere nothing.

    Called in a report worker (its parent is the ``ogpstats report`` process)
    and, through ``preexec_fn``, in each kernel (its parent is the process
    that ran the notebook), so that killing the run, even with SIGKILL,
    leaves no worker or kernel behind. Only a cheap ``prctl`` call: safe
    between ``fork`` and ``exec``.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl: the kernels' parent poller remains
        return


WARM_IMPORTS = ("import ogpstats.reports.notebook, ogpstats.reports.templates, ogpstats.reports.slices, "
                "ogpstats.analytics, ogpstats.deadlines, ogpstats.io.load, ogpstats.io.column_map, "
                "ogpstats.io.template, IPython.display, jinja2, openpyxl, matplotlib.backends.backend_agg, "
                "matplotlib.backends.backend_svg, PIL.Image, gc; PIL.Image.preinit(); "
                "ogpstats.reports.templates.compile_fragments(); gc.freeze()")
"""Run by a kernel started ahead of need while it waits: what every report notebook imports (pandas,
matplotlib, the Report, the analytics and the io modules a Report uses though ``ogpstats.io`` imports them
on first use) and what it imports on first use (Jinja2 for the page fragments, openpyxl for the
XLSX tables, the PNG and SVG backends, Pillow's standard plugins) and the page fragments' templates, compiled
(≈ 15 ms a notebook otherwise): ≈ 1–2.5 s. ``gc.freeze()`` then moves
what the imports made out of the collector's sight: its full passes during a notebook scanned every
imported module's objects (≈ 0.09 s of a road-map report, 0.015 s after)."""


KERNEL_ARGUMENTS = [f"--IPKernelApp.exec_lines={WARM_IMPORTS}", "--HistoryManager.enabled=False"]
"""How a report kernel is started: the warm imports, and no input history. IPython otherwise stores every
cell in the user's ``~/.ipython`` history database, which a report does not need and an analyst does not
want filled with report cells; writing it cost ≈ 4 ms a cell (a third of an empty cell's round trip)."""


def start_kernel(kernel_name: str, cwd: str | None = None) -> IPCKernelManager:
    """Launch a kernel process and return its manager without waiting for it to be ready.

    The kernel starts and imports what every report notebook imports
    (:data:`WARM_IMPORTS`) while the caller does other work (runs the
    previous notebook); nbclient waits for it to answer when the notebook
    starts. Stop it with :func:`stop_kernel`.
    """
    from jupyter_core.utils import run_sync

    km = IPCKernelManager(kernel_name=kernel_name)
    with stops_after_launch():
        run_sync(km.start_kernel)(cwd=cwd, extra_arguments=KERNEL_ARGUMENTS)
    return km


@contextlib.contextmanager
def stops_after_launch() -> Iterator[None]:
    """A SIGINT or SIGTERM that arrives while a kernel is launched acts once it is launched.

    A stop raises KeyboardInterrupt in the main thread wherever it is. During a launch that can be inside
    the Python callbacks that run around ``fork`` (logging's lock release), where Python prints the
    exception as ignored, with a traceback, instead of unwinding: a run stopped then printed a traceback.
    The signals are caught meanwhile and raised again after, to the handlers in place before. Only the
    main thread sets handlers; in another thread nothing changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {s: signal.signal(s, lambda signum, _frame: caught.append(signum))
                for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            if handler is not None:  # None: a handler not set from Python, which Python cannot restore
                signal.signal(s, handler)
        if caught:
            signal.raise_signal(caught[0])


def stop_kernel(km: AsyncKernelManager) -> None:
    """Kill a kernel at once (no graceful shutdown request: a report kernel has nothing to save)."""
    from jupyter_core.utils import run_sync

    try:
        if run_sync(km.is_alive)():
            _kill_and_reap(km)
            run_sync(km.shutdown_kernel)(now=True)
        else:
            run_sync(km.cleanup_resources)()
    except RuntimeError:  # "No kernel is running!": already gone
        pass


def _kill_and_reap(km: AsyncKernelManager) -> None:
    """SIGKILL the kernel's process group and wait for it to end.

    jupyter_client checks for the end every 0.1 s, which cost a whole 0.1 s
    a notebook; ``waitpid`` returns the moment the kernel is gone.
    """
    from jupyter_core.utils import run_sync

    process = getattr(km.provisioner, "process", None)
    if process is None:
        return
    run_sync(km.provisioner.kill)()  # type: ignore[union-attr]
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:  # pragma: no cover - shutdown_kernel then waits and warns
        pass
