"""Ready status vocabularies selectable by name (issue 9 item 9), and the default one unambiguous."""

import csv
from collections import defaultdict
from importlib import resources

import pytest

from ogpstats.vocab import NAMED_VOCABULARIES, StatusVocabulary, normalize


def _levels_of(name):
    text = resources.files("ogpstats").joinpath(f"data/{name}").read_text("utf-8")
    out = defaultdict(set)
    for row in csv.DictReader(text.splitlines()):
        out[normalize(row["word"])].add(row["level"])
    return out


def test_default_vocabulary_is_unambiguous_and_has_no_codes():
    default = _levels_of("status_words.csv")
    assert {w: lv for w, lv in default.items() if len(lv) > 1} == {}
    # One-letter codes mean different things in different trackers (S: started or substantial):
    # they are only in the named vocabulary.
    vocab = StatusVocabulary.default()
    assert [vocab.level(w) for w in ("NS", "L", "S", "C", "LP", "SP")] == [None] * 6


def test_irm_codes_by_name():
    vocab = StatusVocabulary.named("irm-codes")
    assert [vocab.level(w) for w in ("NS", "l", "LP", "S", "sp", "C", "ND", "N/A")] == [
        "not_started", "limited", "limited", "substantial", "substantial", "complete", "not_assessed",
        "not_assessed"]
    # The default words still read.
    assert (vocab.level("İcra olunub"), vocab.level("Not started")) == ("complete", "not_started")


def test_irm_codes_do_not_contradict_the_default_words():
    default, codes = _levels_of("status_words.csv"), _levels_of(NAMED_VOCABULARIES["irm-codes"])
    assert {w: lv for w, lv in codes.items() if len(lv) > 1} == {}
    assert {w for w in codes if w in default and default[w] != codes[w]} == set()


def test_load_accepts_a_name_and_a_file(tmp_path):
    own = tmp_path / "words.csv"
    own.write_text("level,word\ncomplete,done\n", encoding="utf-8")
    vocab = StatusVocabulary.load("irm-codes", own)
    assert (vocab.level("SP"), vocab.level("done")) == ("substantial", "complete")
    with pytest.raises(KeyError):
        StatusVocabulary.named("irm")
