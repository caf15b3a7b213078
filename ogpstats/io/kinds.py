"""The kinds of input a reader tells apart (``--kind``): National Action Plan, Strategic Road Maps, OGP's export."""

KINDS = ("nap", "srm", "ogp")
