"""Header detection (issue 8 item 8, issue 9 item 2): header rows in az, en and ru, below titles, or none."""

import csv
import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from ogpstats.io.cells import Book, Sheet
from ogpstats.io.header_words import HeaderWords, _letter_kinds, guess_language
from ogpstats.io.headers import find_header, header_field, match_header
from ogpstats.io.tables import no_table
from ogpstats.vocab import normalize

PLAN = ("item_id",)
ANY = ("title", "status", "percent", "round")


@pytest.mark.parametrize("row, expected", [
    (["№", "Tədbirin adı", "Qiymətləndirmə indikatoru", "İcraçı qurumlar", "İcra müddəti"],
     {"item_id": 0, "title": 1, "indicator": 2, "agencies": 3, "deadline": 4}),
    (["№", "Name of measure", "Evaluation indicator", "Implementing agencies", "Deadline"],
     {"item_id": 0, "title": 1, "indicator": 2, "agencies": 3, "deadline": 4}),
    (["No.", "Milestone", "Responsible institution", "Timeframe", "Implementation status"],
     {"item_id": 0, "title": 1, "agencies": 2, "deadline": 3, "status": 4}),
    (["#", "Activity", "Implementer(s)", "Completion date", "Progress"],
     {"item_id": 0, "title": 1, "agencies": 2, "deadline": 3, "status": 4}),
    (["№ п/п", "Наименование мероприятия", "Исполнители", "Срок исполнения", "Статус"],
     {"item_id": 0, "title": 1, "agencies": 2, "deadline": 3, "status": 4}),
    (["Tədbirin adı / Measure", "İCRA MÜDDƏTİ", "Progress (%)"], {"title": 0, "deadline": 1, "percent": 2}),
])
def test_header_rows_in_three_languages(row, expected):
    assert match_header(row) == expected


def test_header_below_title_rows_and_numbers():
    rows = [["Azərbaycan Respublikası Prezidentinin Sərəncamı"], ["Milli Fəaliyyət Planı"], [],
            ["№", "Tədbirin adı", "İcraçı qurumlar"], [1, 2, 3], ["1.1", "A", "B"]]
    assert find_header(rows, PLAN, any_of=ANY) == (3, {"item_id": 0, "title": 1, "agencies": 2})


def test_no_header_and_header_beyond_the_scan():
    rows = [["Hesabat"], ["Ad", "Soyad", "Tarix"], ["Əli", "Məmmədov", "2017"]]
    assert find_header(rows, PLAN, any_of=ANY) is None
    late = [[f"title {i}"] for i in range(30)] + [["№", "Measure"]]
    assert find_header(late, PLAN, any_of=ANY) is None
    assert find_header(late, PLAN, any_of=ANY, scan=31) == (30, {"item_id": 0, "title": 1})


def test_a_row_naming_only_some_fields_is_not_the_header():
    # A title row naming the item number only, then the real header.
    rows = [["№"], ["№", "Deadline"], ["№", "Measure", "Deadline"]]
    assert find_header(rows, PLAN, any_of=ANY) == (2, {"item_id": 0, "title": 1, "deadline": 2})


def test_packaged_header_words_are_unambiguous_and_cover_the_issue():
    text = resources.files("ogpstats").joinpath("data/header_words.csv").read_text("utf-8")
    fields_of = defaultdict(set)
    for row in csv.DictReader(text.splitlines()):
        assert row["lang"] in ("az", "en", "ru", "any")
        fields_of[normalize(row["word"])].add(row["field"])
    assert {w: f for w, f in fields_of.items() if len(f) > 1} == {}
    for word, name in [("Name of measure", "title"), ("Measure", "title"), ("Activity", "title"),
                       ("Action", "title"), ("Milestone", "title"), ("Implementing agencies", "agencies"),
                       ("Responsible institution", "agencies"), ("Implementers", "agencies"),
                       ("Responsible", "agencies"), ("Lead agency", "lead_agency"), ("Deadline", "deadline"),
                       ("Timeline", "deadline"), ("Timeframe", "deadline"), ("Due date", "deadline"),
                       ("Completion date", "deadline"), ("Status", "status"), ("Progress", "status"),
                       ("Implementation status", "status"), ("Наименование мероприятия", "title"),
                       ("Исполнители", "agencies"), ("Срок исполнения", "deadline"), ("Статус", "status")]:
        assert header_field(word) == name, word


def test_the_header_a_message_shows_per_language():
    words = HeaderWords.default()
    assert words.expected("az") == "№, Tədbirin adı, İcraçı qurumlar, İcra müddəti"
    assert words.expected("en") == "№, Name of measure, Implementing agencies, Deadline"
    assert words.expected("ru") == "№, Наименование мероприятия, Исполнители, Срок исполнения"


@pytest.mark.parametrize("texts, lang", [
    (["Milli Fəaliyyət Planı", "İcraçı qurumlar"], "az"),
    (["Tedbirin adi", "Isci qrupu"], "en"),   # Azerbaijani typed without its letters reads as English
    (["National Action Plan", "Deadline"], "en"),
    (["Наименование мероприятия", "Срок"], "ru"),
    (["Национальный план действий", "Deadline"], "ru"),
    ([], "en"),
])
def test_language_of_a_file(texts, lang):
    assert guess_language(texts) == lang


def _book(rows, name="S"):
    return Book(Path("f.xlsx"), [Sheet(name, rows)])


def test_no_table_in_the_files_language():
    az = no_table(_book([["Hesabat üçün qeydlər"], ["Ad", "Soyad"]])).problem
    assert az.code == "table.none"
    assert az.message == ("no sheet holds a plan table; expected a header like "
                          "№, Tədbirin adı, İcraçı qurumlar, İcra müddəti")
    ru = no_table(_book([["Отчёт"], ["Имя", "Фамилия"]])).problem
    assert ru.code == "table.none_lang"
    assert ru.message == ("no sheet holds a plan table; expected a header like №, Tədbirin adı, İcraçı qurumlar, "
                          "İcra müddəti or №, Наименование мероприятия, Исполнители, Срок исполнения")
    assert ru.render("az").endswith("və ya №, Наименование мероприятия, Исполнители, Срок исполнения")


def test_no_table_points_at_the_closest_row():
    rows = [["План"], ["Код", "Наименование мероприятия", "Срок"], ["Код", "Срок"]]
    p = no_table(_book(rows, "Лист1")).problem
    assert (p.code, p.sheet, p.cell) == ("table.closest", "Лист1", "B2")
    assert (p.fields["row"], p.fields["named"], p.fields["needed"]) == (2, 2, 4)
    assert p.message.endswith("the closest is row 2 of sheet 'Лист1', which names 2 of the 4 "
                              "(Наименование мероприятия, Срок)")
    assert "gözlənilən başlıq: №, Наименование мероприятия, Исполнители, Срок исполнения" in p.render("az")


def test_the_letters_counted_are_what_the_patterns_match_ignoring_case():
    # The rule as regular expressions; the reader counts the same code points with numpy.
    patterns = {1: re.compile(r"[a-z]", re.IGNORECASE), 2: re.compile(r"[а-яё]", re.IGNORECASE),
                4: re.compile(r"[əışğƏŞĞ]")}
    kinds = _letter_kinds()
    for bit, pattern in patterns.items():
        expected = [c for c in range(0x110000) if pattern.match(chr(c))]
        assert max(expected) < 0x10000
        assert list(np.flatnonzero(kinds & bit)) == expected


def test_language_counts_letters_of_every_text():
    # 4 Cyrillic letters (Срок) against 3 Latin ones (İıa: the Turkish i's are Latin): Russian.
    assert guess_language(["Срок", "İıa", "\U0001f600 12"]) == "ru"
    # 5 Latin letters (Plans) against 4 Cyrillic: English; a lone surrogate is no letter; with ı, Azerbaijani.
    assert guess_language(["Plans", "Срок", "\ud800"]) == "en"
    assert guess_language(["Plans", "Срок", "ı"]) == "az"
