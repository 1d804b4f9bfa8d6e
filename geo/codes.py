"""Official Kemendagri codes and names, and a resolver for what staff type.

Reads ``geo/generated/codes.parquet`` (made by ``peta-inklusi geo build``)
lazily, on first use; nothing happens at import. Every cache is keyed by
value (``functools.lru_cache``) and every function returns fresh objects, so
callers can never change what the next caller sees.

Levels: ``province`` (``NN``), ``regency`` (``NN.NN``, kabupaten/kota),
``district`` (``NN.NN.NN``, kecamatan), ``village`` (``NN.NN.NN.NNNN``,
desa/kelurahan).

The resolver maps a code or a name to the official code. It ignores case,
spacing, hyphens and prefixes such as "Kabupaten", "Kab.", "Kota",
"Provinsi", "Prov."; it knows common old names and abbreviations
(:mod:`geo.aliases`); it never guesses between places with the same name
("Bandung" is a kabupaten and a kota) but returns the candidates; and when
nothing matches it suggests the nearest names.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from geo.aliases import ALIASES
from geo.names import compact, split_kind

GENERATED = Path(__file__).resolve().parent / "generated"
CODES_FILE = GENERATED / "codes.parquet"
LEVELS = ("province", "regency", "district", "village")
_CODE_RE = {
    "province": re.compile(r"^\d{2}$"),
    "regency": re.compile(r"^\d{2}\.\d{2}$"),
    "district": re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
    "village": re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
}
LEVEL_NAMES = {
    "id": {"province": "provinsi", "regency": "kabupaten/kota", "district": "kecamatan",
           "village": "desa/kelurahan"},
    "en": {"province": "province", "regency": "regency/city", "district": "district",
           "village": "village"},
}
# Searched when no level is given: names of districts and villages repeat
# across the country, so they are only searched when asked for.
DEFAULT_LEVELS = ("province", "regency")


def _check_level(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; use one of {LEVELS}")
    return level


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    if not CODES_FILE.is_file():
        raise FileNotFoundError(f"{CODES_FILE} is missing; run `peta-inklusi geo build`")
    df = pd.read_parquet(CODES_FILE)
    df["level"] = df["level"].astype(str)
    return df


@lru_cache(maxsize=len(LEVELS))
def _level_table(level: str) -> pd.DataFrame:
    df = _table()
    return df.loc[df["level"] == level, ["code", "name", "parent_code"]].reset_index(drop=True)


def places(level: str) -> pd.DataFrame:
    """The official places of one level: columns code, name, parent_code (None for provinces)."""
    return _level_table(_check_level(level)).copy()


#: The length of a code of each level ("73", "73.10", "73.10.01", "73.10.01.2001"), as _CODE_RE
#: spells it out.
_LENGTH = {"province": 2, "regency": 5, "district": 8, "village": 13}
_LEVEL_BY_LENGTH = {n: level for level, n in _LENGTH.items()}


@dataclass(frozen=True)
class _Lookup:
    """Every official code, compactly: the codes sorted (found by binary search) and their names.
    A code's level is its shape and its parent its prefix (the generated table is checked to
    agree), so neither is stored. A dict of 91,599 (name, level, parent) tuples took ~30 MB in
    every worker; this takes ~12 MB and answers in about a microsecond."""
    keys: tuple[str, ...]   # sorted
    names: tuple[str, ...]

    def find(self, code) -> int:
        """Position of ``code``, or -1."""
        key = str(code).strip()
        i = bisect.bisect_left(self.keys, key)
        return i if i < len(self.keys) and self.keys[i] == key else -1

    def span(self, prefix: str) -> tuple[int, int]:
        """Positions [lo, hi) of the codes under ``prefix`` (its descendants: "73.10." ...)."""
        return bisect.bisect_left(self.keys, prefix + "."), bisect.bisect_left(self.keys, prefix + "/")


@lru_cache(maxsize=1)
def _lookup() -> _Lookup:
    df = _table().sort_values("code", kind="stable")
    code = df["code"].astype(str)
    derived = code.str.rsplit(".", n=1).str[0].where(df["level"] != "province")
    bad = (derived.fillna("") != df["parent_code"].fillna("").astype(str)) | \
        (code.map(code_shape) != df["level"].astype(str))
    if bad.any():
        r = df[bad].iloc[0]
        raise ValueError(f"{CODES_FILE}: code {r['code']!r} (level {r['level']}, parent {r['parent_code']!r}) "
                         "does not have the shape of its level or its parent's prefix; rebuild it with "
                         "`peta-inklusi geo build`")
    return _Lookup(keys=tuple(code), names=tuple(df["name"].astype(str)))


def _index_hit(code) -> tuple[str, str, str | None] | None:
    """(name, level, parent code) of an official code, or None."""
    lk = _lookup()
    i = lk.find(code)
    if i < 0:
        return None
    c = lk.keys[i]
    level = _LEVEL_BY_LENGTH[len(c)]  # an official code has its level's shape (checked in _lookup)
    return lk.names[i], level, (c.rsplit(".", 1)[0] if level != "province" else None)


def name_of(code: str) -> str | None:
    """Official name of a code, or None if it is not an official code."""
    lk = _lookup()
    i = lk.find(code)
    return lk.names[i] if i >= 0 else None


def level_of(code: str) -> str | None:
    """"province", "regency", "district" or "village"; None if not an official code."""
    hit = _index_hit(code)
    return hit[1] if hit else None


def parent_of(code: str) -> str | None:
    """Code of the place one level up; None for provinces and unknown codes."""
    hit = _index_hit(code)
    return hit[2] if hit else None


def children_of(code: str) -> list[str]:
    """Codes one level down, sorted (regencies of a province, districts of a regency, ...)."""
    c = str(code).strip()
    level = code_shape(c)
    lk = _lookup()
    if level is None or level == "village" or lk.find(c) < 0:
        return []
    lo, hi = lk.span(c)
    width = _LENGTH[LEVELS[LEVELS.index(level) + 1]]
    return [k for k in lk.keys[lo:hi] if len(k) == width]


def code_shape(code: str) -> str | None:
    """The level a code looks like by its shape alone (it may still not exist)."""
    for level, rx in _CODE_RE.items():
        if rx.match(code):
            return level
    return None


# --------------------------------------------------------------------------- resolver

@dataclass(frozen=True)
class Resolution:
    """Result of :func:`resolve`.

    ``code``/``name`` are set only for a single, certain match. ``candidates``
    holds (code, name, score): the match itself (score 1.0); the equally good
    matches when the text is ambiguous (all 1.0, code None); or the nearest
    suggestions (score < 1.0, code None).
    """
    code: str | None
    name: str | None
    candidates: list[tuple[str, str, float]] = field(default_factory=list)
    text: str = ""
    level: str | None = None

    @property
    def ok(self) -> bool:
        return self.code is not None

    @property
    def ambiguous(self) -> bool:
        return self.code is None and len(self.candidates) > 1 and all(s >= 1.0 for _c, _n, s in self.candidates)


def _kind_of(code: str, name: str, level: str) -> str | None:
    if level == "province":
        return "province"
    if level == "regency":
        return split_kind(name)[0]
    return None


@dataclass(frozen=True)
class _Index:
    exact: dict[str, tuple[tuple[str, str | None], ...]]  # compact key -> ((code, kind), ...)
    keys: tuple[str, ...]                                # sorted keys, for suggestions


@lru_cache(maxsize=8)
def _name_index(levels: tuple[str, ...]) -> _Index:
    """Compact name -> codes for the given levels, official names plus aliases."""
    exact: dict[str, set[tuple[str, str | None]]] = {}
    for level in levels:
        for code, name in zip(_level_table(level)["code"], _level_table(level)["name"]):
            kind = _kind_of(code, name, level)
            rest = split_kind(name)[1] if level in ("province", "regency") else name
            exact.setdefault(compact(rest), set()).add((code, kind))
            exact.setdefault(compact(name), set()).add((code, kind))
    for alias, code, _why in ALIASES:
        hit = _index_hit(code)
        if hit is not None and hit[1] in levels:
            akind, rest = split_kind(alias)
            kind = akind or _kind_of(code, hit[0], hit[1])
            exact.setdefault(compact(rest), set()).add((code, kind))
    frozen = {k: tuple(sorted(v, key=lambda t: (t[0], t[1] or ""))) for k, v in exact.items()}
    return _Index(frozen, tuple(sorted(frozen)))


def _levels(level: str | None) -> tuple[str, ...]:
    return DEFAULT_LEVELS if level is None else (_check_level(level),)


def _normalise_code(text: str) -> str | None:
    """"7310", "73.10", "73 10", "73-10" -> "73.10"; None if the text is not code-shaped."""
    t = text.strip()
    if re.fullmatch(r"\d{2}(?:[.\s-]\d{2}(?:[.\s-]\d{2}(?:[.\s-]\d{4})?)?)?", t):
        return re.sub(r"[\s-]", ".", t)
    if re.fullmatch(r"\d{2}|\d{4}|\d{6}|\d{10}", t):
        parts = [t[:2], t[2:4], t[4:6], t[6:]]
        return ".".join(p for p in parts if p)
    return None


def _within(code: str, parent: str | None) -> bool:
    return parent is None or code.startswith(parent + ".")


def _candidates(text: str, levels: tuple[str, ...], parent: str | None) -> list[tuple[str, str]]:
    """Exact matches (code, name) for a name, honouring a Kabupaten/Kota/Provinsi prefix."""
    ix = _name_index(levels)
    kind, rest = split_kind(text)
    attempts = [(kind, compact(rest))]
    if kind is not None:
        # "Kota Baru" is Kabupaten Kotabaru; "Kota Waringin Barat" is Kotawaringin Barat:
        # when the prefixed reading finds nothing, read the prefix as part of the name.
        attempts.append((None, compact(text)))
    for want, key in attempts:
        hits = [(c, name_of(c)) for c, k in ix.exact.get(key, ())
                if (want is None or k is None or k == want) and _within(c, parent)]
        hits = sorted(set(hits))
        if hits:
            return hits
    return []


def _split_parent(text: str) -> tuple[str, str | None]:
    """"Sukamaju, Cibungbulang, Kabupaten Bogor" -> ("Sukamaju", "32.01.xx").

    Parts after the first comma name the parents, largest last. If they do not
    resolve to exactly one place each, the text is returned unchanged.
    """
    parts = [p.strip() for p in text.split(",")]
    if len(parts) < 2 or not parts[0]:
        return text, None
    parent: str | None = None
    for part in reversed(parts[1:]):
        if parent is None:
            levels = DEFAULT_LEVELS
        else:
            i = LEVELS.index(level_of(parent))
            if i + 1 >= len(LEVELS):
                return text, None
            levels = (LEVELS[i + 1],)
        code = _normalise_code(part)
        if code is not None:
            if name_of(code) is None or not _within(code, parent):
                return text, None
            parent = code
            continue
        hits = _candidates(part, levels, parent)
        if len(hits) != 1:
            return text, None
        parent = hits[0][0]
    return parts[0], parent


def suggest(text: str, level: str | None = None, n: int = 3) -> list[tuple[str, str, float]]:
    """The ``n`` nearest official places to ``text`` as (code, name, score 0..1), best first."""
    text = "" if text is None else str(text)
    levels = _levels(level)
    text, parent = _split_parent(text)
    kind, rest = split_kind(text)
    q = compact(rest)
    if not q:
        return []
    ix = _name_index(levels)
    scored: dict[str, float] = {}
    keys = ix.keys if len(ix.keys) < 5000 else difflib.get_close_matches(q, ix.keys, n=200, cutoff=0.5)
    for key in keys:
        ratio = difflib.SequenceMatcher(None, q, key, autojunk=False).ratio()
        if len(q) >= 4 and key.startswith(q):
            ratio = max(ratio, 0.9)
        elif len(q) >= 4 and q in key:
            ratio = max(ratio, 0.8)
        if ratio < 0.5:
            continue
        for code, k in ix.exact[key]:
            if not _within(code, parent):
                continue
            score = ratio if (kind is None or k is None or k == kind) else ratio * 0.9
            if score > scored.get(code, 0.0):
                scored[code] = score
    best = sorted(scored.items(), key=lambda cs: (-cs[1], cs[0]))[:max(0, n)]
    return [(c, name_of(c), round(min(s, 0.99), 3)) for c, s in best]


def resolve(text, level: str | None = None) -> Resolution:
    """Map a code or a name to one official code (see the module docstring).

    ``level`` limits the search to one level; without it provinces and
    regencies are searched. Parents can follow after commas, largest last:
    "Sukamaju, Cibungbulang, Kabupaten Bogor" (village, district, regency).
    """
    levels = _levels(level)
    raw = "" if text is None else (f"{text:.2f}" if isinstance(text, float) else str(text))
    raw = raw.strip()
    if not raw:
        return Resolution(None, None, [], raw, level)
    code = _normalise_code(raw)
    if code is not None:
        name = name_of(code)
        if name is not None and (level is None or level_of(code) == level):
            return Resolution(code, name, [(code, name, 1.0)], raw, level)
        return Resolution(None, None, [], raw, level)
    head, parent = _split_parent(raw)
    hits = _candidates(head, levels, parent)
    if len(hits) == 1:
        c, n = hits[0]
        return Resolution(c, n, [(c, n, 1.0)], raw, level)
    if hits:
        return Resolution(None, None, [(c, n, 1.0) for c, n in hits], raw, level)
    return Resolution(None, None, suggest(raw, level), raw, level)


def label(code: str) -> str:
    """"73.10 Kabupaten Pangkajene dan Kepulauan"; districts and villages also name their parents:
    "32.01.16.2013 Sukamaju (Cibungbulang, Kabupaten Bogor)"."""
    name = name_of(code)
    if name is None:
        return str(code)
    ups, p = [], parent_of(code)
    while p is not None and level_of(p) in ("district", "regency"):
        ups.append(name_of(p))
        p = parent_of(p)
    return f"{code} {name}" + (f" ({', '.join(ups)})" if ups else "")


def _quote(text: str) -> str:
    return f"'{text}'"


def explain(text, level: str | None = None, lang: str = "id") -> str | None:
    """A helpful sentence for a value that does not resolve to one code; None if it does.

    >>> explain("Pangkajene", lang="en")  # doctest: +SKIP
    "'Pangkajene' is not a known province or regency/city. Did you mean 73.10 Kabupaten Pangkajene dan Kepulauan?"
    """
    if lang not in LEVEL_NAMES:
        raise ValueError(f"unknown language {lang!r}; use 'id' or 'en'")
    r = text if isinstance(text, Resolution) else resolve(text, level)
    if r.ok:
        return None
    ln = LEVEL_NAMES[lang]
    where = (ln[r.level] if r.level else (f"{ln['province']} atau {ln['regency']}" if lang == "id"
                                          else f"{ln['province']} or {ln['regency']}"))
    listed = lambda cands, sep: sep.join(label(c) for c, _n, _s in cands)  # noqa: E731
    if not r.text:
        return "Kode atau nama wilayah kosong." if lang == "id" else "The place code or name is empty."
    if r.ambiguous:
        small = level_of(r.candidates[0][0]) in ("district", "village")
        if lang == "id":
            hint = ("Tambahkan wilayah induknya setelah koma (misalnya 'Sukamaju, Cibungbulang, Kabupaten Bogor') "
                    "atau tulis kodenya." if small else
                    "Tulis nama lengkapnya (misalnya dengan 'Kabupaten' atau 'Kota') atau kodenya.")
            return f"{_quote(r.text)} cocok dengan lebih dari satu wilayah: {listed(r.candidates, '; ')}. {hint}"
        hint = ("Add the parent area after a comma (for example 'Sukamaju, Cibungbulang, Kabupaten Bogor') "
                "or write the code." if small else
                "Write the full name (for example with 'Kabupaten' or 'Kota') or the code.")
        return f"{_quote(r.text)} matches more than one place: {listed(r.candidates, '; ')}. {hint}"
    code = _normalise_code(r.text)
    if code is not None:
        actual = level_of(code)
        if actual is not None:  # a real code, but of another level
            if lang == "id":
                return f"{code} ({name_of(code)}) adalah kode {ln[actual]}, bukan kode {where}."
            return f"{code} ({name_of(code)}) is a {ln[actual]} code, not a {where} code."
        if lang == "id":
            return (f"{code} bukan kode {where} dalam daftar Kemendagri yang berlaku (38 provinsi sejak 2022; "
                    "kabupaten yang pindah ke Papua Selatan, Papua Tengah, Papua Pegunungan atau Papua Barat "
                    "Daya mendapat kode baru). Periksa kodenya atau tulis namanya.")
        return (f"{code} is not a {where} code in the current Kemendagri list (38 provinces since 2022; "
                "regencies that moved to Papua Selatan, Papua Tengah, Papua Pegunungan or Papua Barat Daya "
                "have new codes). Check the code or write the name.")
    if r.candidates:
        # only the suggestions nearly as good as the best one
        best = r.candidates[0][2]
        near = [c for c in r.candidates if c[2] >= best - 0.1]
        r = Resolution(r.code, r.name, near, r.text, r.level)
        if lang == "id":
            return (f"{_quote(r.text)} tidak dikenali sebagai {where}. "
                    f"Maksud Anda {listed(r.candidates, ' atau ')}?")
        return f"{_quote(r.text)} is not a known {where}. Did you mean {listed(r.candidates, ' or ')}?"
    if lang == "id":
        return f"{_quote(r.text)} tidak dikenali sebagai kode atau nama {where}."
    return f"{_quote(r.text)} is not a known {where} code or name."
