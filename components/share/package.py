"""The full snapshot as a zip: every table as CSV, a README.md and a Frictionless datapackage.json.

Public output, so village-level counts are suppressed (``data.privacy``) and
text cells are neutralised against formula injection, exactly like the chart
downloads. Pure: ``snapshot_zip(snap, threshold, base_url)`` returns bytes.
"""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd

from components.share import bridge, safe
from components.share.text import t
from data import schema

# data.schema dtype -> Frictionless field type
FIELD_TYPES = {"string": "string", "int": "integer", "float": "number", "bool": "boolean", "date": "date"}
PROJECT = "Peta Inklusi"


def public_tables(snap, threshold: int) -> dict[str, pd.DataFrame]:
    """Every table of the snapshot as published: observations as every chart and the API read them
    (``data.query.published_observations``: small village counts and what would reveal them withheld)."""
    out = {}
    for name in schema.TABLE_ORDER:
        df = snap.tables[name]
        if name == "observations":
            df = bridge.published_observations(snap, threshold)
        out[name] = df
    return out


def _text(v) -> str:
    """'' for missing values (None, NA, NaN), else the text."""
    if v is None:
        return ""
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    return str(v)


def _field(col: schema.Column) -> dict:
    f = {"name": col.name, "type": FIELD_TYPES[col.dtype]}
    desc = col.help_en or ""
    if desc:
        f["description"] = desc
    cons = {}
    if col.required:
        cons["required"] = True
    if col.enum:
        cons["enum"] = list(col.enum)
    if cons:
        f["constraints"] = cons
    return f


def table_schema(name: str, df: pd.DataFrame) -> dict:
    """A Frictionless Table Schema for one snapshot table (+ columns added on publication)."""
    t_ = schema.TABLES[name]
    fields = [_field(c) for c in t_.columns]
    if "suppressed" in df.columns:
        # a suppressed value is published empty
        for f in fields:
            if f["name"] == "value":
                f.get("constraints", {}).pop("required", None)
                f["description"] = "Empty when suppressed (see the suppressed column)."
    known = set(t_.column_names)
    for extra in df.columns:
        if extra in known:
            continue
        if extra == "suppressed":
            fields.append({"name": "suppressed", "type": "boolean",
                           "description": "True when the value was withheld to protect privacy (small count)."})
        else:
            fields.append({"name": str(extra), "type": "any"})
    out = {"fields": fields, "primaryKey": list(t_.key), "missingValues": [""]}
    fks = []
    for c in t_.columns:
        if c.ref:
            rtable, rcol = c.ref.split(".")
            fks.append({"fields": c.name, "reference": {"resource": "" if rtable == name else rtable, "fields": rcol}})
    if fks:
        out["foreignKeys"] = fks
    return out


def _ordered(name: str, df: pd.DataFrame) -> pd.DataFrame:
    cols = [c for c in schema.TABLES[name].column_names if c in df.columns]
    cols += [c for c in df.columns if c not in cols]
    return df[cols]


def citation(snap, base_url: str, lang: str = "en") -> str:
    """How to cite a snapshot version."""
    date = f", {t('data_date', lang)} {snap.data_date}" if snap.data_date else ""
    url = f" {base_url.rstrip('/')}/data" if base_url else ""
    return f"{PROJECT}, {t('data_version', lang).lower()} {snap.version}{date}.{url}"


def sources_lines(snap) -> list[str]:
    src = snap.tables["sources"]
    lines = []
    for r in src.itertuples(index=False):
        d = r._asdict()
        bits = [_text(d.get("publisher")), _text(d.get("title"))]
        if _text(d.get("url")):
            bits.append(_text(d["url"]))
        if _text(d.get("accessed_date")):
            bits.append(f"accessed {d['accessed_date']}")
        bits.append(f"licence: {_text(d.get('licence')) or 'not stated'}")
        lines.append(f"- `{d['source_id']}`: " + ". ".join(b for b in bits if b))
    return lines


def readme_md(snap, tables: dict[str, pd.DataFrame], threshold: int, base_url: str) -> str:
    """README.md of the zip: citation, licence, version, illustrative flag, tables and indicator definitions."""
    L = [f"# {PROJECT}: data snapshot {snap.version}", ""]
    if snap.illustrative:
        L += [f"**{t('illustrative_both')}**: {t('illustrative_note', 'en')} / {t('illustrative_note', 'id')}", ""]
    L += [
        f"- Version: `{snap.version}` (schema {snap.metadata.get('schema_version', schema.SCHEMA_VERSION)})",
        f"- Published: {snap.created_at}",
        f"- Data date (latest date the figures refer to): {snap.data_date or 'not stated'}",
        f"- Illustrative: {'yes' if snap.illustrative else 'no'}",
        "",
        "## Citation",
        "",
        citation(snap, base_url, "en"),
        "",
        "Sources of the figures:",
        "",
        *sources_lines(snap),
        "",
        "## Licence",
        "",
        t("licence_text", "en"),
        "",
        "## Privacy",
        "",
        t("suppression", "en", threshold=threshold),
        "",
        "## Files",
        "",
        "Every table is a UTF-8 CSV (with BOM) described in `datapackage.json` (Frictionless Data "
        "Package). Text cells that begin with =, +, -, @, a tab, CR or LF are prefixed with a single "
        "quote (') so spreadsheets do not run them as formulas; numbers are unchanged.",
        "",
        "| file | table | rows |",
        "| --- | --- | --- |",
    ]
    for name, df in tables.items():
        L.append(f"| `{name}.csv` | {schema.TABLES[name].label_en} / {schema.TABLES[name].label_id} | {len(df)} |")
    L += ["", "## Indicator definitions", ""]
    ind = tables["indicators"]
    for r in ind.itertuples(index=False):
        d = r._asdict()
        L += [
            f"### `{d['indicator_id']}`: {_text(d.get('name_en'))} / {_text(d.get('name_id'))}",
            "",
            f"- Definition: {_text(d.get('definition_en'))}",
            f"- Definisi: {_text(d.get('definition_id'))}",
            f"- Unit: {_text(d.get('unit_en'))} / {_text(d.get('unit_id'))}; category `{_text(d.get('category'))}`; "
            f"aggregation `{_text(d.get('aggregation'))}`",
            "",
        ]
    return "\n".join(L) + "\n"


def datapackage(snap, tables: dict[str, pd.DataFrame], base_url: str) -> dict:
    """The Frictionless ``datapackage.json`` descriptor."""
    src = snap.tables["sources"]
    return {
        "name": "peta-inklusi",
        "title": f"{PROJECT} data snapshot {snap.version}",
        "description": "Results of Indonesia's social-inclusion programmes (MAMPU, Peduli): "
                       "villages reached, groups formed, policy wins and social-protection enrolment.",
        "version": snap.version,
        "created": snap.created_at or None,
        "homepage": f"{base_url.rstrip('/')}/data" if base_url else None,
        "illustrative": snap.illustrative,
        "licenses": [
            {"name": "ODbL-1.0", "path": "https://opendatacommons.org/licenses/odbl/1-0/",
             "title": "Place codes: idn-area-data (Kemendagri)"},
            {"name": "CC-BY-3.0-IGO", "path": "https://creativecommons.org/licenses/by/3.0/igo/",
             "title": "Boundaries: geoBoundaries IDN ADM2"},
        ],
        "sources": [
            {k: v for k, v in {"title": str(r.title), "path": _text(r.url)}.items() if v}
            for r in src.itertuples(index=False)
        ],
        "resources": [
            {
                "name": name.replace("_", "-"),
                "path": f"{name}.csv",
                "title": schema.TABLES[name].label_en,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "dialect": {"delimiter": ",", "lineTerminator": "\r\n"},
                "schema": table_schema(name, df),
            }
            for name, df in tables.items()
        ],
    }


def _fix_fk_names(desc: dict) -> dict:
    """Resource names use '-' (Frictionless name rule); foreign keys must follow."""
    for res in desc["resources"]:
        for fk in res["schema"].get("foreignKeys", []):
            r = fk["reference"]["resource"]
            fk["reference"]["resource"] = r.replace("_", "-")
    desc = {k: v for k, v in desc.items() if v is not None}
    return desc


def snapshot_zip(snap, threshold: int, base_url: str = "") -> bytes:
    """The zip download of a whole snapshot version."""
    tables = {n: _ordered(n, df) for n, df in public_tables(snap, threshold).items()}
    desc = _fix_fk_names(datapackage(snap, tables, base_url))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, df in tables.items():
            z.writestr(f"{name}.csv", safe.csv_bytes(df))
        z.writestr("README.md", readme_md(snap, tables, threshold, base_url))
        z.writestr("datapackage.json", json.dumps(desc, indent=2, ensure_ascii=False, default=str) + "\n")
    return buf.getvalue()


def zip_filename(snap) -> str:
    return f"peta-inklusi_snapshot_v{snap.version}.zip"
