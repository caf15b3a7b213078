"""The papermill engine of a report run: nbclient's, writing the executed notebook when it ends.

papermill's own engine writes the whole notebook to disk when each cell
starts and again when it completes: about twenty writes of a notebook that
carries every chart inline, each one serialised and schema-checked, while
the kernel waits (≈ 0.1 s a notebook). A report run reads the notebook only
when it has ended, so :class:`SaveAtEndEngine` writes it then: when the
notebook completes or fails (the failing cell is marked, as before), and
papermill itself writes it once more with its error banner.
"""

from __future__ import annotations

from papermill.engines import NBClientEngine, NotebookExecutionManager, papermill_engines

ENGINE_NAME = "ogpstats"


class _SaveAtEndManager(NotebookExecutionManager):
    """papermill's execution record, saved only by :meth:`notebook_complete` (run whatever happened)."""

    ended = False

    def save(self, **kwargs):
        if self.ended:
            return super().save(**kwargs)
        return None

    def notebook_complete(self, **kwargs):
        self.ended = True
        return super().notebook_complete(**kwargs)


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
        finally:
            nb_man.cleanup_pbar()
            nb_man.notebook_complete()
        return nb_man.nb


def register() -> str:
    """Make the engine known to papermill; returns its name for ``execute_notebook(engine_name=…)``."""
    papermill_engines.register(ENGINE_NAME, SaveAtEndEngine)
    return ENGINE_NAME
