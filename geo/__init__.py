"""Boundaries keyed by official Kemendagri codes, the official code tables and the place resolver.

- ``geo.boundaries``: GeoJSON / GeoDataFrame / bounds of the 38 provinces and 514 regencies;
- ``geo.codes``: code tables of every level and ``resolve`` / ``suggest`` / ``explain``;
- ``geo.credits``: attribution and licence text;
- ``geo.build``: ``peta-inklusi geo build``, which writes ``geo/generated/``.

Importing any of these reads nothing and never imports Dash.
"""
