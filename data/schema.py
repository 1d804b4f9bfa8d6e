"""The snapshot schema: tables, columns, types and code rules.

This module is the single contract between ingest, the published snapshot, the
queries behind every chart and the downloads. It is pure data (no I/O, no Dash).

A snapshot is a folder of Parquet tables, one per entry in ``TABLES``. Every
table is tidy: one row per fact, with ids that join to the dimension tables.

Conventions
- Ids are lower-case slugs (``mampu``, ``kapal-perempuan``, ``villages_reached``).
- Place codes are Kemendagri codes: ``NN`` province, ``NN.NN`` regency,
  ``NN.NN.NN`` district, ``NN.NN.NN.NNNN`` village. National rows have
  ``place_level == "national"`` and an empty code; a place a source names but
  that cannot be resolved has ``place_level == "unresolved"``, an empty code and
  the name as stated in ``place_name``.
- Bilingual text comes in ``*_id`` (Bahasa Indonesia) and ``*_en`` pairs.
- Dates are ``datetime.date`` values (Arrow ``date32``).
- Every row of every table carries ``illustrative`` (bool): True only in demo
  snapshots. In the fact tables (observations, policies, presence) it is
  required; in the dimension tables it is optional and, when blank, follows
  the version's flag (``metadata.json`` and ``manifest.json`` carry it too).
- Policy dates have a ``date_precision``: ``day``, ``month`` or ``year`` when
  the source dates the policy; ``by_month`` / ``by_year`` when the source only
  says it existed by then (``date`` is then the last day of that month/year,
  shown as "hingga Maret 2017" / "by March 2017").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCHEMA_VERSION = "1.2"
# 1.1: schemes gained definition_id/_en and source_id (optional).
# 1.2: sources gained note_id/_en; programmes, themes and partners gained citation; every dimension table
#      gained illustrative (optional); date_precision gained by_month and by_year.


@dataclass(frozen=True)
class Column:
    """One column of a snapshot table.

    ``dtype`` is one of: ``string``, ``int``, ``float``, ``bool``, ``date``.
    ``enum`` restricts a string column to a fixed vocabulary; ``ref`` names the
    ``table.column`` a value must exist in (checked by cross-table rules).
    """

    name: str
    dtype: str
    required: bool = True
    enum: tuple[str, ...] | None = None
    ref: str | None = None
    pattern: str | None = None
    help_id: str = ""
    help_en: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    label_id: str = ""
    label_en: str = ""
    fact: bool = False  # fact tables: the illustrative flag is required on every row

    @property
    def flagged(self) -> bool:
        """True when the table has the ``illustrative`` column (every table since schema 1.2)."""
        return "illustrative" in self.column_names

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


# --- Vocabularies ---------------------------------------------------------

PLACE_LEVELS = ("national", "province", "regency", "district", "village", "unresolved")
SEXES = ("female", "male", "total")  # "total" = not disaggregated
QUALIFIERS = ("exact", "lower_bound", "approximate", "upper_bound")
AGGREGATIONS = ("sum", "distinct", "none")  # distinct: count distinct places; none: not additive
CATEGORIES = ("reach", "groups", "policy", "social_protection", "services")
POLICY_LEVELS = ("village", "regency", "province", "national")
POLICY_STAGES = ("drafted", "adopted", "implemented")
DATE_PRECISIONS = ("day", "month", "year", "by_month", "by_year")  # by_*: known only to exist by then

CODE_PATTERNS = {
    "province": r"^\d{2}$",
    "regency": r"^\d{2}\.\d{2}$",
    "district": r"^\d{2}\.\d{2}\.\d{2}$",
    "village": r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$",
}
SLUG = r"^[a-z0-9][a-z0-9_\-]*$"


def level_of_code(code: str) -> str | None:
    """Return the place level a Kemendagri code has by its shape, or None."""
    for level, pat in CODE_PATTERNS.items():
        if re.fullmatch(pat, code or ""):
            return level
    return None


def province_of(code: str) -> str:
    """The two-digit province code of any place code ('' for national)."""
    return (code or "")[:2]


def _c(name, dtype, required=True, **kw) -> Column:
    return Column(name, dtype, required, **kw)


_TEXT = lambda base, req=True: (_c(f"{base}_id", "string", req), _c(f"{base}_en", "string", req))  # noqa: E731
# The per-row flag of dimension tables: optional (a table written without it takes the version's flag).
_FLAG = Column("illustrative", "bool", False)
_CITATION = Column("citation", "string", False, help_en="the passage of the source this row comes from")

# --- Tables ---------------------------------------------------------------

SOURCES = Table(
    "sources", ("source_id",),
    (
        _c("source_id", "string", pattern=SLUG),
        _c("title", "string"),
        _c("publisher", "string"),
        _c("url", "string", False),
        _c("file", "string", False, help_en="seed file name the figures were transcribed from"),
        _c("sha256", "string", False),
        _c("data_date", "date", False, help_en="date the figures refer to"),
        _c("accessed_date", "date", False, help_en="date the document was consulted (see the note)"),
        _c("licence", "string"),
        _c("language", "string", False),
        *_TEXT("note", False),
        _FLAG,
    ),
    "Sumber", "Sources",
)

PROGRAMMES = Table(
    "programmes", ("programme_id",),
    (
        _c("programme_id", "string", pattern=SLUG),
        _c("name", "string"),
        *_TEXT("full_name"),
        *_TEXT("description"),
        _c("implementer", "string"),
        _c("funder", "string"),
        _c("start_year", "int"),
        _c("end_year", "int", False),
        _c("source_id", "string", ref="sources.source_id"),
        _CITATION,
        _FLAG,
    ),
    "Program", "Programmes",
)

THEMES = Table(
    "themes", ("theme_id",),
    (
        _c("theme_id", "string", pattern=SLUG, help_en="also the /tema/<slug> URL"),
        _c("programme_id", "string", ref="programmes.programme_id"),
        *_TEXT("name"),
        *_TEXT("description"),
        _c("sort_order", "int"),
        _c("source_id", "string", ref="sources.source_id"),
        _CITATION,
        _FLAG,
    ),
    "Area tematik", "Thematic areas",
)

PARTNERS = Table(
    "partners", ("partner_id",),
    (
        _c("partner_id", "string", pattern=SLUG),
        _c("name", "string"),
        _c("programme_id", "string", ref="programmes.programme_id"),
        _c("parent_partner_id", "string", False, ref="partners.partner_id",
           help_en="for local partners of an implementing organisation"),
        *_TEXT("description"),
        _c("url", "string", False),
        _c("source_id", "string", ref="sources.source_id"),
        _CITATION,
        _FLAG,
    ),
    "Mitra", "Partners",
)

INITIATIVES = Table(
    "initiatives", ("initiative_id",),
    (
        _c("initiative_id", "string", pattern=SLUG),
        _c("partner_id", "string", ref="partners.partner_id"),
        _c("theme_id", "string", ref="themes.theme_id"),
        _c("name", "string"),
        *_TEXT("description"),
        _c("source_id", "string", ref="sources.source_id"),
        _c("citation", "string"),
        _FLAG,
    ),
    "Inisiatif", "Initiatives",
)

PARTNER_THEMES = Table(
    "partner_themes", ("partner_id", "theme_id"),
    (
        _c("partner_id", "string", ref="partners.partner_id"),
        _c("theme_id", "string", ref="themes.theme_id"),
        _FLAG,
    ),
    "Mitra per area", "Partners by area",
)

INDICATORS = Table(
    "indicators", ("indicator_id",),
    (
        _c("indicator_id", "string", pattern=SLUG),
        _c("category", "string", enum=CATEGORIES),
        *_TEXT("name"),
        *_TEXT("definition"),
        *_TEXT("unit"),
        _c("aggregation", "string", enum=AGGREGATIONS),
        _c("sort_order", "int"),
        _FLAG,
    ),
    "Indikator", "Indicators",
)

SCHEMES = Table(
    "schemes", ("scheme_id",),
    (
        _c("scheme_id", "string", pattern=SLUG),
        *_TEXT("name"),
        _c("kind", "string", enum=("health", "education", "identity", "cash", "food")),
        _c("sort_order", "int"),
        *_TEXT("definition", False),
        _c("source_id", "string", False, ref="sources.source_id",
           help_en="where the definition is quoted from"),
        _FLAG,
    ),
    "Skema perlindungan sosial", "Social-protection schemes",
)

OBSERVATIONS = Table(
    "observations", ("observation_id",),
    (
        _c("observation_id", "string", pattern=SLUG),
        _c("indicator_id", "string", ref="indicators.indicator_id"),
        _c("programme_id", "string", ref="programmes.programme_id"),
        _c("theme_id", "string", False, ref="themes.theme_id"),
        _c("partner_id", "string", False, ref="partners.partner_id"),
        _c("scheme_id", "string", False, ref="schemes.scheme_id"),
        _c("beneficiary_group", "string", False,
           help_en="e.g. women heads of household, indigenous communities"),
        _c("place_level", "string", enum=PLACE_LEVELS),
        _c("place_code", "string", False),
        _c("place_name", "string", False, help_en="as stated in the source"),
        _c("period_start", "date"),
        _c("period_end", "date"),
        *_TEXT("period_label", False),
        _c("sex", "string", enum=SEXES),
        _c("value", "float"),
        _c("qualifier", "string", enum=QUALIFIERS),
        _c("source_id", "string", ref="sources.source_id"),
        _c("citation", "string", help_en="the passage the value comes from"),
        *_TEXT("note", False),
        _c("illustrative", "bool"),
    ),
    "Observasi", "Observations", fact=True,
)

POLICIES = Table(
    "policies", ("policy_id",),
    (
        _c("policy_id", "string", pattern=SLUG),
        _c("date", "date"),
        _c("date_precision", "string", enum=DATE_PRECISIONS,
           help_id="day/month/year: tanggal dari sumber; by_month/by_year: sumber hanya menyebut sudah ada "
                   "hingga saat itu (date = hari terakhir bulan/tahun itu)",
           help_en="day/month/year: dated by the source; by_month/by_year: the source only says it existed by "
                   "then (date = last day of that month/year)"),
        _c("level", "string", enum=POLICY_LEVELS),
        _c("place_level", "string", enum=PLACE_LEVELS),
        _c("place_code", "string", False),
        _c("place_name", "string", False),
        _c("instrument", "string", help_en="Perdes, Perbup, Perda, UU, MoU, ..."),
        *_TEXT("title"),
        _c("stage", "string", enum=POLICY_STAGES),
        _c("programme_id", "string", ref="programmes.programme_id"),
        _c("theme_id", "string", False, ref="themes.theme_id"),
        _c("partner_ids", "string", False, help_en="space-separated partner ids"),
        _c("source_id", "string", ref="sources.source_id"),
        _c("citation", "string"),
        _c("url", "string", False),
        *_TEXT("note", False),
        _c("illustrative", "bool"),
    ),
    "Kebijakan", "Policy wins", fact=True,
)

PRESENCE = Table(
    "presence", ("presence_id",),
    (
        _c("presence_id", "string", pattern=SLUG),
        _c("programme_id", "string", ref="programmes.programme_id"),
        _c("partner_id", "string", False, ref="partners.partner_id"),
        _c("theme_id", "string", False, ref="themes.theme_id"),
        _c("place_level", "string", enum=PLACE_LEVELS),
        _c("place_code", "string", False),
        _c("place_name", "string", help_en="as stated in the source"),
        _c("community", "string", False, help_en="e.g. Suku Kokoda"),
        _c("source_id", "string", ref="sources.source_id"),
        _c("citation", "string"),
        *_TEXT("note", False),
        _c("illustrative", "bool"),
    ),
    "Wilayah kerja", "Where programmes work", fact=True,
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        SOURCES, PROGRAMMES, THEMES, PARTNERS, INITIATIVES, PARTNER_THEMES,
        INDICATORS, SCHEMES, OBSERVATIONS, POLICIES, PRESENCE,
    )
}
# Order matters for ingest and the template: dimension tables before facts.
TABLE_ORDER: tuple[str, ...] = tuple(TABLES)
