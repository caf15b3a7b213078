"""Whole-column helpers of the readers (ogpstats/io/columns.py)."""

import pandas as pd

from ogpstats.io.columns import cell_refs, is_measure_number, numbers, objects, repeated


def test_cell_refs_of_rows_in_several_columns():
    rows = pd.Index([0, 6, 99])
    assert list(cell_refs(0, rows)) == ["A1", "A7", "A100"]
    assert list(cell_refs(27, rows)) == ["AB1", "AB7", "AB100"]  # the same rows again: their numbers are reused
    assert list(cell_refs(1, [4, 5])) == ["B5", "B6"]
    assert list(cell_refs(2, pd.Index([], dtype="int64"))) == []


def test_text_columns_stay_python_objects():
    index = pd.Index([3, 4])
    col = objects(["a", "b"], index)
    assert col.dtype == object and list(col) == ["a", "b"] and list(col.index) == [3, 4]
    plan = repeated("NAP 2016-2018", index)
    assert plan.dtype == object and list(plan) == ["NAP 2016-2018", "NAP 2016-2018"]
    assert list(repeated(None, index)) == [None, None]


def test_measure_numbers_and_which_are_numbers():
    raw = pd.Series(["1.2.", " 3 ", 1.1, 4.0, "", None, "34a", "1.2\n", "١.٢", "x1"], dtype=object)
    got = numbers(raw)
    assert list(got) == ["1.2", "3", "1.1", "4", None, None, "34a", "1.2", "1.2", "x1"]
    assert list(is_measure_number(got)) == [True, True, True, True, False, False, True, True, True, False]
    assert not is_measure_number(pd.Series(["1.2\n"], dtype=object)).iloc[0]  # a whole match, as str.fullmatch


def test_measure_numbers_in_one_pass_agree_with_the_two_steps():
    from ogpstats.io.columns import measure_numbers

    # All text (the fast path): canonical numbers are kept as they are, the rest as numbers() says.
    text = pd.Series(["1.2", "1.2.", " 3 ", "", "  ", "34a", "1.2\n", "١.٢", "x1", "2.10", "1.5б"], dtype=object,
                     index=range(10, 21))
    nums, is_number = measure_numbers(text)
    assert list(nums) == ["1.2", "1.2", "3", None, None, "34a", "1.2", "1.2", "x1", "2.10", "1.5б"]
    assert list(is_number) == [True, True, True, False, False, True, True, True, False, True, True]
    assert list(nums.index) == list(is_number.index) == list(range(10, 21))
    # Mixed values (numbers typed as numbers): the two steps.
    mixed = pd.Series(["1.2", 1.1, 4.0, None, float("nan"), "1.3."], dtype=object)
    nums, is_number = measure_numbers(mixed)
    assert list(nums) == ["1.2", "1.1", "4", None, None, "1.3"]
    assert list(is_number) == [True, True, True, False, False, True]
    empty_nums, empty_is = measure_numbers(pd.Series([], dtype=object))
    assert len(empty_nums) == len(empty_is) == 0


def test_blank_cells_of_text_only_columns():
    from ogpstats.io.columns import blank_cells

    # All text (a sheet's usual column): empty, spaces, tabs, newlines and no-break spaces are blank.
    col = pd.Series(["", " ", "a", "\t\n", " b ", "\u00a0", "0"], dtype=object)
    assert blank_cells(col).tolist() == [True, True, False, True, False, True, False]


def test_blank_cells_of_a_frame_at_once():
    import datetime as dt

    from ogpstats.io.columns import blank_cells, blank_frame

    df = pd.DataFrame({0: ["", " ", "a", None], 1: [float("nan"), 0, dt.date(2020, 1, 1), "\n"]}, dtype=object,
                      index=[5, 6, 7, 8])
    expected = [[True, True], [True, False], [False, False], [True, True]]
    assert blank_frame(df).to_numpy().tolist() == expected
    assert list(blank_frame(df).index) == [5, 6, 7, 8]
    assert blank_cells(df[1]).tolist() == [True, False, False, True]


def test_factorize_cells_leaves_blank_cells_out():
    from ogpstats.io.columns import factorize_cells

    col = pd.Series(["Vergilər", "", "Ədliyyə", " ", None, "Vergilər", float("nan"), 2.0], dtype=object)
    codes, distinct = factorize_cells(col)
    assert distinct == ["Vergilər", "Ədliyyə", 2.0]
    assert codes.tolist() == [0, -1, 1, -1, -1, 0, -1, 2]
    codes, distinct = factorize_cells(pd.Series(["a", "b", "a"], dtype=object))  # nothing blank
    assert (codes.tolist(), distinct) == ([0, 1, 0], ["a", "b"])


def test_a_long_printed_table_blanks_its_repeated_header_and_column_numbers():
    # 300 measures (a № column of many distinct values), a third of them without a status: the rows that
    # repeat the header or its column numbers are found among them, the rest stay as they are.
    from ogpstats.io.cells import Sheet
    from ogpstats.io.columns import table_frame
    from ogpstats.io.tables import make_table

    header = ["№", "İcra vəziyyəti", "İcra faizi"]
    rows = [header, [1, 2, 3]]
    for i in range(300):
        rows.append([f"1.{i + 1}", "" if i % 3 else "icra olunub", "" if i % 3 else 100])
        if i == 149:  # a new page
            rows += [["№ ", "İCRA VƏZİYYƏTİ", "İcra faizi"], ["1", "2", "3."]]
    table = make_table(Sheet("2018", rows), 0, {"item_id": 0, "status": 1, "percent": 2})
    assert table.body == 2
    frame = table_frame(table)
    assert list(frame.index[:2]) == [2, 3] and len(frame) == 302
    blanked = [r for r in frame.index if (frame.loc[r] == "").all()]
    assert blanked == [152, 153]  # the header and its numbers again, under measure 1.150
    assert frame.loc[151].tolist() == ["1.150", "", ""] and frame.loc[154].tolist() == ["1.151", "icra olunub", 100]
    assert frame.loc[2].tolist() == ["1.1", "icra olunub", 100]
