"""ogpstats: completion indicators and monitoring reports for Open Government
action plans (NAP) and Strategic Road Maps (SRM)."""

__version__ = "0.1.0"
