"""The tidy tables' shape (ogpstats/model.py): every column, the right dtypes."""

import pandas as pd

from ogpstats.levels import LEVELS
from ogpstats.model import LEVEL_DTYPE, make_assessments


def test_levels_become_ordered_categories_and_anything_else_null():
    records = [{"item_id": str(i), "round": "2017-H2", "level": level}
               for i, level in enumerate(["complete", "limited", "Complete", "", None, float("nan"), ["complete"],
                                          "not_started", "substantial"])]
    a = make_assessments(records)
    assert a["level"].dtype == LEVEL_DTYPE and list(a["level"].cat.categories) == list(LEVELS)
    assert a["level"].tolist()[:2] == ["complete", "limited"]
    assert a["level"].isna().tolist() == [False, False, True, True, True, True, True, False, False]
    assert a["level"].tolist()[7:] == ["not_started", "substantial"]
    # Ordered as the levels go: not started < limited < substantial < complete.
    assert a["level"].cat.codes.tolist() == [3, 1, -1, -1, -1, -1, -1, 0, 2]
    assert (a["level"].iloc[[1, 7]] < "complete").tolist() == [True, True]
    hashable = make_assessments(records[:6] + records[7:])  # the dict lookup, without the list value
    assert hashable["level"].isna().tolist() == [False, False, True, True, True, True, False, False]
    assert make_assessments(pd.DataFrame())["level"].dtype == LEVEL_DTYPE
