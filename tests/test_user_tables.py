"""The user's small CSV tables (aliases, header words, column maps, translations): one way to read them."""

import pytest

from ogpstats.io import load_aliases
from ogpstats.translations import Translations
from ogpstats.user_tables import read_rows
from ogpstats.validate import UnusableInput


def test_a_quoted_cell_may_hold_a_line_break_and_a_comma(tmp_path):
    p = tmp_path / "translations.csv"
    p.write_bytes('\ufeffkind,key,az,en,ru\nmeasure,1.1,"Birinci\nikinci","First, second",Первый\n'.encode())
    assert read_rows(p, "translations") == [["kind", "key", "az", "en", "ru"],
                                            ["measure", "1.1", "Birinci\nikinci", "First, second", "Первый"]]
    assert Translations.load(p).text("measure", "1.1", "en", "Birinci\nikinci") == "First, second"


@pytest.mark.parametrize(("content", "code"), [(None, "aliases.missing"),
                                               (b"alias,agency\n\xff\xfe,x\n", "aliases.not_utf8")])
def test_an_unreadable_table_is_one_problem_named_after_it(tmp_path, content, code):
    p = tmp_path / "aliases.csv"
    if content is not None:
        p.write_bytes(content)
    with pytest.raises(UnusableInput) as info:
        load_aliases(p)
    assert info.value.problem.code == code and str(p) in str(info.value)
