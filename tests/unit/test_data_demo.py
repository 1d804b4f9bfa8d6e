"""The illustrative demo snapshot: realistic shape, totals agreeing with the published ones, flagged everywhere."""

from __future__ import annotations

import json
import time

import openpyxl
import pytest

from data import demo, snapshot
from data.export import export
from data.privacy import suppress
from data.schema import TABLE_ORDER

P0_END = "2017-06-30"


def _published(obs, programme, end):
    return obs[(obs.programme_id == programme) & (obs.period_end.astype(str) == end)]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    v = demo.publish_demo(1500, seed=7, out=out, progress=lambda m: None)
    return out, v


def test_totals_agree_with_the_published_ones(small):
    out, _ = small
    snap = snapshot.load_snapshot(root=out)
    obs = snap["observations"]
    m = _published(obs, "mampu", P0_END)
    reach = m[m.indicator_id == "villages_reached"]
    assert reach.place_code.nunique() == 936
    assert len(reach) > 936  # some villages are worked by two partners: a sum would overcount
    assert reach.place_code.str[:5].nunique() == 145
    assert reach.place_code.str[:2].nunique() == 27
    assert m[m.indicator_id == "groups_formed"].value.sum() == 2200
    members = m[m.indicator_id == "group_members"].groupby("sex").value.sum().to_dict()
    assert members == {"female": 52000, "male": 2300}
    p = _published(obs, "peduli", "2016-12-31")
    assert p[p.indicator_id == "villages_reached"].place_code.nunique() == 45
    assert p.place_code.str[:5].nunique() == 20 and p.place_code.str[:2].nunique() == 14
    sp = p[p.indicator_id == "sp_enrolment"].groupby("scheme_id").value.sum().to_dict()
    assert sp == {"health-cover": 2116, "education-support": 1804, "legal-identity": 1975}
    # the size is the number of distinct villages covered, all official codes
    assert obs.place_code.nunique() == 1500
    assert obs.observation_id.is_unique and snap["presence"].presence_id.is_unique
    assert (obs.place_level == "village").all()
    assert obs.place_code.str.fullmatch(r"\d{2}\.\d{2}\.\d{2}\.\d{4}").all()


def test_illustrative_flag_reaches_every_output(tmp_path):
    out = tmp_path / "tiny"
    demo.publish_demo(120, seed=2, out=out, progress=lambda m: None)
    snap = snapshot.load_snapshot(root=out)
    assert snap.illustrative and snap.metadata["illustrative"] is True
    assert json.loads((out / "manifest.json").read_text())["illustrative"] is True
    assert "ILLUSTRATIVE" in snap.metadata["notes"]
    # every row of every table, the dimension tables copied from the published snapshot included
    for name in TABLE_ORDER:
        assert len(snap[name]) and snap[name]["illustrative"].astype(bool).all(), name
    demo_source = snap["sources"].set_index("source_id").loc[demo.SOURCE_ID]
    assert "not a document that was accessed" in demo_source.note_en
    assert snap["observations"]["citation"].str.contains("ILLUSTRATIVE").all()
    xlsx = export(tmp_path / "demo.xlsx", root=out)
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    assert "ILLUSTRATIVE" in wb.properties.title
    first = next(wb["Petunjuk-Instructions"].iter_rows(max_row=1, values_only=True))[0]
    assert "ILLUSTRATIVE DATA" in first
    ws = wb["observations"]
    header = next(ws.iter_rows(max_row=1, values_only=True))
    col = header.index("illustrative")
    assert all(r[col] is True for r in ws.iter_rows(min_row=2, max_row=50, values_only=True))


def test_partners_agree_with_the_published_snapshot(small):
    """Peduli's published figures name no partner; the demo's do not either, so totals filtered by a
    partner agree. Its presence rows name KEMITRAAN, as the published ones do."""
    out, _ = small
    snap = snapshot.load_snapshot(root=out)
    published = demo._base_snapshot()
    pub_obs = published["observations"]
    pub_peduli = pub_obs[(pub_obs.programme_id == "peduli") & pub_obs.indicator_id.isin(
        ["villages_reached", "sp_enrolment"])]
    assert pub_peduli.partner_id.isna().all()
    obs = snap["observations"]
    peduli = obs[obs.programme_id == "peduli"]
    assert len(peduli) and peduli.partner_id.isna().all()
    assert not (obs.partner_id == "kemitraan").any()
    pres = snap["presence"]
    pub_pres = published["presence"]
    assert set(pres[pres.programme_id == "peduli"].partner_id) == \
        set(pub_pres[pub_pres.programme_id == "peduli"].partner_id) == {"kemitraan"}
    # MAMPU's national totals are split among its partners; over all partners they add up
    m = obs[(obs.programme_id == "mampu") & (obs.period_end.astype(str) == P0_END)]
    assert set(m.partner_id) == {p for p, _ in demo.MAMPU_PARTNERS}
    assert m[m.indicator_id == "groups_formed"].groupby("partner_id").value.sum().sum() == 2200


def test_same_seed_same_data_and_suppression_applies(tmp_path):
    a = demo.build_demo(300, seed=5, base=None, progress=lambda m: None)["observations"]
    b = demo.build_demo(300, seed=5, base=None, progress=lambda m: None)["observations"]
    assert a.equals(b)
    assert a.place_code.nunique() == 300
    men = a[(a.indicator_id == "group_members") & (a.sex == "male")]
    s = suppress(men, threshold=5)
    assert s["suppressed"].any() and s.loc[s.suppressed, "value"].isna().all()


def test_size_limits():
    with pytest.raises(ValueError, match="83762"):
        demo.build_demo(83763, progress=lambda m: None)
    with pytest.raises(ValueError):
        demo.build_demo(0, progress=lambda m: None)


@pytest.mark.slow
def test_every_village_in_the_country(tmp_path):
    t0 = time.monotonic()
    v = demo.publish_demo(83762, seed=1, out=tmp_path / "full", progress=lambda m: None)
    snap = snapshot.load_snapshot(v, root=tmp_path / "full")
    obs = snap["observations"]
    assert obs.place_code.nunique() == 83762
    final = obs[obs.period_end.astype(str) == "2020-12-31"]
    assert final[final.indicator_id == "villages_reached"].place_code.nunique() == 83762 - 45
    m = _published(obs, "mampu", P0_END)
    assert m[m.indicator_id == "villages_reached"].place_code.nunique() == 936
    assert time.monotonic() - t0 < 60
