"""Crosswalk from geoBoundaries IDN ADM2 ``shapeName`` to official Kemendagri regency codes.

The boundary source has names only. Most names match an official name once the
"Kabupaten"/"Kota"/"Administrasi" prefix, case, spaces and hyphens are ignored
(see :mod:`geo.names`). The rest needs a human decision and is written down
here, one row per case, each with the reason. ``match`` applies the table and
fails loudly, naming every unit that is unmatched, matched twice or left over.
Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from geo.names import official_key, source_key, split_kind

# shapeName -> (official code, why). Every row must be used by the build.
OVERRIDES: dict[str, tuple[str, str]] = {
    "Toba Samosir": ("12.12", "renamed Kabupaten Toba in 2020"),
    "Mamuju Utara": ("76.01", "renamed Kabupaten Pasangkayu in 2017"),
    "Maluku Tenggara Barat": ("81.03", "renamed Kabupaten Kepulauan Tanimbar in 2019"),
    "Mahakam Hulu": ("64.11", "official spelling is Kabupaten Mahakam Ulu"),
    "Siau Tagulandang Biaro": ("71.09", "official name carries 'Kepulauan': Kabupaten Kepulauan Siau Tagulandang Biaro"),
    "Kota Baru": ("63.02", "a kabupaten (Kotabaru, Kalimantan Selatan), not a city: 'Kota' is part of its name"),
}

# Units in the source that are not administrative areas. Dropped, never matched.
NON_ADMIN: dict[str, str] = {
    "Danau": "lakes in several provinces, one MultiPolygon",
    "Danau Toba": "Lake Toba, Sumatera Utara",
    "Hutan": "a forest area in Jawa Tengah with no regency of its own in this source",
    "Waduk Cirata": "Cirata reservoir, Jawa Barat",
    "Wadung Kedungombo": "Kedung Ombo reservoir, Jawa Tengah",
}


class CrosswalkError(ValueError):
    """The boundary names and the official list do not pair up one to one."""


@dataclass(frozen=True)
class Crosswalk:
    codes: dict[str, str]            # shapeName -> official code (kept units only)
    dropped: tuple[str, ...]         # non-administrative shapeNames, sorted
    overrides_used: tuple[str, ...]  # shapeNames matched through OVERRIDES, sorted
    variants: tuple[tuple[str, str], ...]  # (shapeName, official name) matched ignoring spaces/hyphens


def match(shape_names: Iterable[str], official: Mapping[str, str],
          overrides: Mapping[str, tuple[str, str]] = OVERRIDES,
          non_admin: Mapping[str, str] = NON_ADMIN) -> Crosswalk:
    """Pair every source unit with exactly one official regency code.

    ``official`` maps code -> official name (e.g. "73.09" -> "Kabupaten
    Pangkajene dan Kepulauan"). Raises :class:`CrosswalkError` listing every
    problem: unmatched or ambiguous source names, codes matched twice, official
    regencies left without a polygon, unused overrides or non-admin names.
    """
    names = list(shape_names)
    problems: list[str] = []
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        problems.append(f"source names appear more than once: {dup}")

    by_key: dict[tuple[str, str], list[str]] = {}
    for code, name in official.items():
        by_key.setdefault(official_key(name), []).append(code)
    for code, _why in overrides.values():
        if code not in official:
            problems.append(f"override points to a code not in the official list: {code}")

    codes: dict[str, str] = {}
    dropped, used, variants = [], [], []
    for n in names:
        if n in non_admin:
            dropped.append(n)
            continue
        if n in overrides:
            codes[n] = overrides[n][0]
            used.append(n)
            continue
        hits = by_key.get(source_key(n), [])
        if len(hits) == 1:
            codes[n] = hits[0]
            # matched only once spaces/hyphens were ignored: report it for review
            if split_kind(n)[1] != split_kind(official[hits[0]])[1]:
                variants.append((n, official[hits[0]]))
        elif not hits:
            problems.append(f"unmatched source unit: {n!r}")
        else:
            problems.append(f"source unit {n!r} matches several codes: {sorted(hits)}")

    seen: dict[str, list[str]] = {}
    for n, code in codes.items():
        seen.setdefault(code, []).append(n)
    for code, ns in sorted(seen.items()):
        if len(ns) > 1:
            problems.append(f"code {code} ({official[code]}) matched by several units: {sorted(ns)}")
    left = sorted(set(official) - set(seen))
    for code in left:
        problems.append(f"official regency without a polygon: {code} {official[code]}")
    for n in sorted(set(overrides) - set(used)):
        problems.append(f"override not used (no such source unit): {n!r}")
    for n in sorted(set(non_admin) - set(dropped)):
        problems.append(f"expected non-administrative unit not in source: {n!r}")
    if problems:
        raise CrosswalkError("boundary crosswalk failed:\n  " + "\n  ".join(problems))
    return Crosswalk(codes=codes, dropped=tuple(sorted(dropped)),
                     overrides_used=tuple(sorted(used)), variants=tuple(sorted(variants)))
