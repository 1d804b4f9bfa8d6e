"""Name normalisation shared by the boundary crosswalk and the code resolver.

Indonesian place names are written many ways: "Kabupaten Banyuasin",
"Kab. Banyu Asin", "BANYUASIN", "Kota Bau-Bau", "Kab. Pangkajene & Kep.".
``words`` writes out the usual abbreviations ("Kep." Kepulauan, "Adm."
Administrasi, "&" dan); ``split_kind`` takes the administrative prefix off
and says what it was; ``compact`` reduces the rest to letters and digits only,
so spacing, hyphens, dots and case do not matter. Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata

# Prefixes, longest first, mapped to the kind they announce. "kab" and "prov"
# also cover "Kab." and "Prov." because punctuation is turned into spaces first.
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("kabupaten administrasi", "kabupaten"),
    ("kab administrasi", "kabupaten"),
    ("kota administrasi", "kota"),
    ("kota administratif", "kota"),
    ("kabupaten", "kabupaten"),
    ("kotamadya", "kota"),
    ("kodya", "kota"),
    ("kab", "kabupaten"),
    ("kota", "kota"),
    ("provinsi", "province"),
    ("propinsi", "province"),
    ("prov", "province"),
    ("regency", "kabupaten"),
    ("city", "kota"),
    ("province", "province"),
)
_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("regency", "kabupaten"),
    ("city", "kota"),
    ("province", "province"),
)


# Abbreviated words, written out ("Kep. Seribu", "Kota Adm. Jakarta Pusat").
# Applied to both sides of every comparison, so the official district
# "Kep. Masaloka Raya" is still found by what it is called.
_ABBREVIATIONS: dict[str, str] = {
    "kep": "kepulauan",
    "adm": "administrasi",
}


def words(text: str) -> str:
    """Lower case, accents removed, "&" as "dan", punctuation to single spaces, abbreviations written out."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^0-9a-z]+", " ", text.lower().replace("&", " dan "))
    return " ".join(_ABBREVIATIONS.get(w, w) for w in text.split())


def compact(text: str) -> str:
    """Letters and digits only: "Banyu Asin" and "Banyuasin" both give "banyuasin"."""
    return words(text).replace(" ", "")


def split_kind(text: str) -> tuple[str | None, str]:
    """Split an administrative prefix (or English suffix) off a name.

    Returns ``(kind, rest)`` where kind is "kabupaten", "kota", "province" or
    None (no prefix), and rest is the remaining name in :func:`words` form.
    """
    w = words(text)
    for prefix, kind in _PREFIXES:
        if w == prefix:
            break
        if w.startswith(prefix + " "):
            return kind, w[len(prefix) + 1:]
    for suffix, kind in _SUFFIXES:
        if w.endswith(" " + suffix):
            return kind, w[: -len(suffix) - 1]
    return None, w


def official_key(name: str) -> tuple[str, str]:
    """(kind, compact name) of an official regency name such as "Kota Administrasi Jakarta Barat"."""
    kind, rest = split_kind(name)
    if kind not in ("kabupaten", "kota"):
        raise ValueError(f"official regency name without Kabupaten/Kota prefix: {name!r}")
    return kind, compact(rest)


def source_key(shape_name: str) -> tuple[str, str]:
    """(kind, compact name) of a geoBoundaries ``shapeName``.

    The source writes regencies without a prefix and cities as "Kota X", so
    no prefix means kabupaten. ("Kota Baru" is the exception: a kabupaten
    whose name begins with "Kota"; it is in the override table.)
    """
    kind, rest = split_kind(shape_name)
    if kind is None:
        kind = "kabupaten"
    return kind, compact(rest)
