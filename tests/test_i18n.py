"""Message catalogue: same keys in az and en, language-specific numbers, no English in az."""

import json
import re
import string
from importlib import resources

import pytest

from ogpstats.i18n import LANGS, Messages, catalogue, format_number, messages
from ogpstats.vocab import LEVEL_LABELS


def _fields(text):
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_az_catalogue_has_the_same_keys_as_en():
    assert set(catalogue("az")) == set(catalogue("en"))


def test_placeholders_match_between_languages():
    az, en = catalogue("az"), catalogue("en")
    for key in en:
        assert _fields(az[key]) <= _fields(en[key]) | {"roman", "dd", "mm", "day", "month"}, key
        # every placeholder English uses must be fillable in az too (same call site)
        assert _fields(en[key]) - {"n", "day", "month", "dd", "mm"} <= _fields(az[key]) | {"n"}, key


def test_catalogue_files_are_valid_json_without_duplicates():
    for lang in LANGS:
        text = resources.files("ogpstats").joinpath(f"data/messages_{lang}.json").read_text("utf-8")
        pairs = json.loads(text, object_pairs_hook=lambda kv: kv)
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), lang


# Words that must not appear in Azerbaijani text (proper names like ogpstats excepted).
ENGLISH = {"the", "and", "of", "to", "status", "measure", "measures", "index", "source", "level", "levels",
           "round", "rounds", "complete", "limited", "substantial", "not", "started", "overdue", "agency",
           "report", "data", "deadline", "target", "progress", "on", "track", "file", "sheet", "cell",
           "error", "warning", "commitment", "road", "map", "priority", "share", "period", "method"}


def test_az_catalogue_has_no_english_words():
    for key, text in catalogue("az").items():
        if key == "lang.en":
            continue  # the language's own name
        text = re.sub(r"\{[^}]*\}", " ", text)  # placeholders are not words
        words = set(re.findall(r"\w+", text.lower()))
        assert not words & ENGLISH, (key, words & ENGLISH)


def test_numbers_by_language():
    assert format_number(62.5, "az") == "62,5"
    assert format_number(62.5, "en") == "62.5"
    assert format_number(1234.5, "az") == "1.234,5"
    assert format_number(1234.5, "en") == "1,234.5"
    assert format_number(-0.04, "en") == "0.0"
    assert format_number(None, "az") == "–"
    assert format_number(float("nan"), "en") == "–"
    assert messages("az").percent(0.625) == "62,5%"
    assert messages("en").percent(0.625) == "62.5%"
    assert messages("az").integer(12) == "12"


def test_levels_in_the_users_language():
    for lang in LANGS:
        m = messages(lang)
        for level, label in LEVEL_LABELS[lang].items():
            assert m.level(level) == label
    assert messages("az").level(None) == "Qiymətləndirilməyib"
    assert messages("en").level(float("nan")) == "Not assessed"


def test_rounds_and_dates():
    az, en = messages("az"), messages("en")
    assert az.round_label("2018-H2") == "2018, II yarımil"
    assert az.round_label("2017-Q3") == "2017, III rüb"
    assert en.round_label("2018-H2") == "H2 2018"
    assert en.round_label("2018") == "2018"
    assert az.date("2018-12-31") == "31.12.2018"
    assert en.date("2018-06-30") == "30 Jun 2018"


def test_missing_key_names_the_key():
    with pytest.raises(KeyError, match="no.such.key"):
        Messages("en")("no.such.key")
    with pytest.raises(ValueError):
        messages("fr")
