"""``peta-inklusi demo``: an ILLUSTRATIVE village-level snapshot.

For demonstrations and load tests only. Nothing here is a programme result:
the manifest, the metadata and every row of every table (the dimension
tables copied from the published snapshot included) carry
``illustrative=True``, every citation says so, and the demo's source row
explains it (observation notes are left empty to keep 83,762-village
snapshots small in memory).

Shape, chosen to be realistic and to agree with the published national
totals (seed 002 "Data per Juni 2017" for MAMPU, seed 000 "Hingga tahun
2016" for Peduli) whenever ``size`` allows:

- MAMPU, period 2013 – June 2017: exactly 936 distinct villages in 145
  regencies in 27 provinces (official codes), each village worked by one of
  the four MAMPU partners and about 5% by two (so a distinct count differs
  from a plain sum); 2,200 groups; 52,000 women and 2,300 men as members.
- Peduli, period 2015 – 2016: 45 villages in 20 regencies in 14 provinces;
  enrolment of 2,116 (health cover), 1,804 (education support) and 1,975
  (legal identity).

Partners, and why totals filtered by partner differ for MAMPU only:
- Peduli's observations have no partner, as in the published snapshot (its
  figures are for Peduli as a whole, not for KEMITRAAN), so totals agree
  whether or not a partner filter is set. Its ``presence`` rows name
  KEMITRAAN, as the published presence rows do (the communities are listed
  on KEMITRAAN's page).
- MAMPU's published totals are for all partners together. The demo splits
  them among the four MAMPU partners (and about 5% of villages get a second
  partner) so that the distinct-count rule for villages is exercised: the
  totals over all partners agree with the published June 2017 ones; a
  single partner's share is simulated and has no published counterpart (the
  published figures that name a partner, e.g. KPI's 74 Balai Perempuan, are
  other series and are not reproduced in the demo).
- Larger sizes add illustrative growth periods (end of 2018, 2019 and 2020)
  in which MAMPU reaches further villages, cumulatively, until ``size``
  villages in total are covered; ``size=83762`` covers every village.
- With fewer villages than the published reach, the counts are scaled down
  to ``size``; the member and group totals still sum to the published ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time
from pathlib import Path

import numpy as np
import pandas as pd

from data import places, snapshot
from data.schema import TABLE_ORDER, TABLES
from data.settings import PROJECT_ROOT, get_settings

MAX_SIZE = 83_762
MAMPU = dict(villages=936, regencies=145, provinces=27, groups=2200, female=52_000, male=2_300)
PEDULI = dict(villages=45, regencies=20, provinces=14, schemes={"health-cover": 2116, "education-support": 1804,
                                                                  "legal-identity": 1975})
MAMPU_PARTNERS = (("kapal-perempuan", "perlindungan-sosial"), ("pekka", "perlindungan-sosial"),
                  ("kpi", "perlindungan-sosial"), ("migrant-care", "buruh-migran"))
P0 = (dt.date(2013, 1, 1), dt.date(2017, 6, 30), "2013 – Juni 2017 (ilustratif)", "2013 – June 2017 (illustrative)")
PEDULI_PERIOD = (dt.date(2015, 1, 1), dt.date(2016, 12, 31), "hingga 2016 (ilustratif)", "up to 2016 (illustrative)")
GROWTH = [(dt.date(2013, 1, 1), dt.date(y, 12, 31), f"2013 – {y} (ilustratif)", f"2013 – {y} (illustrative)")
          for y in (2018, 2019, 2020)]
# Peduli's named provinces (seed 000), used first so the demo looks like the real spread.
PEDULI_PROVINCES = ("96", "53", "82", "14", "72", "73", "13", "15", "36", "64")
SOURCE_ID = "demo-illustrative"
CITATION = "ILUSTRATIF / ILLUSTRATIVE (peta-inklusi demo)"


def _split(total: int, n: int, rng: np.random.Generator, minimum: int = 0) -> np.ndarray:
    """``n`` non-negative integers summing exactly to ``total`` (each >= minimum when possible)."""
    if n <= 0:
        return np.zeros(0, dtype=np.int64)
    base = minimum if minimum * n <= total else 0
    weights = rng.gamma(1.2, 1.0, n)
    return base + rng.multinomial(total - base * n, weights / weights.sum())


def _pick(rng, items, k: int) -> list:
    items = list(items)
    k = min(k, len(items))
    return [items[i] for i in sorted(rng.choice(len(items), size=k, replace=False))]


def _select(rng, villages: pd.DataFrame, n_villages: int, n_regencies: int, n_provinces: int,
            exclude: set[str], prefer_provinces=()) -> pd.DataFrame:
    """Villages spread over exactly n_regencies regencies in exactly n_provinces provinces (when possible)."""
    pool = villages[~villages["code"].isin(exclude)]
    n_regencies = min(n_regencies, n_villages)
    n_provinces = min(n_provinces, n_regencies)
    provs = [p for p in prefer_provinces if p in set(pool["province"])][:n_provinces]
    rest = sorted(set(pool["province"]) - set(provs))
    provs += _pick(rng, rest, n_provinces - len(provs))
    pool = pool[pool["province"].isin(provs)]
    regs_by_prov = pool.groupby("province")["regency"].unique()
    regs = [_pick(rng, sorted(regs_by_prov[p]), 1)[0] for p in provs]
    others = sorted(set(pool["regency"]) - set(regs))
    regs += _pick(rng, others, n_regencies - len(regs))
    pool = pool[pool["regency"].isin(regs)]
    chosen = [_pick(rng, sorted(g["code"]), 1)[0] for _, g in pool.groupby("regency")]
    others = sorted(set(pool["code"]) - set(chosen))
    chosen += _pick(rng, others, n_villages - len(chosen))
    return villages[villages["code"].isin(chosen)].reset_index(drop=True)


def _obs(codes, indicator, programme, theme, partner, scheme, sex, values, period, tag) -> pd.DataFrame:
    n = len(codes)
    codes = pd.Series(codes, dtype=object)
    slug = codes.str.replace(".", "", regex=False)
    ids = (f"demo-{tag}-{indicator.replace('_', '-')}-{sex}-" + (f"{scheme}-" if scheme else "") + slug
           + (f"-{partner}" if partner else ""))
    return pd.DataFrame({
        "observation_id": ids.values, "indicator_id": indicator, "programme_id": programme, "theme_id": theme,
        "partner_id": partner, "scheme_id": scheme, "beneficiary_group": None, "place_level": "village",
        "place_code": codes.values, "place_name": None, "period_start": [period[0]] * n,
        "period_end": [period[1]] * n, "period_label_id": period[2], "period_label_en": period[3],
        "sex": sex, "value": np.asarray(values, dtype=float), "qualifier": "exact", "source_id": SOURCE_ID,
        "citation": CITATION, "note_id": None, "note_en": None, "illustrative": True,
    })


def _mampu_rows(rng, sel: pd.DataFrame, period, tag, groups_total, female_total, male_total) -> list[pd.DataFrame]:
    n = len(sel)
    codes = sel["code"].to_numpy()
    primary = rng.integers(0, len(MAMPU_PARTNERS), n)
    second = rng.random(n) < 0.05
    out = []
    groups = _split(groups_total, n, rng, minimum=1)
    female = _split(female_total, n, rng, minimum=1)
    male = _split(male_total, n, rng)
    for k, (partner, theme) in enumerate(MAMPU_PARTNERS):
        m = primary == k
        if not m.any():
            continue
        c = codes[m]
        out.append(_obs(c, "villages_reached", "mampu", theme, partner, None, "total", np.ones(m.sum()), period,
                        tag))
        out.append(_obs(c, "groups_formed", "mampu", theme, partner, None, "total", groups[m], period, tag))
        out.append(_obs(c, "group_members", "mampu", theme, partner, None, "female", female[m], period, tag))
        out.append(_obs(c, "group_members", "mampu", theme, partner, None, "male", male[m], period, tag))
        # a second partner in the same village: reach only (a distinct count must not double it)
        m2 = second & ((primary + 1) % len(MAMPU_PARTNERS) == k)
        if m2.any():
            out.append(_obs(codes[m2], "villages_reached", "mampu", theme, partner, None, "total",
                            np.ones(m2.sum()), period, tag + "b"))
    return out


def build_demo(size: int, seed: int = 1, shared_dir=None, base=None, progress=print) -> dict[str, pd.DataFrame]:
    """The illustrative tables for ``size`` villages (1..83762)."""
    if not 1 <= size <= MAX_SIZE:
        raise ValueError(f"size must be between 1 and {MAX_SIZE} (every village), not {size}")
    rng = np.random.default_rng(seed)
    progress("loading official village codes")
    v = places.places("village", shared_dir)[["code"]].copy()
    v["regency"] = v["code"].str[:5]
    v["province"] = v["code"].str[:2]
    v = v.sort_values("code").reset_index(drop=True)

    peduli_n = min(PEDULI["villages"], max(1, size // 22)) if size > 1 else 0
    mampu_n = min(MAMPU["villages"], size - peduli_n)
    progress(f"choosing villages: MAMPU {mampu_n}, Peduli {peduli_n}, total {size}")
    mampu = _select(rng, v, mampu_n, MAMPU["regencies"], MAMPU["provinces"], set())
    peduli = _select(rng, v, peduli_n, PEDULI["regencies"], PEDULI["provinces"], set(mampu["code"]),
                     PEDULI_PROVINCES) if peduli_n else v.iloc[0:0]

    frames = _mampu_rows(rng, mampu, P0, "p0", MAMPU["groups"], MAMPU["female"], MAMPU["male"])
    if peduli_n:
        pc = peduli["code"].to_numpy()
        # no partner: the published Peduli figures are for the programme as a whole (see the docstring)
        frames.append(_obs(pc, "villages_reached", "peduli", "masyarakat-adat", None, None, "total",
                           np.ones(len(pc)), PEDULI_PERIOD, "pd"))
        for scheme, total in PEDULI["schemes"].items():
            frames.append(_obs(pc, "sp_enrolment", "peduli", "masyarakat-adat", None, scheme, "total",
                               _split(total, len(pc), rng), PEDULI_PERIOD, "pd"))
    extra = size - mampu_n - peduli_n
    if extra > 0:
        # growth periods: cumulative reach grows by thirds until `size` villages are covered
        remaining = v[~v["code"].isin(set(mampu["code"]) | set(peduli["code"]))]
        order = remaining.iloc[rng.permutation(len(remaining))[:extra]]
        for i, period in enumerate(GROWTH, start=1):
            upto = round(extra * i / len(GROWTH))
            cum = pd.concat([mampu, order.iloc[:upto]], ignore_index=True)
            scale = len(cum) / max(1, len(mampu))
            progress(f"growth period {period[1].year}: {len(cum)} villages")
            frames += _mampu_rows(rng, cum, period, f"g{period[1].year}", round(MAMPU["groups"] * scale),
                                  round(MAMPU["female"] * scale), round(MAMPU["male"] * scale))
    obs = pd.concat(frames, ignore_index=True)

    # dimension tables: copies of the published ones, each row flagged as part of an illustrative snapshot
    tables = {name: base[name].assign(illustrative=True) for name in TABLE_ORDER if not TABLES[name].fact} \
        if base else {}
    src = pd.DataFrame([{"source_id": SOURCE_ID,
                         "title": "ILLUSTRATIVE demo data (peta-inklusi demo): generated, not programme results",
                         "publisher": "Peta Inklusi (generated)", "url": None, "file": None, "sha256": None,
                         "data_date": P0[1], "accessed_date": None,
                         "licence": "generated illustrative data; not programme results", "language": "en",
                         "note_id": "Data ilustratif yang dibangkitkan, bukan dokumen yang diakses (tidak ada tanggal "
                                    "akses).",
                         "note_en": "Generated illustrative data, not a document that was accessed (no date "
                                    "accessed).",
                         "illustrative": True}])
    tables["sources"] = pd.concat([tables.get("sources", src.iloc[0:0]), src], ignore_index=True)
    tables["observations"] = obs
    pres = obs[obs["indicator_id"] == "villages_reached"].assign(regency=lambda d: d["place_code"].str[:5])
    # Peduli's presence names KEMITRAAN, as the published presence rows do (its observations name no partner)
    pres = pres.assign(partner_id=pres["partner_id"].where(pres["programme_id"] != "peduli", "kemitraan"))
    pres = pres.drop_duplicates(["programme_id", "partner_id", "regency"])
    names = places.places("regency", shared_dir).set_index("code")["name"]
    tables["presence"] = pd.DataFrame({
        "presence_id": ("demo-" + pres["programme_id"] + "-" + pres["partner_id"] + "-"
                        + pres["regency"].str.replace(".", "", regex=False)).values,
        "programme_id": pres["programme_id"].values, "partner_id": pres["partner_id"].values,
        "theme_id": pres["theme_id"].values, "place_level": "regency", "place_code": pres["regency"].values,
        "place_name": pres["regency"].map(names).values, "community": None, "source_id": SOURCE_ID,
        "citation": CITATION, "note_id": "Data ilustratif.", "note_en": "Illustrative data.", "illustrative": True,
    })
    if base is not None:
        pol = base["policies"].copy()
        pol["illustrative"] = True
        pol["note_en"] = "Copied into the illustrative demo snapshot from the published snapshot. " + \
            pol["note_en"].fillna("")
        pol["note_id"] = "Disalin ke snapshot demo ilustratif dari snapshot terbit. " + pol["note_id"].fillna("")
        tables["policies"] = pol
    return tables


def _base_snapshot():
    """Dimension tables for the demo: the live snapshot, else the committed seed snapshot."""
    for root in (get_settings().data_dir, PROJECT_ROOT / "data" / "snapshots"):
        try:
            snap = snapshot.load_snapshot(root=root)
        except snapshot.SnapshotError:
            continue
        if not snap.illustrative:
            return snap
    raise snapshot.SnapshotError("No published (non-illustrative) snapshot to take programmes, areas and "
                                 "indicators from; run `peta-inklusi seed` first.")


def default_out() -> Path:
    d = get_settings().data_dir
    return d.parent / (d.name + "-demo")


def publish_demo(size: int, seed: int = 1, out=None, shared_dir=None, progress=print) -> str:
    t0 = time.monotonic()
    base = _base_snapshot()
    tables = build_demo(size, seed, shared_dir=shared_dir, base=dict(base.tables), progress=progress)
    out = Path(out) if out else default_out()
    params = {"size": size, "seed": seed, "base_version": base.version}
    v = snapshot.publish(
        tables, root=out, illustrative=True, data_date=P0[1].isoformat(),
        notes=f"ILLUSTRATIVE demo data (size {size}, seed {seed}); not programme results",
        created_from=[{"file": "peta-inklusi demo", "sha256": hashlib.sha256(json.dumps(params, sort_keys=True)
                                                                             .encode()).hexdigest(), **params}],
        progress=progress,
    )
    progress(f"done in {time.monotonic() - t0:.1f} s")
    return v


def cli_main(args) -> int:
    try:
        v = publish_demo(args.size, args.seed, args.out, progress=lambda m: print(f"  {m}", flush=True))
    except (ValueError, snapshot.SnapshotError, FileNotFoundError) as e:
        print(f"demo failed: {e}")
        return 1
    out = Path(args.out) if args.out else default_out()
    print(f"Published ILLUSTRATIVE version {v} into {out}. Point the app at it with PETA_DATA_DIR={out}")
    return 0
