"""A tiny snapshot for the share tests, built in code and published into a tmp dir.

Every fact row is marked illustrative: these are test values, not published
figures. Other share test modules import ``tiny_tables``/``publish_tiny`` from
here (see ``load_helpers`` in each of them).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from data import schema
from data.snapshot import load_snapshot, publish

D = dt.date


def tiny_tables(*, evil: bool = True) -> dict[str, pd.DataFrame]:
    """Dimension + fact tables with refs that resolve; ``evil`` adds formula-like text."""
    src = pd.DataFrame([
        dict(source_id="src-test", title="=HYPERLINK(\"http://evil\",\"x\")" if evil else "Test source",
             publisher="Test publisher", url="https://example.org/test", file="test.txt", sha256="",
             data_date=D(2020, 6, 30), accessed_date=D(2026, 11, 1), licence="CC BY 4.0", language="id"),
    ])
    prog = pd.DataFrame([
        dict(programme_id="mampu", name="MAMPU", full_name_id="Program MAMPU", full_name_en="MAMPU programme",
             description_id="d", description_en="d", implementer="i", funder="f", start_year=2012,
             end_year=2020, source_id="src-test"),
        dict(programme_id="peduli", name="Peduli", full_name_id="Program Peduli", full_name_en="Peduli programme",
             description_id="d", description_en="d", implementer="i", funder="f", start_year=2014,
             end_year=None, source_id="src-test"),
    ])
    themes = pd.DataFrame([
        dict(theme_id="perlindungan-sosial", programme_id="mampu", name_id="Perlindungan sosial",
             name_en="Social protection", description_id="d", description_en="d", sort_order=1, source_id="src-test"),
    ])
    partners = pd.DataFrame([
        dict(partner_id="pekka", name="PEKKA", programme_id="mampu", parent_partner_id=None,
             description_id="d", description_en="d", url=None, source_id="src-test"),
        dict(partner_id="pekka-local", name="+PEKKA local", programme_id="mampu", parent_partner_id="pekka",
             description_id="d", description_en="d", url=None, source_id="src-test"),
    ])
    initiatives = pd.DataFrame([
        dict(initiative_id="klik", partner_id="pekka", theme_id="perlindungan-sosial", name="KLIK",
             description_id="d", description_en="d", source_id="src-test", citation="@cite"),
    ])
    pt = pd.DataFrame([dict(partner_id="pekka", theme_id="perlindungan-sosial")])
    indicators = pd.DataFrame([
        dict(indicator_id="villages_reached", category="reach", name_id="Desa terjangkau",
             name_en="Villages reached", definition_id="Jumlah desa.", definition_en="Number of villages.",
             unit_id="desa", unit_en="villages", aggregation="distinct", sort_order=1),
        dict(indicator_id="group_members", category="groups", name_id="Anggota kelompok",
             name_en="Group members", definition_id="Anggota.", definition_en="Members.",
             unit_id="orang", unit_en="people", aggregation="sum", sort_order=2),
    ])
    schemes = pd.DataFrame([
        dict(scheme_id="jkn-kis", name_id="JKN-KIS", name_en="JKN-KIS", kind="health", sort_order=1),
    ])
    obs = []
    rows = [
        ("o1", "villages_reached", "province", "11", "Aceh", 12.0),
        ("o2", "villages_reached", "province", "94", "Papua", 3.0),
        ("o3", "group_members", "regency", "11.01", "Kab. Simeulue", 250.0),
        ("o4", "group_members", "village", "11.01.01.2001", "Desa X", 3.0),  # small: suppressed
        ("o5", "group_members", "village", "11.01.01.2002", "Desa Y", 40.0),
        # a negative number must stay numeric (a reach figure: a national group-members figure
        # would cover o4 and be withheld, see data.privacy)
        ("o6", "villages_reached", "national", "", "", -5.0),
    ]
    for oid, ind, lvl, code, name, val in rows:
        obs.append(dict(
            observation_id=oid, indicator_id=ind, programme_id="mampu", theme_id="perlindungan-sosial",
            partner_id="pekka", scheme_id=None, beneficiary_group=None, place_level=lvl, place_code=code,
            place_name=name, period_start=D(2019, 1, 1), period_end=D(2020, 6, 30),
            period_label_id="2019–2020", period_label_en="2019–2020", sex="total", value=val,
            qualifier="exact", source_id="src-test",
            citation="=1+1 evil citation" if (evil and oid == "o1") else f"cite {oid}",
            note_id=None, note_en=None, illustrative=True,
        ))
    policies = pd.DataFrame([
        dict(policy_id="p1", date=D(2018, 5, 1), date_precision="month", level="village", place_level="village",
             place_code="11.01.01.2001", place_name="Desa X", instrument="Perdes", title_id="Perdes A",
             title_en="Village reg A", stage="adopted", programme_id="mampu", theme_id="perlindungan-sosial",
             partner_ids="pekka", source_id="src-test", citation="c", url=None, note_id=None, note_en=None,
             illustrative=True),
    ])
    presence = pd.DataFrame([
        dict(presence_id="pr1", programme_id="mampu", partner_id="pekka", theme_id=None, place_level="province",
             place_code="11", place_name="Aceh", community=None, source_id="src-test", citation="c",
             note_id=None, note_en=None, illustrative=True),
    ])
    return {
        "sources": src, "programmes": prog, "themes": themes, "partners": partners,
        "initiatives": initiatives, "partner_themes": pt, "indicators": indicators, "schemes": schemes,
        "observations": pd.DataFrame(obs), "policies": policies, "presence": presence,
    }


def publish_tiny(root, *, version: str | None = None, evil: bool = True, illustrative: bool = True) -> str:
    """Publish the tiny snapshot into ``root``; returns the version."""
    return publish(tiny_tables(evil=evil), root=root, illustrative=illustrative, data_date="2020-06-30",
                   notes="share tests", version=version)


def test_tiny_snapshot_publishes_and_loads(tmp_path):
    v = publish_tiny(tmp_path, version="20260101.1")
    snap = load_snapshot(v, root=tmp_path)
    assert snap.illustrative is True
    assert set(snap.tables) == set(schema.TABLES)
    assert len(snap.tables["observations"]) == 6
    assert snap.tables["observations"]["value"].min() == -5.0
