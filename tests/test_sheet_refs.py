"""How far worksheet XML reaches (ogpstats.io.sheet_refs): the guard's fast path gives the full scan's answer."""

import re

from ogpstats.io.sheet_refs import _greater_than, column_number, grown_extent


def test_greater_than_matches_exactly_the_larger_numbers():
    for n in (0, 1, 9, 10, 99, 100, 1999, 101007, 1048575):
        pattern = re.compile(b"0*(?:" + _greater_than(n) + b")")
        for k in [*range(0, 2100), 101006, 101007, 101008, 1048575, 1048576]:
            for text in (str(k), "00" + str(k)):
                assert bool(pattern.fullmatch(text.encode())) == (k > n), (n, text)


def row(r, *cells):
    return f'<row r="{r}">' + "".join(f'<c r="{c}"><v>1</v></c>' for c in cells) + "</row>"


def test_in_order_sheet_reaches_its_last_cell():
    data = (row(1, "A1", "B1") + row(2, "A2", "E2") + row(3, "C3")).encode()
    assert grown_extent(data, 0, 0) == (3, 5)
    assert grown_extent(data, 3, 5) == (3, 5)  # a declared dimension that holds it all
    assert grown_extent(data, 7, 2) == (7, 5)  # a wider cell than declared still counts


def test_a_cell_out_of_order_or_far_right_still_counts():
    # The last reference (row 3) is not the largest: row 900 earlier in the chunk is.
    data = (row(1, "A1") + row(900, "A900") + row(3, "A3")).encode()
    assert grown_extent(data, 3, 1) == (900, 1)
    assert grown_extent(row(5, "XFD5").encode(), 5, 3) == (5, 16384)
    assert grown_extent(row(5, "A0000012").encode(), 5, 1) == (12, 1)  # leading zeros: row 12


def test_what_the_full_scan_ignores_is_ignored():
    # Eleven digits are no reference (the full scan's pattern allows ten); the row element's r has no letters.
    assert grown_extent(b'<row r="99999"><c r="A12345678901"><v>1</v></c></row>', 4, 2) == (4, 2)
    assert column_number("AA") == 27 and column_number("xfd") == 16384
