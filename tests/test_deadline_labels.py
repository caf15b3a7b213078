"""ogpstats.i18n.deadline_label: a deadline shown as the period it means, in the page's language (issue 11 item 2)."""

import datetime as dt

import pytest

from ogpstats.deadlines import Deadline
from ogpstats.i18n import deadline_label


@pytest.mark.parametrize(("text", "az", "en", "ru"), [
    ("2017-ci ilin II rübü", "2017-ci ilin II rübü", "Q2 2017", "II квартал 2017 года"),
    ("2017-ci ilin II yarımili", "2017-ci ilin II yarımili", "H2 2017", "II полугодие 2017 года"),
    ("2019-cu il", "2019-cu il", "2019", "2019 год"),
    ("2016-2018-ci illər", "2016–2018-ci illər", "2016–2018", "2016–2018 годы"),
    ("2016-2020-ci illər", "2016–2020-ci illər", "2016–2020", "2016–2020 годы"),
    ("Daimi", "Daimi", "Ongoing", "Постоянно"),
    ("постоянно", "Daimi", "Ongoing", "Постоянно"),
    ("31.12.2017", "31.12.2017 tarixinədək", "by 31 Dec 2017", "до 31 декабря 2017 г."),
    ("Q4 2016 - Q2 2017", "2016-cı ilin IV rübü – 2017-ci ilin II rübü", "Q4 2016 – Q2 2017",
     "IV квартал 2016 года – II квартал 2017 года"),
    ("May 2016 - August 2018", "2016-cı ilin may ayı – 2018-ci ilin avqust ayı", "May 2016 – August 2018",
     "май 2016 года – август 2018 года"),
])
def test_a_deadline_reads_as_its_period(text, az, en, ru):
    assert [deadline_label(text, lang) for lang in ("az", "en", "ru")] == [az, en, ru]


def test_a_parsed_deadline_is_taken_as_it_is():
    d = Deadline("whatever was written", dt.date(2018, 1, 1), dt.date(2018, 6, 30))
    assert deadline_label(d, "en") == "H1 2018"
    assert deadline_label(d, "ru") == "I полугодие 2018 года"


def test_dates_that_are_no_whole_period_are_shown_as_dates():
    d = Deadline("x", dt.date(2016, 5, 15), dt.date(2017, 6, 20))
    assert deadline_label(d, "en") == "15 May 2016 – 20 Jun 2017"
    assert deadline_label(d, "az") == "15.05.2016 – 20.06.2017"


@pytest.mark.parametrize("text", ["tezliklə", "", None])
def test_an_unreadable_deadline_stays_as_written(text):
    assert deadline_label(text, "en") == (text or "")
