"""Reading one file (ogpstats/io/workbook.py): the garbage collector around a read."""

import gc

import pytest

from ogpstats.io.workbook import no_cycle_collection, read_workbook
from ogpstats.validate import UnusableInput


def test_collection_is_paused_while_reading_and_restored_after():
    assert gc.isenabled()
    with no_cycle_collection():
        assert not gc.isenabled()
        with no_cycle_collection():  # nested: the inner one leaves it to the outer
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collection_is_restored_when_reading_fails(tmp_path):
    with pytest.raises(UnusableInput, match="missing.xlsx"):
        read_workbook(tmp_path / "missing.xlsx")
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled():
    gc.disable()
    try:
        with no_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
