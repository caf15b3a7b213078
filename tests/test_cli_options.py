"""The shared options of `ogpstats`: every command that reads data takes --kind, --vocab and --aliases.

The workbook of these tests (three measures, one round 2017, every deadline 2017-12-31):

====  ==================  ==============================
item  agencies            2017
====  ==================  ==============================
1.1   Ədliyyə Nazirliyi   icra olunub → complete
1.2   ƏN                  icra prosesindədir → limited
1.3   Vergilər Nazirliyi  icra olunmayıb → not_started
====  ==================  ==============================

ƏN is the Ministry of Justice's abbreviation: the alias table ``ƏN → Ədliyyə Nazirliyi``
makes one agency of the two spellings.
"""

import json

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from ogpstats.cli import main

STATUS_WORDS = {"1.1": "icra olunub", "1.2": "icra prosesindədir", "1.3": "icra olunmayıb"}


def build(path, words=STATUS_WORDS):
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["№", "Tədbirin adı", "İcraçı qurumlar", "İcra müddəti"])
    ws.append(["1.1", "A", "Ədliyyə Nazirliyi", "2017-ci il"])
    ws.append(["1.2", "B", "ƏN", "2017-ci il"])
    ws.append(["1.3", "C", "Vergilər Nazirliyi", "2017-ci il"])
    rs = wb.create_sheet("2017-ci il")
    rs.append(["№", "İcra vəziyyəti"])
    for item, word in words.items():
        rs.append([item, word])
    wb.save(path)
    return path


@pytest.fixture
def plan(tmp_path):
    return build(tmp_path / "plan.xlsx")


@pytest.fixture
def aliases(tmp_path):
    path = tmp_path / "aliases.csv"
    path.write_text("alias,agency\nƏN,Ədliyyə Nazirliyi\n", encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def scorecard(*args) -> dict:
    result = run("scorecard", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return {row["agency"]: row for row in json.loads(result.stdout)}


def test_every_command_that_reads_data_takes_kind_vocab_and_aliases():
    readers = {name for name, command in main.commands.items() if any(p.name == "paths" for p in command.params)}
    assert readers == {"indicators", "validate", "tidy", "kpis", "changes", "forecast", "scorecard", "schedule",
                       "benchmark"}
    for name in readers:
        options = {opt for p in main.commands[name].params for opt in p.opts}
        assert {"--kind", "--vocab", "--aliases"} <= options, name


def test_scorecard_without_aliases_keeps_the_abbreviation_apart(plan):
    card = scorecard(plan)
    # One item each: complete → 100, limited → 100/3, not started → 0; ranked by index.
    assert [(a, r["rank"], r["n_items"], r["implementation_index"]) for a, r in card.items()] == [
        ("Ədliyyə Nazirliyi", 1, 1, 100.0), ("ƏN", 2, 1, 33.333333), ("Vergilər Nazirliyi", 3, 1, 0.0)]


def test_scorecard_with_aliases_merges_two_spellings_of_one_agency(plan, aliases):
    card = scorecard(plan, "--aliases", aliases)
    assert list(card) == ["Ədliyyə Nazirliyi", "Vergilər Nazirliyi"]
    justice = card["Ədliyyə Nazirliyi"]
    # 1.1 complete (1) and 1.2 limited (1/3): index 100 × (1 + 1/3) / 2; 1 of 2 complete.
    assert (justice["n_items"], justice["n_assessed"], justice["implementation_index"]) == (2, 2, 66.666667)
    assert justice["completion_rate"] == 0.5
    # Both were due 2017-12-31 (round 2017): 1.2 is not complete, so overdue; only 1.1 on time.
    assert (justice["overdue"], justice["n_due"], justice["completed_on_time"], justice["on_time_rate"]) == (
        1, 2, 1, 0.5)
    assert justice["worst_items"] == "1.2, 1.1"  # overdue first
    taxes = card["Vergilər Nazirliyi"]
    assert (taxes["rank"], taxes["implementation_index"], taxes["overdue"], taxes["on_time_rate"]) == (2, 0.0, 1, 0.0)


def test_aliases_reach_the_other_analytics_commands(plan, aliases):
    result = run("schedule", plan, "--by", "agency", "--aliases", aliases, "--format", "json")
    assert result.exit_code == 0, result.output
    assert sorted(row["group"] for row in json.loads(result.stdout)) == ["Vergilər Nazirliyi", "Ədliyyə Nazirliyi"]
    missing = aliases.with_name("none.csv")
    result = run("changes", plan, "--aliases", missing)
    assert result.exit_code == 2 and result.stderr.strip() == f"ogpstats: {missing}: no such alias table"


def test_vocab_on_an_analytics_command(tmp_path):
    path = build(tmp_path / "plan.xlsx", {**STATUS_WORDS, "1.2": "yarımçıq"})
    refused = run("scorecard", path)
    assert refused.exit_code == 1 and "2017-ci il!B3: error: unknown status word 'yarımçıq'" in refused.stderr
    words = tmp_path / "words.csv"
    words.write_text("level,word\nlimited,yarımçıq\n", encoding="utf-8")
    card = scorecard(path, "--vocab", words)
    assert card["ƏN"]["implementation_index"] == 33.333333  # yarımçıq read as limited: 100 × 1/3


def test_unreadable_vocabulary_exits_2_with_one_line(plan, tmp_path):
    words = tmp_path / "words.csv"
    words.write_text("level,word\nhalf,yarımçıq\n", encoding="utf-8")
    result = run("kpis", plan, "--vocab", words)
    assert result.exit_code == 2 and "Traceback" not in result.output
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"ogpstats: vocabulary: {words}: line 2: unknown level 'half'")


def test_a_bug_is_one_line_internal_error_exit_1(plan, monkeypatch):
    import ogpstats.cli.inputs

    def broken(*args, **kwargs):
        raise KeyError("items")

    monkeypatch.setattr(ogpstats.cli.inputs, "load_dataset", broken)
    result = run("indicators", plan)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == ["ogpstats: internal error: KeyError: 'items' (please report it)"]
