"""The fields an indicator table is grouped by (``--by``): defined apart from :mod:`ogpstats.indicators` so
that the ``ogpstats`` command can offer them without importing pandas."""

GROUP_FIELDS: tuple[str, ...] = ("commitment", "agency", "roadmap", "priority", "country", "plan", "year")
