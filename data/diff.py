"""What changed between two snapshot versions.

:func:`diff_versions` is a pure function on two loaded snapshots and returns
one row per change, per indicator and place, so the CLI (``peta-inklusi diff
V1 V2``) and the web's "what changed in the latest release" box show the
same thing:

- ``restated``: the same observation (same indicator, place, period, sex,
  programme, area, partner, scheme and group) has a different value or
  qualifier;
- ``rose`` / ``fell``: the latest value of a series (same everything but the
  period) is for a later period and is higher / lower;
- ``appeared`` / ``disappeared``: a series exists in only one version.
Series whose latest value did not change are left out.

:func:`diff_policies` does the same for policy wins (appeared, disappeared,
restated = stage or date changed).
"""

from __future__ import annotations

import pandas as pd

from data import snapshot

SERIES = ("indicator_id", "programme_id", "theme_id", "partner_id", "scheme_id", "beneficiary_group", "sex",
          "place_level", "place_code", "place_name")
PERIOD = ("period_start", "period_end")
CHANGES = ("appeared", "disappeared", "rose", "fell", "restated")
COLUMNS = (
    "change", *SERIES, "period_end_a", "period_end_b", "value_a", "value_b", "delta", "qualifier_a", "qualifier_b",
    "illustrative",
)


def _prep(obs: pd.DataFrame) -> pd.DataFrame:
    df = obs.copy()
    for c in SERIES:
        df[c] = df[c].astype(object).where(df[c].notna(), "")
    return df


def diff_versions(snap_a, snap_b) -> pd.DataFrame:
    """Changes from ``snap_a`` (older) to ``snap_b`` (newer), one row per change."""
    a = _prep(snap_a["observations"])
    b = _prep(snap_b["observations"])
    illustrative = bool(snap_a.illustrative or snap_b.illustrative)
    rows = []
    # restatements: same series and period, different value or qualifier
    key = list(SERIES + PERIOD)
    m = a.merge(b, on=key, how="inner", suffixes=("_a", "_b"))
    changed = m[(m["value_a"] != m["value_b"]) | (m["qualifier_a"] != m["qualifier_b"])]
    for _, r in changed.iterrows():
        rows.append({**{c: r[c] for c in SERIES}, "change": "restated", "period_end_a": r["period_end"],
                     "period_end_b": r["period_end"], "value_a": r["value_a"], "value_b": r["value_b"],
                     "qualifier_a": r["qualifier_a"], "qualifier_b": r["qualifier_b"]})
    # latest value per series
    series = list(SERIES)
    la = a.sort_values("period_end").groupby(series, sort=False).tail(1).set_index(series)
    lb = b.sort_values("period_end").groupby(series, sort=False).tail(1).set_index(series)
    for idx in lb.index.difference(la.index):
        r = lb.loc[idx]
        rows.append({**dict(zip(series, idx)), "change": "appeared", "period_end_a": None,
                     "period_end_b": r["period_end"], "value_a": None, "value_b": r["value"],
                     "qualifier_a": None, "qualifier_b": r["qualifier"]})
    for idx in la.index.difference(lb.index):
        r = la.loc[idx]
        rows.append({**dict(zip(series, idx)), "change": "disappeared", "period_end_a": r["period_end"],
                     "period_end_b": None, "value_a": r["value"], "value_b": None,
                     "qualifier_a": r["qualifier"], "qualifier_b": None})
    both = la.index.intersection(lb.index)
    for idx in both:
        ra, rb = la.loc[idx], lb.loc[idx]
        if rb["period_end"] > ra["period_end"] and rb["value"] != ra["value"]:
            rows.append({**dict(zip(series, idx)), "change": "rose" if rb["value"] > ra["value"] else "fell",
                         "period_end_a": ra["period_end"], "period_end_b": rb["period_end"],
                         "value_a": ra["value"], "value_b": rb["value"],
                         "qualifier_a": ra["qualifier"], "qualifier_b": rb["qualifier"]})
    out = pd.DataFrame(rows, columns=[c for c in COLUMNS if c not in ("delta", "illustrative")])
    out["value_a"] = pd.to_numeric(out["value_a"]).astype("Float64")
    out["value_b"] = pd.to_numeric(out["value_b"]).astype("Float64")
    out["delta"] = out["value_b"] - out["value_a"]
    out["illustrative"] = illustrative
    order = {c: i for i, c in enumerate(CHANGES)}
    out = out.sort_values(["change", "indicator_id", "place_code", "sex"], key=lambda s: s.map(order)
                          if s.name == "change" else s).reset_index(drop=True)
    return out[list(COLUMNS)]


POLICY_COLUMNS = ("change", "policy_id", "level", "place_code", "place_name", "instrument", "title_id", "title_en",
                  "stage_a", "stage_b", "date_a", "date_b", "illustrative")


def diff_policies(snap_a, snap_b) -> pd.DataFrame:
    """Policy wins that appeared, disappeared or were restated (stage or date changed)."""
    a = snap_a["policies"].set_index("policy_id")
    b = snap_b["policies"].set_index("policy_id")
    rows = []
    for pid in b.index.difference(a.index):
        rows.append(("appeared", pid, b.loc[pid], None, b.loc[pid]))
    for pid in a.index.difference(b.index):
        rows.append(("disappeared", pid, a.loc[pid], a.loc[pid], None))
    for pid in a.index.intersection(b.index):
        ra, rb = a.loc[pid], b.loc[pid]
        if ra["stage"] != rb["stage"] or ra["date"] != rb["date"]:
            rows.append(("restated", pid, rb, ra, rb))
    out = pd.DataFrame([{
        "change": change, "policy_id": pid, "level": r["level"], "place_code": r["place_code"] or "",
        "place_name": r["place_name"] or "", "instrument": r["instrument"], "title_id": r["title_id"],
        "title_en": r["title_en"], "stage_a": None if ra is None else ra["stage"],
        "stage_b": None if rb is None else rb["stage"], "date_a": None if ra is None else ra["date"],
        "date_b": None if rb is None else rb["date"],
    } for change, pid, r, ra, rb in rows], columns=[c for c in POLICY_COLUMNS if c != "illustrative"])
    out["illustrative"] = bool(snap_a.illustrative or snap_b.illustrative)
    return out.sort_values(["change", "policy_id"]).reset_index(drop=True)


def _fmt(v) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return "—"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def format_diff(df: pd.DataFrame, v1: str, v2: str) -> str:
    if df.empty:
        return f"No differences in observations between {v1} and {v2}."
    counts = df["change"].value_counts()
    lines = [f"Changes from {v1} to {v2}: " + ", ".join(f"{counts[c]} {c}" for c in CHANGES if c in counts)]
    if bool(df["illustrative"].any()):
        lines.append("ILLUSTRATIVE DATA — not real programme results")
    for _, r in df.iterrows():
        place = r["place_code"] or r["place_level"]
        if r["place_name"]:
            place = f"{place} {r['place_name']}"
        dims = " ".join(x for x in (r["programme_id"], r["partner_id"], r["scheme_id"], r["sex"]) if x)
        lines.append(f"  {r['change']:<11} {r['indicator_id']:<28} {place:<40} {dims:<30} "
                     f"{_fmt(r['value_a'])} -> {_fmt(r['value_b'])}")
    return "\n".join(lines)


def cli_main(args) -> int:
    try:
        a = snapshot.load_snapshot(args.v1)
        b = snapshot.load_snapshot(args.v2)
    except snapshot.SnapshotError as e:
        known = ", ".join(m["version"] for m in snapshot.list_versions())
        print(f"diff failed: {e}\nKnown versions: {known or 'none'}")
        return 1
    print(format_diff(diff_versions(a, b), a.version, b.version))
    pol = diff_policies(a, b)
    if not pol.empty:
        print(f"Policy wins: {len(pol)} changed")
        for _, r in pol.iterrows():
            stages = f"{r['stage_a'] or '—'} -> {r['stage_b'] or '—'}"
            print(f"  {r['change']:<11} {r['policy_id']:<45} {r['place_code'] or r['level']:<10} {stages}")
    return 0
