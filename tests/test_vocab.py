import datetime as dt

import pytest

from ogpstats.vocab import (
    StatusVocabulary,
    normalize,
    parse_deadline,
    parse_round,
    round_as_of,
    round_sort_key,
    split_agencies,
)

V = StatusVocabulary.default()


@pytest.mark.parametrize("word, level", [
    ("İCRA OLUNUB", "complete"),  # "İ".lower() would give i + combining dot
    ("  icra olunub. ", "complete"),
    ("icra olunmayib", "not_started"),  # typed without Azerbaijani letters
    ("İcra olunmayıb", "not_started"),
    ("Qismen icra olunub", "substantial"),
    ("QİSMƏN İCRA EDİLİB", "substantial"),
    ("ICRA PROSESINDEDIR", "limited"),  # dotless I typed for İ
    ("In progress", "limited"),
    ("Completed", "complete"),
    ("ВЫПОЛНЕНО", "complete"),
    ("частично выполнено", "substantial"),
    ("не выполнено", "not_started"),
    ("gözləmədə", "not_started"),
    ("", "not_assessed"),
    ("No evidence", "not_assessed"),
    ("Withdrawn", "not_assessed"),
])
def test_status_words(word, level):
    assert V.level(word) == level


def test_unknown_word_has_a_suggestion():
    assert V.level("icra olunb") is None
    assert V.suggest("icra olunb") == "icra olunub"


def test_normalize_azerbaijani_case():
    assert normalize("İCRA") == "icra"
    assert normalize("İ") == "i" and len(normalize("İ")) == 1


def test_user_vocabulary_extends_default(tmp_path):
    extra = tmp_path / "words.csv"
    extra.write_text("level,word\ncomplete,bitib\n", encoding="utf-8")
    vocab = StatusVocabulary.load(extra)
    assert vocab.level("BİTİB") == "complete"
    assert vocab.level("icra olunub") == "complete"
    bad = tmp_path / "bad.csv"
    bad.write_text("level,word\ndone,bitib\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.csv: line 2: unknown level 'done'"):
        StatusVocabulary.load(bad)


@pytest.mark.parametrize("text, round_id", [
    ("2017", "2017"), ("2017-H1", "2017-H1"), ("2018 H1", "2018-H1"), ("H2 2018", "2018-H2"),
    ("2017-Q3", "2017-Q3"), ("Q3 2017", "2017-Q3"), ("II rüb 2017", "2017-Q2"),
    ("2017-ci ilin I yarımili", "2017-H1"), ("2017-ci ilin II yarımili", "2017-H2"), ("2017-ci il", "2017"),
    ("2016-cı ilin IV rübü", "2016-Q4"), (2017, "2017"), (2017.0, "2017"),
    ("end of term", "end_of_term"), ("progress_report", "progress_report"),
    ("2016-2018", None), ("Status", None), ("", None),
])
def test_parse_round(text, round_id):
    assert parse_round(text) == round_id


def test_round_dates_and_order():
    assert round_as_of("2017-H1") == dt.date(2017, 6, 30)
    assert round_as_of("2016-Q4") == dt.date(2016, 12, 31)
    assert round_as_of("2018") == dt.date(2018, 12, 31)
    rounds = ["2018", "2017-H2", "2018-H2", "2017-Q1", "2018-H1"]
    assert sorted(rounds, key=round_sort_key) == ["2017-Q1", "2017-H2", "2018-H1", "2018-H2", "2018"]


@pytest.mark.parametrize("text, start, end, ongoing", [
    ("2016-2018-ci illər", dt.date(2016, 1, 1), dt.date(2018, 12, 31), False),
    ("2017-ci il", dt.date(2017, 1, 1), dt.date(2017, 12, 31), False),
    ("2016-cı ilin IV rübü", dt.date(2016, 10, 1), dt.date(2016, 12, 31), False),
    ("2017-ci ilin II rübü", dt.date(2017, 4, 1), dt.date(2017, 6, 30), False),
    ("2018-ci ilin I yarımili", dt.date(2018, 1, 1), dt.date(2018, 6, 30), False),
    ("2017-ci ilin sonunadək", dt.date(2017, 1, 1), dt.date(2017, 12, 31), False),
    ("2016-2018", dt.date(2016, 1, 1), dt.date(2018, 12, 31), False),
    ("Q2 2017", dt.date(2017, 4, 1), dt.date(2017, 6, 30), False),
    ("H1 2018", dt.date(2018, 1, 1), dt.date(2018, 6, 30), False),
    ("by the end of 2017", dt.date(2017, 1, 1), dt.date(2017, 12, 31), False),
    ("Daimi", None, None, True),
    ("mütəmadi", None, None, True),
    ("Permanent", None, None, True),
    ("постоянно", None, None, True),
    (dt.datetime(2017, 3, 15), None, dt.date(2017, 3, 15), False),
])
def test_parse_deadline(text, start, end, ongoing):
    d = parse_deadline(text)
    assert (d.start, d.end, d.ongoing, d.parsed) == (start, end, ongoing, True)


def test_unparseable_deadline():
    d = parse_deadline("tezliklə 2017")
    assert d.end is None and not d.parsed


def test_split_agencies_never_on_ve():
    cell = "Rabitə və Yüksək Texnologiyalar Nazirliyi; Ədliyyə Nazirliyi,\nVergilər  Nazirliyi; ədliyyə nazirliyi"
    assert split_agencies(cell) == ["Rabitə və Yüksək Texnologiyalar Nazirliyi", "Ədliyyə Nazirliyi",
                                    "Vergilər Nazirliyi"]
