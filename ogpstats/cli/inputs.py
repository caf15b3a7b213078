"""The data a command reads: files, their kind and text encoding, extra status words, the agency alias table,
a column map and extra header words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..io.read_ahead import read_ahead
from ..validate import DataErrors, UnusableInput, errors
from ..vocab import StatusVocabulary

if TYPE_CHECKING:
    from ..model import Dataset


def load_dataset(paths: Sequence[str | Path], **options: Any) -> Dataset:
    """:func:`ogpstats.io.load_dataset`, imported on first call: it imports pandas (see :meth:`Inputs.load`)."""
    from ..io.load import load_dataset as load

    return load(list(paths), **options)


@dataclass(frozen=True)
class Inputs:
    """What ``--kind``, ``--vocab``, ``--aliases``, ``--encoding``, ``--columns``, ``--headers`` and the PATHS
    argument gave.

    Attributes
    ----------
    paths : tuple of Path
        The files to read.
    kind : str or None
        ``nap``, ``srm`` or ``ogp``; detected per file when None.
    vocab_files : tuple of str
        CSV files of extra status words (``level,word``), or names of ready
        vocabularies (``irm-codes``, :data:`ogpstats.vocab.NAMED_VOCABULARIES`).
    aliases : Path or None
        Agency alias table (``alias,agency``).
    encoding : str or None
        Text encoding of CSV files; detected when None.
    columns : Path or None
        Column map (``field,header``) for every file; None: a
        ``<file>.columns.csv`` beside a file, if any.
    header_words : Path or None
        Extra header words (``field,lang,word``).
    """

    paths: tuple[Path, ...]
    kind: str | None = None
    vocab_files: tuple[str, ...] = ()
    aliases: Path | None = None
    encoding: str | None = None
    columns: Path | None = None
    header_words: Path | None = None

    def load(self, *, allow_errors: bool = False) -> Dataset:
        """Read the files; refuse data with errors, print warnings on stderr.

        Parameters
        ----------
        allow_errors
            Return the dataset even when it has errors, printing nothing
            (``validate`` reports the problems itself).

        Returns
        -------
        Dataset

        Raises
        ------
        UnusableInput
            A file that cannot be read, or a ``--vocab``, ``--columns`` or ``--headers`` file that is
            not one.
        DataErrors
            The data has errors and ``allow_errors`` is false.
        """
        try:
            vocabulary = StatusVocabulary.load(*self.vocab_files) if self.vocab_files else None
        except (OSError, ValueError) as exc:
            raise UnusableInput("vocab.invalid", "vocabulary", error=str(exc)) from None
        # Options only when given: tests stub load_dataset with the older signature.
        given = (("aliases", self.aliases), ("encoding", self.encoding), ("columns", self.columns),
                 ("header_words", self.header_words))
        extra: dict[str, Any] = {k: v for k, v in given if v is not None}
        # The first file's sheets are parsed in a background thread while pandas is imported (0.3 s).
        with read_ahead(self.paths[0], self.encoding):
            dataset = load_dataset(list(self.paths), kind=self.kind, vocabulary=vocabulary, **extra)
        if not allow_errors:
            if errors(dataset.problems):
                raise DataErrors(dataset.problems)
            for p in dataset.problems:
                click.echo(p.format(), err=True)
        return dataset
