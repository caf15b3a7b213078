"""House style and chart files: fixed level colours, 300 dpi PNG, reproducible bytes."""

import subprocess
import sys
import warnings

import matplotlib.colors as mcolors
import numpy as np
import pytest
from matplotlib.patches import Rectangle
from PIL import Image

from ogpstats import plots
from ogpstats.indicators import compute_indicators, index_over_rounds
from ogpstats.levels import LEVELS


@pytest.fixture
def by_commitment(small_plan):
    items, assessments = small_plan
    return compute_indicators(items, assessments, by="commitment")


def _bar_colors(fig):
    """Colour of every bar patch of the first axes, grouped by legend label."""
    ax = fig.axes[0]
    out = {}
    for container in ax.containers:
        out[container.get_label()] = {mcolors.to_hex(p.get_facecolor()) for p in container.patches}
    return out


def test_level_colours_are_fixed_and_distinct():
    assert plots.LEVEL_COLORS == {"not_started": "#D55E00", "limited": "#E69F00",
                                  "substantial": "#56B4E9", "complete": "#0072B2"}
    assert len(set(plots.LEVEL_COLORS.values())) == 4


@pytest.mark.parametrize("lang,labels", [
    ("en", ["Not started", "Limited", "Substantial", "Complete", "Not assessed"]),
    ("az", ["İcra olunmayıb", "İcra prosesindədir", "Qismən icra olunub", "İcra olunub", "Qiymətləndirilməyib"]),
])
def test_levels_by_group_uses_level_colours_and_counts(by_commitment, lang, labels):
    fig = plots.levels_by_group(by_commitment, lang=lang)
    colors = _bar_colors(fig)
    assert list(colors) == labels
    for level, label in zip(LEVELS, labels):
        assert colors[label] == {plots.LEVEL_COLORS[level].lower()}
    assert colors[labels[-1]] == {plots.NOT_ASSESSED_COLOR.lower()}
    # Bar widths are the counts: commitment 1 has one substantial and one complete.
    ax = fig.axes[0]
    widths = {c.get_label(): [p.get_width() for p in c.patches] for c in ax.containers}
    assert widths[labels[2]] == [1, 1, 0]  # substantial: 1.2 (60 %), 2.2
    assert widths[labels[3]] == [1, 0, 0]  # complete: 1.1
    assert widths[labels[0]] == [0, 1, 0]  # not started: 2.1
    assert widths[labels[4]] == [0, 0, 1]  # not assessed: 3.1


def test_every_chart_has_title_period_and_source(small_plan, by_commitment):
    items, assessments = small_plan
    over = index_over_rounds(items, assessments)
    figs = [
        plots.levels_by_group(by_commitment, lang="en"),
        plots.index_by_group(by_commitment, lang="en"),
        plots.index_over_rounds(over, lang="en", source="Source: test.xlsx"),
    ]
    for fig in figs:
        assert fig._suptitle.get_text()
        assert fig.axes[0].get_title(loc="left")
        assert fig._supxlabel.get_text().startswith("Source:")
    assert figs[0].axes[0].get_title(loc="left") == "Status at H2 2017"
    assert figs[2].axes[0].get_title(loc="left") == "Monitoring rounds H1 2017 to H2 2017"
    # The index line: IRM index at H1 2017 and H2 2017, computed by hand
    # (H1: limited 1/3, 40 % -> limited 1/3, not_started 0 -> 2/9 = 22.2;
    #  H2: complete 1, 60 % substantial 2/3, not_started 0, substantial 2/3 -> 58.3).
    ys = figs[2].axes[0].lines[0].get_ydata()
    assert np.allclose(ys, [100 * 2 / 9, 100 * 7 / 12])


def test_azerbaijani_numbers_on_chart(small_plan):
    items, assessments = small_plan
    over = index_over_rounds(items, assessments)
    fig = plots.index_over_rounds(over, lang="az")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["22,2", "58,3"]
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks == ["2017, I yarımil", "2017, II yarımil"]


def test_no_missing_glyph_warnings_for_azerbaijani(by_commitment, tmp_path):
    labels = {g: "Əməkdaşlıq şəffaflığı İĞÜÖÇŞƏ ığüöçşə" for g in by_commitment["group"]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plots.levels_by_group(by_commitment, lang="az", labels=labels)
        plots.save_figure(fig, tmp_path, "az")


def test_save_figure_png_300_dpi_and_svg(by_commitment, tmp_path):
    fig = plots.levels_by_group(by_commitment, lang="en")
    paths = plots.save_figure(fig, tmp_path / "charts", "levels")
    assert [p.name for p in paths] == ["levels.png", "levels.svg"]
    with Image.open(paths[0]) as im:
        assert round(im.info["dpi"][0]) == 300
        assert im.size[0] == 8 * 300  # 8 inches wide
        assert "Software" not in im.info
    svg = paths[1].read_text("utf-8")
    assert "<dc:date>" not in svg
    assert "<dc:creator>\n     <cc:Agent>\n      <dc:title>ogpstats</dc:title>" in svg
    assert "Matplotlib" not in svg


def test_save_figure_bytes_identical_across_saves(by_commitment, tmp_path):
    fig = plots.levels_by_group(by_commitment, lang="az")
    a = plots.save_figure(fig, tmp_path / "a", "x")
    b = plots.save_figure(plots.levels_by_group(by_commitment, lang="az"), tmp_path / "b", "x")
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes()


def test_save_figure_bytes_identical_across_processes(tmp_path):
    code = (
        "import sys\n"
        "from ogpstats.model import make_items, make_assessments\n"
        "from ogpstats.indicators import compute_indicators\n"
        "from ogpstats import plots\n"
        "items = make_items([dict(plan='P', kind='nap', commitment=str(i % 3), item_id=str(i)) for i in range(9)])\n"
        "a = make_assessments([dict(plan='P', item_id=str(i), round='2018-H1', "
        "level=['limited','complete','not_started'][i % 3]) for i in range(8)])\n"
        "ind = compute_indicators(items, a, by='commitment')\n"
        "plots.save_figure(plots.levels_by_group(ind, lang='az'), sys.argv[1], 'x')\n"
    )
    for d in ("p1", "p2"):
        subprocess.run([sys.executable, "-c", code, str(tmp_path / d)], check=True)
    for ext in ("png", "svg"):
        assert (tmp_path / "p1" / f"x.{ext}").read_bytes() == (tmp_path / "p2" / f"x.{ext}").read_bytes()


def test_save_figure_rejects_path_names(by_commitment, tmp_path):
    fig = plots.levels_by_group(by_commitment)
    with pytest.raises(ValueError):
        plots.save_figure(fig, tmp_path, "../evil")


def test_kpi_status_colours_and_attainment():
    import pandas as pd
    kpis = pd.DataFrame({"kpi": ["a", "b", "c", "d"], "attainment": [1.2, 0.6, 0.1, np.nan],
                         "expected": [0.5, 0.6, 0.8, np.nan],
                         "status": ["on_track", "at_risk", "off_track", "no_data"]})
    fig = plots.kpi_status(kpis, lang="az")
    bars = [p for p in fig.axes[0].patches if isinstance(p, Rectangle)]
    assert [mcolors.to_hex(p.get_facecolor()) for p in bars[:4]] == [
        plots.LEVEL_COLORS["complete"].lower(), plots.LEVEL_COLORS["limited"].lower(),
        plots.LEVEL_COLORS["not_started"].lower(), plots.NOT_ASSESSED_COLOR.lower()]
    assert [b.get_width() for b in bars[:4]] == pytest.approx([120, 60, 10, 0])
    assert [t.get_text() for t in fig.axes[0].texts] == ["120%", "60%", "10%", "Məlumat yoxdur"]


def test_league_table_sorts_best_first_and_draws_the_reference():
    import pandas as pd
    card = pd.DataFrame({"agency": ["B", "A", "C", "D"], "implementation_index": [50.0, 50.0, np.nan, 87.5],
                         "round": ["2018-H2"] * 4})
    fig = plots.league_table(card, lang="az", reference=62.5, source="Mənbə: x.xlsx")
    ax = fig.axes[0]
    # best first (top), ties by name, a group without an index last with no bar
    assert [t.get_text() for t in ax.get_yticklabels()] == ["D", "A", "B", "C"]
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [b.get_width() for b in bars[:4]] == pytest.approx([87.5, 50, 50, 0])
    assert [t.get_text() for t in ax.texts] == ["87,5", "50,0", "50,0", "–"]
    ref = [ln for ln in ax.lines if ln.get_linestyle() == "--"]
    assert len(ref) == 1 and ref[0].get_xdata()[0] == 62.5
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Bütün plan üzrə: 62,5"]
    assert fig._suptitle.get_text() == "Qurumlar üzrə icra indeksi"
    assert ax.get_title(loc="left") == "Vəziyyət: 2018-ci ilin II yarımili"
    assert fig._supxlabel.get_text() == "Mənbə: x.xlsx"


def test_league_table_reference_key_and_labels():
    import pandas as pd
    ind = pd.DataFrame({"group": ["tourism", "finance"], "implementation_index": [40.0, 60.0], "round": ["2019"] * 2})
    fig = plots.league_table(ind, group="group", labels={"tourism": "Turizm", "finance": "Maliyyə"}, lang="en",
                             reference=50, reference_key="chart.league.reference_roadmaps")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Maliyyə", "Turizm"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["All road maps: 50.0"]
    fig = plots.league_table(ind, group="group", lang="en")
    assert fig.axes[0].get_legend() is None


def test_index_over_rounds_height(small_plan):
    items, assessments = small_plan
    fig = plots.index_over_rounds(index_over_rounds(items, assessments), height=3.0)
    assert tuple(fig.get_size_inches()) == pytest.approx((8.0, 3.0))


def test_kpi_chart_legend_fits_in_the_figure(tmp_path):
    """The five legend entries wrap to three columns, so the plot keeps its width."""
    import pandas as pd
    kpis = pd.DataFrame({"kpi": ["Gələn xarici turistlərin sayı və onların ölkədə qalma müddəti"] * 3,
                         "attainment": [0.5, 0.2, np.nan], "expected": [0.6, 0.8, np.nan],
                         "status": ["at_risk", "off_track", "no_data"]})
    for lang in ("az", "en"):
        fig = plots.kpi_status(kpis, lang=lang)
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        legend = fig.axes[0].get_legend().get_window_extent(renderer)
        assert legend.x0 >= 0 and legend.x1 <= fig.bbox.width + 1
        assert fig.axes[0].get_position().width > 0.4  # the plot is not squeezed by labels or legend


def test_league_chart_bytes_identical_between_runs(tmp_path):
    import pandas as pd
    card = pd.DataFrame({"agency": ["Əmək Nazirliyi", "B"], "implementation_index": [70.0, 20.0],
                         "round": ["2018"] * 2})
    a = plots.save_figure(plots.league_table(card, lang="az", reference=45.0), tmp_path / "a", "x")
    b = plots.save_figure(plots.league_table(card, lang="az", reference=45.0), tmp_path / "b", "x")
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes()


def test_index_over_one_round_names_the_round_not_a_span(small_plan):
    items, assessments = small_plan
    over = index_over_rounds(items, assessments, rounds=["2017-H1"])
    fig = plots.index_over_rounds(over, lang="az")
    assert fig.axes[0].get_title(loc="left") == "Vəziyyət: 2017-ci ilin I yarımili"


def test_priority_grid_tiles_shaded_by_index():
    import pandas as pd
    table = pd.DataFrame({"roadmap": ["oil_gas", "oil_gas", "tourism"], "priority": ["1.1", "1.2", "2.1"],
                          "implementation_index": [100.0, np.nan, 25.0], "round": ["2019"] * 3})
    fig = plots.priority_grid(table, lang="az", labels={"oil_gas": "Neft və qaz", "tourism": "Turizm"})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Neft və qaz", "Turizm"]
    tiles = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [(round(p.get_x()), round(p.get_y() + 0.42)) for p in tiles] == [(0, 0), (1, 0), (0, 1)]
    colours = [mcolors.to_hex(p.get_facecolor()) for p in tiles]
    assert colours[1] == plots.NOT_ASSESSED_COLOR.lower()
    # darker for a higher index (sum of RGB falls)
    assert sum(mcolors.to_rgb(colours[0])) < sum(mcolors.to_rgb(colours[2]))
    assert [t.get_text() for t in ax.texts] == ["1.1  ·  100,0", "1.2  ·  –", "2.1  ·  25,0"]
    assert fig._suptitle.get_text() == "Yol xəritələrinin prioritetləri: icra indeksi"
    assert ax.get_title(loc="left") == "Vəziyyət: 2019-cu il"


def test_narrow_charts_wrap_round_names_and_legend(small_plan, by_commitment):
    items, assessments = small_plan
    fig = plots.index_over_rounds(index_over_rounds(items, assessments), lang="az", width=4.8, height=3.6)
    assert tuple(fig.get_size_inches()) == pytest.approx((4.8, 3.6))
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["2017, I\nyarımil", "2017, II\nyarımil"]
    fig = plots.levels_by_group(by_commitment, lang="az", width=4.8, height=3.0)
    assert tuple(fig.get_size_inches()) == pytest.approx((4.8, 3.0))
    assert fig.axes[0].get_legend()._ncols == 3
    assert plots.levels_by_group(by_commitment, lang="az").axes[0].get_legend()._ncols == 5


def test_a_narrow_chart_wraps_its_period_line(small_plan):
    """The half-width chart of the donor brief: its period line used to run past the figure's edge."""
    items, assessments = small_plan
    over = index_over_rounds(items, assessments)
    long = "Monitorinq dövrləri: 2016-cı ilin II yarımilindən 2018-ci ilin II yarımilinədək"  # 80 characters
    narrow = plots.index_over_rounds(over, lang="az", width=4.8, height=3.6, subtitle=long)
    lines = narrow.axes[0].get_title(loc="left").split("\n")
    assert len(lines) == 2 and all(len(line) <= 48 for line in lines) and " ".join(lines) == long
    wide = plots.index_over_rounds(over, lang="az", subtitle=long)
    assert wide.axes[0].get_title(loc="left") == long  # 8 inches hold 80 characters


@pytest.mark.parametrize("name", ["Fond $#1 və $2", r"$\x$ Agentliyi", "50% $ 100 ^_^ {x}"])
def test_user_text_is_never_mathtext(name, tmp_path):
    """An agency name with dollar signs is drawn as written, and the chart saves (issue 10: it used to fail)."""
    import pandas as pd
    card = pd.DataFrame({"agency": [name, "B"], "implementation_index": [40.0, 60.0], "round": ["2019"] * 2})
    fig = plots.league_table(card, lang="az", source="Mənbə: $x$.xlsx")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["B", name]
    paths = plots.save_figure(fig, tmp_path, "league")
    svg = next(p for p in paths if p.suffix == ".svg").read_bytes()
    assert svg.startswith(b"<?xml") and len(plots.figure_png(fig)) > 1000


def test_kpi_axis_ends_at_100_or_just_past_the_longest_bar():
    import pandas as pd

    def right_end(attainment):
        kpis = pd.DataFrame({"kpi": [f"k{i}" for i in range(len(attainment))], "attainment": attainment,
                             "expected": [0.5] * len(attainment), "status": ["on_track"] * len(attainment)})
        return plots.kpi_status(kpis, lang="en").axes[0].get_xlim()[1]

    assert right_end([0.4, 0.8]) == 100  # 80 + 12 label room = 92: the axis ends at 100 %
    assert right_end([0.4, 0.95]) == 110  # 95 + 12 = 107 -> next ten
    assert right_end([1.2, 0.3]) == 140  # 120 + 12 = 132 -> 140
    assert right_end([3.0]) == 170  # cut at 150 (its label still says 300 %) + 12 -> 170, not 175
