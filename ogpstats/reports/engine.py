"""The papermill engine of a report run: nbclient's, writing the executed notebook when it ends.

papermill's own engine writes the whole notebook to disk when each cell
starts and again when it completes: about twenty writes of a notebook that
carries every chart inline, each one serialised and schema-checked, while
the kernel waits (≈ 0.1 s a notebook). A report run reads the notebook only
when it has ended, and papermill writes it then, once, when the engine
returns (a cell that raised is marked, with papermill's error banner).
:class:`SaveAtEndEngine` writes it itself only when the execution raised out
of the engine (a timeout, a dead kernel), which papermill does not write.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

ENGINE_NAME = "ogpstats"


class _SaveAtEndManager(NotebookExecutionManager):
    """papermill's execution record, saved only once the execution raised (``raised`` set by the engine)."""

    raised = False

    def save(self, **kwargs):
        if self.raised:
            return super().save(**kwargs)
        return None


class SaveAtEndEngine(NBClientEngine):
    """:class:`papermill.engines.NBClientEngine` with :class:`_SaveAtEndManager` (papermill's own steps)."""

    @classmethod
    def execute_notebook(cls, nb, kernel_name, output_path=None, progress_bar=True, log_output=False,
                         autosave_cell_every=30, **kwargs):
        nb_man = _SaveAtEndManager(nb, output_path=output_path, progress_bar=progress_bar, log_output=log_output,
                                   autosave_cell_every=autosave_cell_every)
        nb_man.notebook_start()
        try:
            cls.execute_managed_notebook(nb_man, kernel_name, log_output=log_output, **kwargs)
        except BaseException:
            nb_man.raised = True  # papermill will not write the notebook: notebook_complete does
            raise
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb


def register() -> str:
    """Make the engine known to papermill; returns its name for ``execute_notebook(engine_name=…)``."""
    papermill_engines.register(ENGINE_NAME, SaveAtEndEngine)
    return ENGINE_NAME
