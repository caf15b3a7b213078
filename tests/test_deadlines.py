"""Deadline forms of issue 9: full dates, month and quarter ranges, sentences, recurring work.

Each expected first/last day is counted by hand from the text. The forms of
issue 2 stay in tests/test_vocab.py and tests/test_io_government.py.
"""

import datetime as dt

import pytest

from ogpstats.deadlines import parse_deadline

D = dt.date


@pytest.mark.parametrize("text, end", [
    ("22 March 2017", D(2017, 3, 22)),
    ("March 22, 2017", D(2017, 3, 22)),
    ("22nd of March 2017", D(2017, 3, 22)),
    ("22 mart 2017-ci il", D(2017, 3, 22)),
    ("22 марта 2017 года", D(2017, 3, 22)),
    ("22.03.2017", D(2017, 3, 22)),
    ("12 March 2017", D(2017, 3, 12)),  # "12" is not read as twelve months
    ("by 31.12.2017", D(2017, 12, 31)),
])
def test_full_dates_are_one_day(text, end):
    d = parse_deadline(text)
    assert (d.start, d.end, d.ongoing, d.parsed) == (None, end, False, True)


@pytest.mark.parametrize("text, start, end", [
    ("May 2016 - August 2018", D(2016, 5, 1), D(2018, 8, 31)),
    ("Q2-Q3 2017", D(2017, 4, 1), D(2017, 9, 30)),
    ("I-II rüb 2017", D(2017, 1, 1), D(2017, 6, 30)),
    ("H1-H2 2018", D(2018, 1, 1), D(2018, 12, 31)),
    ("Q4 2016 - Q2 2017", D(2016, 10, 1), D(2017, 6, 30)),
    ("1 May 2016 - 22 March 2017", D(2016, 5, 1), D(2017, 3, 22)),
    ("с мая 2016 по август 2018 года", D(2016, 5, 1), D(2018, 8, 31)),
    ("2016-cı ilin may ayından 2018-ci ilin avqust ayınadək", D(2016, 5, 1), D(2018, 8, 31)),
    ("2016-cı il - 2018-ci il", D(2016, 1, 1), D(2018, 12, 31)),
])
def test_ranges_run_from_the_first_day_of_the_first_to_the_last_day_of_the_last(text, start, end):
    d = parse_deadline(text)
    assert (d.start, d.end, d.parsed) == (start, end, True)


@pytest.mark.parametrize("text, start, end", [
    ("Complete by October 2019", D(2019, 10, 1), D(2019, 10, 31)),
    ("Plan developed by Q4 2017", D(2017, 10, 1), D(2017, 12, 31)),
    ("Begin in Q3 2017", D(2017, 7, 1), D(2017, 9, 30)),
    ("The law adopted in the first half of 2018", D(2018, 1, 1), D(2018, 6, 30)),
    ("Begin in Q3 2017, complete by Q2 2018", D(2017, 7, 1), D(2018, 6, 30)),  # the last date ends it
    ("Portal launched by 2019", D(2019, 1, 1), D(2019, 12, 31)),
    ("Qanun layihəsi 2019-cu ilədək", D(2019, 1, 1), D(2019, 12, 31)),
    ("Закон принят до 2019 года", D(2019, 1, 1), D(2019, 12, 31)),
])
def test_a_deadline_inside_a_sentence(text, start, end):
    d = parse_deadline(text)
    assert (d.start, d.end, d.parsed) == (start, end, True)


@pytest.mark.parametrize("text", ["Quarterly", "Annually", "Annually, by 31 March", "every year", "hər il",
                                  "Hər rüb", "ежегодно", "Ежеквартально"])
def test_recurring_work_is_ongoing(text):
    d = parse_deadline(text)
    assert (d.start, d.end, d.ongoing, d.parsed) == (None, None, True, True)


@pytest.mark.parametrize("text", [
    "tezliklə 2017",                    # a bare year after an unknown word
    "Agencies may report 2019",         # "may" is no month when not next to the year; no "by"
    "31 February 2017",                 # no such day
    "2017-ci ilin mart-aprel ayları",   # a month range within one year stays unread (tests/test_io_government.py)
    "Q3-Q2 2017",                       # a range that runs backwards
    "soon",
])
def test_unreadable_stays_unread(text):
    d = parse_deadline(text)
    assert (d.start, d.end, d.ongoing, d.parsed) == (None, None, False, False)
