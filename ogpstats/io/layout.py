"""The canonical ogpstats workbook's sheet names and labels, defined once.

The template writer (:mod:`ogpstats.io.template`, which needs openpyxl) and
the plan reader (which does not) both use them.
"""

INSTRUCTIONS_SHEET = "Təlimat"
PLAN_SHEET = "Tədbirlər"
ASSESSMENT_SHEET = "Qiymətləndirmə"
KPI_SHEET = "KPI"
LISTS_SHEET = "Siyahılar"
PLAN_NAME_LABEL = "Planın adı / Plan name"
KIND_LABEL = "Növ / Kind"
ILLUSTRATIVE_LABEL = "Nümunə məlumat / Illustrative data"
"""A row of the instructions sheet saying the figures are made up (value ``bəli / yes``): reports then say so."""
ILLUSTRATIVE_YES = "bəli / yes"
