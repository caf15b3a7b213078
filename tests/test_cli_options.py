"""The shared options of `ogpstats`: every command that reads data takes --kind, --vocab, --aliases, --columns
and --headers; --scheme follows the kind of the data.

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

from fixtures.workbooks import build_sheet

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
    readers = {name for name, command in main.all_commands().items() if any(p.name == "paths" for p in command.params)}
    assert readers == {"indicators", "validate", "tidy", "kpis", "changes", "forecast", "scorecard", "schedule",
                       "benchmark"}
    for name in readers:
        options = {opt for p in main.all_commands()[name].params for opt in p.opts}
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


# -- --columns, --headers, --vocab by name (issue 9) and the scheme by kind (issue 12) ---------------


def test_every_command_that_reads_data_takes_columns_headers_and_encoding():
    readers = [command for command in main.all_commands().values() if any(p.name == "paths" for p in command.params)]
    for command in readers:
        options = {opt for p in command.params for opt in p.opts}
        assert {"--columns", "--headers", "--encoding"} <= options, command.name


TRACKER_HEADER = ["order_num", "order_letter", "name_en", "lead_agency", "due", "status_2019_03", "status_2019_09"]
TRACKER_ROWS = [
    [1, "a", "Open budget portal", "Ministry of Finance", "2019", "L", "C"],
    [1, "b", "Budget hearings", "Ministry of Finance", "2019", "NS", "L"],
    [2, None, "Ownership register", "Ministry of Justice", "2020", "S", "S"],
]
TRACKER_MAP = ("field,header\nitem_id,order_num+order_letter\ntitle,name_en\nagencies,lead_agency\ndeadline,due\n"
               "status@2019-03,status_2019_03\nstatus@2019-09,status_2019_09\n")


@pytest.fixture
def tracker(tmp_path):
    """A snake_case tracker in IRM codes with monthly rounds, and its column map."""
    build_sheet(tmp_path / "tracker.xlsx", "tracker", [TRACKER_HEADER, *TRACKER_ROWS])
    (tmp_path / "map.csv").write_text(TRACKER_MAP, encoding="utf-8")
    return tmp_path / "tracker.xlsx", tmp_path / "map.csv"


def test_columns_reads_another_layout_on_every_command(tracker):
    book, columns = tracker
    refused = run("indicators", book)
    assert refused.exit_code == 2 and "no sheet holds a plan table" in refused.stderr
    result = run("indicators", book, "--columns", columns, "--vocab", "irm-codes", "--by", "agency", "--format",
                 "json")
    assert result.exit_code == 0, result.output
    by = {row["group"]: row for row in json.loads(result.stdout)}
    # 2019-09: Finance 1a complete, 1b limited → 100 × (1 + 1/3) / 2; Justice 2 substantial → 100 × 2/3.
    assert {g: (r["n_items"], r["implementation_index"], r["round"], r["scheme"]) for g, r in by.items()} == {
        "Ministry of Finance": (2, 66.666667, "2019-09", "irm"),
        "Ministry of Justice": (1, 66.666667, "2019-09", "irm")}
    result = run("forecast", book, "--columns", columns, "--vocab", "irm-codes", "--format", "json")
    assert result.exit_code == 0, result.output
    f = json.loads(result.stdout)
    # The joined ids and the monthly rounds: 2019-03 (1/3 + 0 + 2/3) / 3 = 33.333333, 2019-09 66.666667.
    assert [(r["round"], r["as_of"], r["implementation_index"]) for r in f["by_round"]] == [
        ("2019-03", "2019-03-31", 33.333333), ("2019-09", "2019-09-30", 66.666667)]
    # 33.333333 points in 183 days (2019-03-31 → 2019-09-30) of a 365-day year: × 365 / 183 a year.
    assert f["slope_per_year"] == pytest.approx(33.333333 * 365 / 183, abs=1e-5)
    checked = run("validate", book, "--columns", columns, "--vocab", "irm-codes")
    assert checked.exit_code == 0, checked.output


def test_columns_and_headers_files_that_are_missing_exit_2_with_one_line(tracker, tmp_path):
    book, _ = tracker
    result = run("scorecard", book, "--columns", tmp_path / "none.csv")
    assert result.exit_code == 2 and result.stderr.strip() == f"ogpstats: {tmp_path / 'none.csv'}: no such column map"
    result = run("indicators", book, "--headers", tmp_path / "none.csv")
    assert result.exit_code == 2
    assert result.stderr.strip() == f"ogpstats: {tmp_path / 'none.csv'}: no such header words file"


def english_plan(path):
    """An English plan whose title column says "Undertaking", a word ogpstats does not know."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws.append(["№", "Undertaking", "Implementing agencies", "Deadline"])
    ws.append(["1.1", "Open data portal", "Ministry of Justice", "2017"])
    ws.append(["1.2", "Tax e-services", "Ministry of Taxes", "2017"])
    rs = wb.create_sheet("2017")
    rs.append(["№", "Status"])
    rs.append(["1.1", "completed"])
    rs.append(["1.2", "not started"])
    wb.save(path)
    return path


def test_headers_adds_header_words(tmp_path):
    path = english_plan(tmp_path / "plan.xlsx")
    refused = run("indicators", path)
    assert refused.exit_code == 2 and "names 3 of the 4" in refused.stderr
    words = tmp_path / "words.csv"
    words.write_text("field,lang,word\ntitle,en,Undertaking\n", encoding="utf-8")
    result = run("indicators", path, "--headers", words, "--format", "json")
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.stdout)
    # 1.1 complete, 1.2 not started: 100 × 1 / 2; 1.2 was due at the end of 2017 and is not done: overdue.
    assert (row["n_items"], row["implementation_index"], row["overdue"]) == (2, 50.0, 1)


def test_vocab_by_name(tmp_path):
    path = build(tmp_path / "plan.xlsx", {"1.1": "C", "1.2": "LP", "1.3": "NS"})
    refused = run("scorecard", path)
    assert refused.exit_code == 1 and "unknown status word 'LP'" in refused.stderr
    card = scorecard(path, "--vocab", "irm-codes")
    # C complete → 100, LP limited → 100/3, NS not started → 0.
    assert {a: r["implementation_index"] for a, r in card.items()} == {
        "Ədliyyə Nazirliyi": 100.0, "ƏN": 33.333333, "Vergilər Nazirliyi": 0.0}
    # A ready vocabulary and a file together.
    words = tmp_path / "words.csv"
    words.write_text("level,word\ncomplete,tamam\n", encoding="utf-8")
    path = build(tmp_path / "plan2.xlsx", {"1.1": "tamam", "1.2": "LP", "1.3": "NS"})
    card = scorecard(path, "--vocab", "irm-codes", "--vocab", words)
    assert card["Ədliyyə Nazirliyi"]["implementation_index"] == 100.0


def test_vocab_neither_file_nor_name_is_a_usage_error(plan):
    result = run("indicators", plan, "--vocab", "irm-code")
    assert result.exit_code == 2
    assert "'irm-code' is no such file and not a ready vocabulary (irm-codes)" in result.stderr


def test_a_file_named_like_a_ready_vocabulary_wins(tmp_path, monkeypatch):
    path = build(tmp_path / "plan.xlsx", {**STATUS_WORDS, "1.2": "yarımçıq"})
    monkeypatch.chdir(tmp_path)
    (tmp_path / "irm-codes").write_text("level,word\nlimited,yarımçıq\n", encoding="utf-8")
    assert scorecard(path, "--vocab", "irm-codes")["ƏN"]["implementation_index"] == 33.333333


def test_scheme_defaults_to_the_kind_of_the_data(tmp_path):
    from fixtures.workbooks import build_srm

    srm = build_srm(tmp_path / "srm.xlsx")

    def roadmaps(*args):
        result = run("indicators", srm, "--by", "roadmap", "--format", "json", *args)
        assert result.exit_code == 0, result.output
        return {row["group"]: (row["implementation_index"], row["scheme"]) for row in json.loads(result.stdout)}

    # Round 2017, tourism: 1.1.1 complete, 1.1.2 limited (1.2.1 not assessed). CAERC 100 × (1 + 0.5) / 2 = 75,
    # IRM 100 × (1 + 1/3) / 2 = 66.666667; finance 1.1.1 substantial: 50 and 66.666667.
    assert roadmaps() == {"tourism": (75.0, "caerc"), "finance": (50.0, "caerc")}
    assert roadmaps("--scheme", "irm") == {"tourism": (66.666667, "irm"), "finance": (66.666667, "irm")}
    for command in ("scorecard", "schedule"):
        result = run(command, srm, "--format", "json")
        assert result.exit_code == 0, result.output
        assert {row["scheme"] for row in json.loads(result.stdout)} == {"caerc"}, command
