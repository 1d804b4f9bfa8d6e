"""Build the first published snapshot from the seed documents.

``peta-inklusi seed`` reads the reviewed transcription in
:mod:`data.seed_records`, checks it against the seed files in
``<PETA_SHARED_DIR>/seeds`` (every cited passage must occur verbatim in its
file; every place code must be an official one), records each file's name and
sha256, and publishes the tables into ``PETA_DATA_DIR``.

The build is idempotent: the first build is published under the fixed
version :data:`SEED_VERSION`; running it again with unchanged records
publishes nothing. If the records changed, the new build is published as the
next version of the day, and the old one stays for rollback.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from data import places, seed_records as R, snapshot
from data.schema import TABLES, level_of_code
from data.settings import get_settings

SEED_VERSION = "20170630.1"  # data as of June 2017, the latest data date in the seeds
DATA_DATE = "2017-06-30"


class SeedError(RuntimeError):
    """The transcription does not match the seed files or the official codes."""


def seeds_dir(shared_dir: str | Path | None = None) -> Path:
    base = Path(shared_dir) if shared_dir is not None else get_settings().shared_dir
    return base / "seeds"


def seed_texts(shared_dir=None) -> dict[str, str]:
    """source_id -> the full text of its seed file."""
    folder = seeds_dir(shared_dir)
    out = {}
    for s in R.SOURCES:
        p = folder / s["file"]
        if not p.exists():
            raise SeedError(f"Seed file {p} is missing. Set PETA_SHARED_DIR to the folder holding seeds/.")
        out[s["source_id"]] = p.read_text(encoding="utf-8")
    return out


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    """The rows as a table with the schema's columns; every row says it is not illustrative."""
    cols = TABLES[name].column_names
    return pd.DataFrame([{c: (False if c == "illustrative" else r.get(c)) for c in cols} for r in rows],
                        columns=list(cols))


def build_tables(shared_dir=None) -> dict[str, pd.DataFrame]:
    """The seed tables, checked against the seed files and the official codes."""
    folder = seeds_dir(shared_dir)
    texts = seed_texts(shared_dir)
    sources = []
    for s in R.SOURCES:
        p = folder / s["file"]
        # accessed_date and its note come from the transcription (seed_records.ACCESSED), not from the
        # file's modification time, which changes whenever the folder is copied.
        sources.append(dict(s, sha256=hashlib.sha256(p.read_bytes()).hexdigest()))

    programmes = [dict(p) for p in R.PROGRAMMES]
    partners = [dict(p) for p in R.PARTNERS]
    partner_themes = [{"partner_id": p["partner_id"], "theme_id": t} for p in R.PARTNERS for t in p["themes"]]
    indicators = [
        dict(zip(("indicator_id", "category", "aggregation", "name_id", "name_en", "definition_id",
                  "definition_en", "unit_id", "unit_en"), row), sort_order=i + 1)
        for i, row in enumerate(R.INDICATORS)
    ]
    schemes = [dict(zip(("scheme_id", "name_id", "name_en", "kind"), row), sort_order=i + 1)
               for i, row in enumerate(R.SCHEMES)]
    for sc in schemes:
        if sc["scheme_id"] in R.SCHEME_DEFINITIONS:
            sc.update(definition_id=R.SCHEME_DEFINITIONS[sc["scheme_id"]],
                      definition_en=R.SCHEME_DEFINITIONS_EN[sc["scheme_id"]],
                      source_id=R.SCHEME_DEFINITION_SOURCE)
    observations = [dict(o, observation_id=o["id"], illustrative=False) for o in R.OBSERVATIONS]
    policies = [dict(p, illustrative=False) for p in R.POLICIES]
    presence = [dict(p, illustrative=False) for p in R.PRESENCE]

    problems = []
    cited = [("programmes", p["programme_id"], p["source_id"], p["citation"]) for p in programmes]
    cited += [("themes", t["theme_id"], t["source_id"], t["citation"]) for t in R.THEMES]
    cited += [("partners", p["partner_id"], p["source_id"], p["citation"]) for p in partners]
    cited += [("initiatives", i["initiative_id"], i["source_id"], i["citation"]) for i in R.INITIATIVES]
    cited += [("observations", o["observation_id"], o["source_id"], o["citation"]) for o in observations]
    cited += [("policies", p["policy_id"], p["source_id"], p["citation"]) for p in policies]
    cited += [("presence", p["presence_id"], p["source_id"], p["citation"]) for p in presence]
    cited += [("schemes", k, R.SCHEME_DEFINITION_SOURCE, v) for k, v in R.SCHEME_DEFINITIONS.items()]
    for table, rid, sid, citation in cited:
        if citation not in texts.get(sid, ""):
            problems.append(f"{table} {rid}: citation not found verbatim in source {sid}: {citation[:80]!r}")
    for table, rows, idcol in (("observations", observations, "observation_id"),
                               ("policies", policies, "policy_id"), ("presence", presence, "presence_id")):
        for r in rows:
            code, level = r.get("place_code") or "", r["place_level"]
            if level in ("national", "unresolved"):
                if code:
                    problems.append(f"{table} {r[idcol]}: a {level} row must have no place code")
                continue
            if level_of_code(code) != level or not places.exists(code, shared_dir):
                problems.append(f"{table} {r[idcol]}: {code!r} is not an official {level} code")
    if problems:
        raise SeedError("The seed transcription has problems:\n  " + "\n  ".join(problems))

    return {
        "sources": _frame("sources", sources),
        "programmes": _frame("programmes", programmes),
        "themes": _frame("themes", R.THEMES),
        "partners": _frame("partners", partners),
        "initiatives": _frame("initiatives", R.INITIATIVES),
        "partner_themes": _frame("partner_themes", partner_themes),
        "indicators": _frame("indicators", indicators),
        "schemes": _frame("schemes", schemes),
        "observations": _frame("observations", observations),
        "policies": _frame("policies", policies),
        "presence": _frame("presence", presence),
    }


def created_from(shared_dir=None) -> list[dict]:
    folder = seeds_dir(shared_dir)
    return [{"file": f"seeds/{s['file']}", "sha256": hashlib.sha256((folder / s["file"]).read_bytes()).hexdigest()}
            for s in R.SOURCES]


def tables_equal(a: dict[str, pd.DataFrame], b) -> bool:
    """True when two sets of tables hold the same values (after the snapshot round trip)."""
    for name in TABLES:
        ta = snapshot.to_arrow(name, a[name]) if name in a else None
        tb = snapshot.to_arrow(name, b[name]) if name in b else None
        if ta is None or tb is None or not ta.equals(tb):
            return False
    return True


def publish_seed(root=None, shared_dir=None) -> tuple[str, bool]:
    """Build and publish the seed snapshot. Returns (version, published_now).

    Nothing is published when the live version already holds identical
    tables. The first build is published as :data:`SEED_VERSION`; a changed
    transcription is published as the next version of the day (versions are
    never rewritten). Note that publishing makes the seed tables live: rows
    ingested since stay in their own versions (``peta-inklusi rollback``).
    """
    tables = build_tables(shared_dir)
    root_p = snapshot.data_dir(root)
    try:
        live = snapshot.load_snapshot(root=root_p)
    except snapshot.SnapshotError:
        live = None
    if live is not None and tables_equal(tables, live.tables):
        return live.version, False
    if live is None and snapshot.version_dir(SEED_VERSION, root_p).exists():
        old = snapshot.load_snapshot(SEED_VERSION, root_p)
        if tables_equal(tables, old.tables):
            snapshot.set_live(SEED_VERSION, root_p)
            return SEED_VERSION, False
    version = None if snapshot.version_dir(SEED_VERSION, root_p).exists() else SEED_VERSION
    v = snapshot.publish(
        tables, created_from=created_from(shared_dir), root=root_p, data_date=DATA_DATE, version=version,
        notes="Transcribed from the seed documents (peta-inklusi seed)",
    )
    return v, True


def cli_main(args) -> int:
    try:
        print("Building the seed snapshot from", seeds_dir())
        v, new = publish_seed()
    except (SeedError, snapshot.SnapshotError, FileNotFoundError) as e:
        print(f"seed failed: {e}")
        return 1
    snap = snapshot.load_snapshot(v)
    counts = ", ".join(f"{k} {n}" for k, n in snap.metadata["row_counts"].items())
    if new:
        print(f"Published version {v} into {snapshot.data_dir()} ({counts}).")
    else:
        print(f"The live version {v} already holds identical tables; nothing to do ({counts}).")
    print(f"Live version: {snapshot.current_version()}")
    return 0


