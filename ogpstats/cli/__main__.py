"""``python -m ogpstats.cli``: the same as the ``ogpstats`` command."""

from . import main

main()
