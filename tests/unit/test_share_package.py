"""The full-snapshot zip: CSVs, README.md and a Frictionless datapackage.json that validates."""

from __future__ import annotations

import io
import json
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_share_data import publish_tiny  # noqa: E402

from components.share import package  # noqa: E402
from data import schema  # noqa: E402
from data.snapshot import load_snapshot  # noqa: E402


@pytest.fixture(scope="module")
def snap(tmp_path_factory):
    root = tmp_path_factory.mktemp("pkg")
    v = publish_tiny(root, version="20260101.1")
    return load_snapshot(v, root=root)


@pytest.fixture(scope="module")
def unzipped(snap, tmp_path_factory):
    data = package.snapshot_zip(snap, threshold=5, base_url="https://peta.example")
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        z.extractall(out)
    return out, names


def test_zip_has_every_table_readme_and_datapackage(unzipped):
    out, names = unzipped
    assert names == {f"{n}.csv" for n in schema.TABLES} | {"README.md", "datapackage.json"}


def test_datapackage_validates_with_frictionless(unzipped):
    from frictionless import validate

    out, _ = unzipped
    report = validate(out / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_datapackage_states_version_licences_and_illustrative(unzipped, snap):
    out, _ = unzipped
    desc = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert desc["version"] == snap.version
    assert desc["illustrative"] is True
    assert {lic["name"] for lic in desc["licenses"]} >= {"ODbL-1.0", "CC-BY-3.0-IGO"}
    obs = next(r for r in desc["resources"] if r["path"] == "observations.csv")
    assert "suppressed" in [f["name"] for f in obs["schema"]["fields"]]


def test_readme_has_citation_licence_version_and_definitions(unzipped, snap):
    out, _ = unzipped
    text = (out / "README.md").read_text(encoding="utf-8")
    assert f"Peta Inklusi, data version {snap.version}" in text
    assert "https://peta.example/data" in text
    assert "## Licence" in text and "ODbL" in text and "CC BY 3.0 IGO" in text
    assert "ILUSTRATIF / ILLUSTRATIVE" in text
    assert "`villages_reached`" in text and "Number of villages." in text and "Jumlah desa." in text


def test_small_village_counts_are_suppressed_in_the_zip(unzipped):
    out, _ = unzipped
    obs = pd.read_csv(out / "observations.csv", encoding="utf-8-sig", dtype={"place_code": str})
    small = obs[obs["observation_id"] == "o4"].iloc[0]
    assert bool(small["suppressed"]) is True and pd.isna(small["value"])
    big = obs[obs["observation_id"] == "o5"].iloc[0]
    assert big["value"] == 40 and bool(big["suppressed"]) is False
    # the regency figure (250) would give the small count away by subtraction: withheld too
    covering = obs[obs["observation_id"] == "o3"].iloc[0]
    assert bool(covering["suppressed"]) is True and pd.isna(covering["value"])
    # negative numbers stay numbers; formula-like text is neutralised
    assert obs["value"].min() == -5
    assert obs.loc[obs["observation_id"] == "o1", "citation"].iloc[0] == "'=1+1 evil citation"
    src = pd.read_csv(out / "sources.csv", encoding="utf-8-sig")
    assert src["title"].iloc[0].startswith("'=HYPERLINK")


def test_zip_file_name_carries_the_version(snap):
    assert package.zip_filename(snap) == "peta-inklusi_snapshot_v20260101.1.zip"
