"""The read-only JSON API /api/v1 over the Flask test client.

The API is installed on a bare Flask app with ``components.share.install``
(exactly what app.py calls), over the shared test snapshots: ``seed_dir`` (two
real-figure versions) and ``demo_dir`` (illustrative, village-level rows).
"""

from __future__ import annotations

import flask
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components import share
from data.settings import get_settings


def make_client(data_dir):
    app = flask.Flask("api-test")
    share.install(app, get_settings({"PETA_DATA_DIR": str(data_dir)}))
    return app.test_client()


@pytest.fixture(scope="module")
def seed_client(seed_dir):
    return make_client(seed_dir)


@pytest.fixture(scope="module")
def demo_client(demo_dir):
    return make_client(demo_dir)


def test_versions_lists_live_and_older(seed_client):
    r = seed_client.get("/api/v1/versions")
    assert r.status_code == 200 and r.is_json
    body = r.get_json()
    assert body["live"] == "20261120.1"
    assert [d["version"] for d in body["data"]] == ["20261101.1", "20261120.1"]
    assert body["illustrative"] is False


def test_indicators_and_one_indicator(seed_client):
    body = seed_client.get("/api/v1/indicators").get_json()
    ids = [d["indicator_id"] for d in body["data"]]
    assert "villages_reached" in ids and body["illustrative"] is False and body["version"] == "20261120.1"
    one = seed_client.get("/api/v1/indicators/villages_reached").get_json()
    assert one["data"]["name_en"] == "Villages reached" and "illustrative" in one
    r = seed_client.get("/api/v1/indicators/nope")
    assert r.status_code == 404 and "nope" in r.get_json()["error"]["message"]


def test_observations_use_the_page_filters(seed_client):
    body = seed_client.get("/api/v1/observations?indicator=sp_enrolment&programme=peduli").get_json()
    assert body["filters"] == {"indicator": "sp_enrolment", "programme": "peduli"}
    rows = body["data"]
    assert {r["scheme_id"] for r in rows} == {"jkn-kis", "kip", "ktp"}
    assert all(r["programme_id"] == "peduli" and r["indicator_id"] == "sp_enrolment" for r in rows)
    assert body["total"] == 3 and body["illustrative"] is False
    one = seed_client.get("/api/v1/observations?indicator=sp_enrolment&scheme=kip").get_json()["data"]
    assert [r["value"] for r in one] == [1804.0]


def test_observations_period_and_place(seed_client):
    rows = seed_client.get("/api/v1/observations?indicator=villages_reached&period=2016").get_json()["data"]
    assert sorted(r["observation_id"] for r in rows) == ["mampu-villages-2016", "peduli-villages"]
    rows = seed_client.get("/api/v1/observations?province=32").get_json()["data"]
    assert rows and all(r["place_code"].startswith("32") for r in rows)


def test_versions_can_be_pinned(seed_client):
    old = seed_client.get("/api/v1/observations?v=20261101.1&indicator=share_recommendations_adopted").get_json()
    new = seed_client.get("/api/v1/observations?indicator=share_recommendations_adopted").get_json()
    assert old["version"] == "20261101.1" and new["version"] == "20261120.1"
    assert "ps-recs" not in [r["observation_id"] for r in old["data"]]
    assert "ps-recs" in [r["observation_id"] for r in new["data"]]


@pytest.mark.parametrize("query, word", [
    ("indicator=nope", "indicator"),
    ("programme=xyz", "programme"),
    ("period=1800", "period"),
    ("colour=red", "colour"),
    ("v=20990101.1", "20990101.1"),
    ("v=latest", "'v'"),
    ("limit=0", "limit"),
    ("limit=abc", "limit"),
    ("offset=-1", "offset"),
    ("programme=mampu&programme=peduli", "programme"),
])
def test_bad_parameters_get_400_with_a_message(seed_client, query, word):
    r = seed_client.get(f"/api/v1/observations?{query}")
    assert r.status_code == 400, r.get_data(as_text=True)
    msg = r.get_json()["error"]["message"]
    assert word in msg


@pytest.mark.parametrize("endpoint, name, value", [
    ("/api/v1/observations", "q", "zzz"),
    ("/api/v1/observations", "sort", "title"),
    ("/api/v1/observations", "policy_level", "regency"),
    ("/api/v1/observations", "instrument", "mou"),
    ("/api/v1/observations", "lang", "en"),
    ("/api/v1/observations", "tab", "table"),
    ("/api/v1/policies", "indicator", "villages_reached"),
    ("/api/v1/policies", "sex", "female"),
    ("/api/v1/policies", "scheme", "kip"),
    ("/api/v1/indicators", "programme", "mampu"),
])
def test_parameters_that_do_not_apply_are_a_400_listing_the_allowed_ones(seed_client, endpoint, name, value):
    r = seed_client.get(f"{endpoint}?{name}={value}")
    assert r.status_code == 400, r.get_data(as_text=True)
    err = r.get_json()["error"]
    assert f"'{name}'" in err["message"] and err["parameter"] == name
    assert name not in err["allowed"] and "v" in err["allowed"]
    assert ", ".join(err["allowed"]) in err["message"]
    # an allowed parameter of the same endpoint is accepted
    assert seed_client.get(f"{endpoint}?{err['allowed'][0]}=").status_code == 200


def test_invalid_values_get_an_api_message_not_the_page_notice(seed_client):
    err = seed_client.get("/api/v1/observations?programme=xyz").get_json()["error"]
    assert err["parameter"] == "programme"
    assert err["message"].startswith("Parameter 'programme' has an invalid value 'xyz'. Allowed values: all, mampu, peduli.")
    assert "showing" not in err["message"] and "instead" not in err["message"]
    err = seed_client.get("/api/v1/policies?province=99").get_json()["error"]
    assert err["parameter"] == "province" and "Expected:" in err["message"] and "instead" not in err["message"]


def test_observations_come_from_the_query_layer(seed_client, seed_snapshot):
    """One data path: the API's rows are data.query.observations (the pages' base step)."""
    from data import query
    from data.filters import Filters

    body = seed_client.get("/api/v1/observations?indicator=group_members&limit=5000").get_json()
    expected = query.observations(seed_snapshot, Filters(indicator="group_members"))
    assert [r["observation_id"] for r in body["data"]] == expected["observation_id"].tolist()


def test_suppression_and_illustrative_in_demo(demo_client):
    body = demo_client.get("/api/v1/observations?indicator=group_members&limit=5000").get_json()
    assert body["illustrative"] is True
    rows = body["data"]
    assert rows and all(r["illustrative"] is True for r in rows)
    small = [r for r in rows if r["suppressed"]]
    assert small, "the demo has village counts below 5"
    assert all(r["value"] is None for r in small)
    assert all(r["value"] >= 5 for r in rows if not r["suppressed"])


def test_policies_filtered_like_the_policy_page(seed_client):
    body = seed_client.get("/api/v1/policies?instrument=mou&sort=date").get_json()
    ids = [r["policy_id"] for r in body["data"]]
    assert ids == ["mou-jateng-kekerasan", "mou-desmigratif"]
    assert body["illustrative"] is False
    body = seed_client.get("/api/v1/policies?policy_level=regency").get_json()
    assert [r["policy_id"] for r in body["data"]] == ["perbup-sukabumi-slrt"]
    assert seed_client.get("/api/v1/policies?policy_level=galaxy").status_code == 400


def test_paging(seed_client):
    a = seed_client.get("/api/v1/observations?limit=2").get_json()
    b = seed_client.get("/api/v1/observations?limit=2&offset=2").get_json()
    assert len(a["data"]) == 2 and a["total"] == b["total"] > 4
    assert a["data"][0]["observation_id"] != b["data"][0]["observation_id"]


def test_unknown_endpoint_is_json_404_and_writes_are_refused(seed_client):
    r = seed_client.get("/api/v1/nothing/here")
    assert r.status_code == 404 and r.is_json
    assert seed_client.post("/api/v1/observations").status_code == 405


def test_openapi_document_is_valid_and_describes_every_endpoint_and_parameter(seed_client):
    from openapi_spec_validator import validate

    doc = seed_client.get("/api/v1/openapi.json").get_json()
    validate(doc)  # OpenAPI 3.1 schema, unique parameters per operation, resolvable $refs
    assert doc["openapi"].startswith("3.1")
    assert set(doc["paths"]) >= {"/api/v1/versions", "/api/v1/indicators", "/api/v1/observations",
                                 "/api/v1/policies", "/api/v1/places", "/api/v1/openapi.json"}
    from components.share.api import OBSERVATION_FILTERS, POLICY_FILTERS

    params = [p["name"] for p in doc["paths"]["/api/v1/observations"]["get"]["parameters"]]
    assert len(params) == len(set(params))
    assert set(params) == set(OBSERVATION_FILTERS) | {"v", "limit", "offset"}
    pol = [p["name"] for p in doc["paths"]["/api/v1/policies"]["get"]["parameters"]]
    assert len(pol) == len(set(pol)) and set(pol) == set(POLICY_FILTERS) | {"v", "limit", "offset"}
    ind = next(p for p in doc["paths"]["/api/v1/observations"]["get"]["parameters"] if p["name"] == "indicator")
    assert "villages_reached" in ind["schema"]["enum"]
    # every documented parameter is accepted by the endpoint with its example value
    for path, item in doc["paths"].items():
        for p in item["get"].get("parameters", []):
            if p["in"] == "query" and "examples" in p["schema"]:
                assert p["schema"]["examples"]


VALUES = st.one_of(
    st.sampled_from(["", "all", "mampu", "peduli", "villages_reached", "2016", "2017", "32", "73.10", "id", "en",
                     "female", "jkn-kis", "mou", "-date", "20261101.1", "20261120.1", "1", "0", "5000", "-1"]),
    st.text(max_size=12),
)
NAMES = st.sampled_from(["indicator", "programme", "theme", "partner", "period", "level", "province", "place",
                         "tab", "sex", "scheme", "policy_level", "instrument", "q", "sort", "v", "lite", "lang",
                         "limit", "offset", "bogus", "level\x00", "parent", "q"])
ENDPOINTS = st.sampled_from(["/api/v1/observations", "/api/v1/policies", "/api/v1/indicators", "/api/v1/places",
                             "/api/v1/places/11", "/api/v1/places/32.02",
                             "/api/v1/versions", "/api/v1/", "/api/v1/openapi.json",
                             "/api/v1/indicators/villages_reached"])


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endpoint=ENDPOINTS, params=st.lists(st.tuples(NAMES, VALUES), max_size=4))
def test_fuzzing_the_api_gives_no_5xx(seed_client, endpoint, params):
    r = seed_client.get(endpoint, query_string=params)
    assert r.status_code < 500, (endpoint, params, r.get_data(as_text=True)[:300])
    assert r.is_json
    body = r.get_json()
    if not endpoint.endswith("openapi.json") or r.status_code != 200:  # the OpenAPI document has fixed keys
        assert "illustrative" in body


def test_places_from_the_official_codes(seed_client):
    body = seed_client.get("/api/v1/places").get_json()
    assert body["total"] == 38 and body["illustrative"] is False and "ODbL" in body["source"]
    regs = seed_client.get("/api/v1/places?level=regency&parent=11").get_json()
    assert regs["data"][0] == {"code": "11.01", "name": "Kabupaten Aceh Selatan", "parent_code": "11",
                               "level": "regency"}
    assert all(r["parent_code"] == "11" for r in regs["data"])
    found = seed_client.get("/api/v1/places?level=regency&q=sukabumi").get_json()["data"]
    assert {r["code"] for r in found} >= {"32.02"}
    one = seed_client.get("/api/v1/places/11").get_json()["data"]
    assert one["name"] and "11.01" in one["children"]
    assert seed_client.get("/api/v1/places?level=planet").status_code == 400
    assert seed_client.get("/api/v1/places?parent=x").status_code == 400
    assert seed_client.get("/api/v1/places/99.99").status_code == 404
    assert seed_client.get("/api/v1/places/abc").status_code == 400
    # a code followed by a newline is not a code ('$' matched before a final newline)
    r = seed_client.get("/api/v1/places/11%0A")
    assert r.status_code == 400 and "not a Kemendagri code" in r.get_json()["error"]["message"]


@pytest.fixture(scope="module")
def openapi_doc(seed_client):
    return seed_client.get("/api/v1/openapi.json").get_json()


def _value_for(schema: dict):
    """A strategy for one parameter: mostly values the OpenAPI schema allows, sometimes junk."""
    choices = list(schema.get("enum") or []) + list(schema.get("examples") or [])
    if schema.get("type") == "integer":
        lo, hi = schema.get("minimum", 0), schema.get("maximum", 10_000)
        good = st.integers(lo, hi).map(str)
    elif choices:
        good = st.sampled_from([str(c) for c in choices])
    else:
        good = st.text(max_size=10)
    return st.one_of(good, good, st.text(max_size=8))


@settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzzing_from_the_openapi_document_gives_no_5xx(seed_client, openapi_doc, data):
    paths = [p for p in openapi_doc["paths"] if "{" not in p]
    path = data.draw(st.sampled_from(paths))
    params = [p for p in openapi_doc["paths"][path]["get"].get("parameters", []) if p["in"] == "query"]
    chosen = data.draw(st.lists(st.sampled_from(params), max_size=5, unique_by=lambda p: p["name"])) if params else []
    query = {p["name"]: data.draw(_value_for(p["schema"])) for p in chosen}
    r = seed_client.get(path, query_string=query)
    assert r.status_code in (200, 400), (path, query, r.get_data(as_text=True)[:300])
    if r.status_code == 400:
        assert r.get_json()["error"]["message"]
