"""data.filters: parsing URL queries into frozen Filters, notices, only-non-default queries."""

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from data import filters as flt
from data.filters import ALL, FIELDS, Filters, parse

README = Path(__file__).resolve().parents[2] / "README.md"


def test_defaults_and_empty_query(seed_snapshot):
    f, notices = parse({}, seed_snapshot)
    assert f == Filters() and notices == ()
    assert f.to_query() == {}
    assert f.query_string() == ""


def test_filters_are_frozen_and_hashable():
    f = Filters(indicator="villages_reached")
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.indicator = "x"  # type: ignore[misc]
    assert hash(f) == hash(Filters(indicator="villages_reached"))
    assert {f: 1}[Filters(indicator="villages_reached")] == 1


def test_valid_values_round_trip(seed_snapshot):
    q = {"lang": "en", "indicator": "groups_formed", "programme": "mampu", "theme": "perlindungan-sosial",
         "partner": "pekka", "period": "2017", "level": "regency", "province": "73", "tab": "table", "sex": "female",
         "scheme": "jkn-kis", "policy_level": "regency", "instrument": "perbup", "q": "sukabumi", "sort": "title",
         "views": "perlindungan-mitra:table,tren:table"}
    f, notices = parse(q, seed_snapshot)
    assert notices == ()
    assert f.to_query() == q
    assert parse(f.to_query(), seed_snapshot)[0] == f


def test_to_query_writes_only_non_defaults():
    f = Filters(indicator="villages_reached", lang="id", tab="map")
    assert f.to_query() == {"indicator": "villages_reached"}
    assert f.query_string() == "?indicator=villages_reached"
    assert f.query_string(lang="en") == "?lang=en&indicator=villages_reached"


@pytest.mark.parametrize("param,value", [
    ("lang", "fr"), ("indicator", "not_an_indicator"), ("programme", "unknown"), ("theme", "x"),
    ("partner", "nobody"), ("period", "1850"), ("period", "abc"), ("level", "village"), ("province", "7"),
    ("province", "99"), ("tab", "pie"), ("sex", "other"), ("scheme", "bitcoin"), ("policy_level", "galaxy"),
    ("instrument", "decree9"), ("q", "x" * 200), ("sort", "random"), ("v", "latest"), ("lite", "yes"),
    ("place", "73.99.99"), ("q", "a\x00b"), ("views", "nope:table"), ("views", "tren:pie"), ("views", "tren"),
    ("views", "tren:table\x00"), ("views", "tren:table," * 60),
])
def test_invalid_value_falls_back_with_bilingual_notice(seed_snapshot, param, value):
    f, notices = parse({param: value, "indicator": "villages_reached"} if param != "indicator" else {param: value},
                       seed_snapshot)
    assert getattr(f, param) == flt.FIELD_BY_NAME[param].default
    assert len(notices) == 1 and notices[0].param == param
    assert param in notices[0].text("id") and param in notices[0].text("en")
    assert notices[0].text("id") != notices[0].text("en")


def test_unknown_parameter_is_reported_not_fatal(seed_snapshot):
    f, notices = parse({"colour": "red", "lang": "en"}, seed_snapshot)
    assert f.lang == "en"
    assert [n.reason for n in notices] == ["unknown_param"]
    assert "colour" in notices[0].text("en")


def test_values_are_normalised(seed_snapshot):
    f, notices = parse({"lang": " EN ", "level": "Regency", "programme": "MAMPU", "q": "  two   words "},
                       seed_snapshot)
    assert (f.lang, f.level, f.programme, f.q) == ("en", "regency", "mampu", "two words")
    assert notices == ()


def test_list_values_take_the_last(seed_snapshot):
    f, _ = parse({"lang": ["id", "en"]}, seed_snapshot)
    assert f.lang == "en"


def test_partner_outside_programme_is_dropped(seed_snapshot):
    f, notices = parse({"programme": "peduli", "partner": "pekka"}, seed_snapshot)
    assert f.programme == "peduli" and f.partner == ALL
    assert [n.param for n in notices] == ["partner"]


def test_effective_level_follows_drill_down():
    assert Filters().effective_level == "province"
    assert Filters(province="73").effective_level == "regency"
    assert Filters(level="regency").effective_level == "regency"


def test_allowed_comes_from_the_snapshot(seed_snapshot):
    assert "villages_reached" in flt.allowed("indicator", seed_snapshot)
    assert flt.allowed("indicator", seed_snapshot)[0] == flt.PRESENCE
    assert set(flt.allowed("programme", seed_snapshot)) == {ALL, "mampu", "peduli"}
    assert "2017" in flt.allowed("period", seed_snapshot)
    assert flt.allowed("q", seed_snapshot) == ()


def test_from_controls_validates_like_urls(seed_snapshot):
    base = Filters(lang="en", indicator="groups_formed")
    f, notices = flt.from_controls(base, {"programme": "mampu", "level": "nonsense"}, seed_snapshot)
    assert f.lang == "en" and f.programme == "mampu" and f.level == "province"
    assert [n.param for n in notices] == ["level"]


def test_fields_registry_matches_dataclass():
    assert [f.name for f in FIELDS] == [f.name for f in dataclasses.fields(Filters)]
    for f in FIELDS:
        assert f.help_id and f.help_en, f.name


def test_every_filters_field_is_documented_in_readme():
    text = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.M))
    missing = {f.name for f in FIELDS} - documented
    assert not missing, f"README 'Pages and URL parameters' lacks: {sorted(missing)}"


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from([f.name for f in FIELDS] + ["zz", "x-y"]),
                       st.one_of(st.text(max_size=30), st.lists(st.text(max_size=10), max_size=3)), max_size=6))
def test_parse_never_raises(query):
    f, notices = parse(query, None)
    assert isinstance(f, Filters)
    assert parse(f.to_query(), None)[0] == f


# --- views: the view switches of a page's other chart cards ------------------------------------

def test_views_are_canonical_only_non_default_and_sorted_by_chart(seed_snapshot):
    f, notices = parse({"views": " Tren:TABLE , perlindungan-mitra:table,peta:map,tren:chart,tren:table"},
                       seed_snapshot)
    assert notices == ()
    # peta:map is peta's default view (dropped); the later tren entry wins
    assert f.views == "perlindungan-mitra:table,tren:table"
    assert f.query_string() == "?views=perlindungan-mitra%3Atable%2Ctren%3Atable"
    assert parse({"views": "tren:chart"}, seed_snapshot)[0].views == ""  # a default view is not written


def test_views_keep_valid_entries_and_report_each_invalid_one(seed_snapshot):
    f, notices = parse({"views": "tren:table,nope:map,perlindungan-mitra:pie"}, seed_snapshot)
    assert f.views == "tren:table"
    assert [(n.param, n.value, n.default) for n in notices] == [
        ("views", "nope:map", ""), ("views", "perlindungan-mitra:pie", "perlindungan-mitra:chart")]


def test_views_follow_the_chart_registry():
    from components.specs import REGISTRY
    views = flt.card_views()
    assert views == {k: s.views for k, s in REGISTRY.items()}
    # every non-default view of every chart is allowed, no default one
    allowed = set(flt.allowed("views", None))
    assert "tren:table" in allowed and "tren:chart" not in allowed
    assert allowed == {f"{c}:{v}" for c, vs in views.items() for v in vs[1:]}


def test_view_of_and_with_view():
    f = Filters().with_view("tren", "table").with_view("kebijakan-linimasa", "table")
    assert f.views == "kebijakan-linimasa:table,tren:table"
    assert f.view_of("tren") == "table" and f.view_of("peta") == ""
    assert f.with_view("tren", "chart").views == "kebijakan-linimasa:table"  # back to the default
    assert f.with_view("tren", "pie").views == "kebijakan-linimasa:table"  # never an invalid entry
    assert Filters(views="tren:table") != Filters()  # a different view is a different cache key


def test_choices_are_computed_once_per_snapshot(seed_snapshot, demo_snapshot):
    """Every URL and control value is checked against the choices, several times a request: they are
    cached by the snapshot's value (its key), so another snapshot gets its own."""
    from data import filters as flt
    calls = []

    @flt._per_snapshot
    def choices(snapshot):
        calls.append(snapshot.key)
        return ("all", snapshot.version)

    assert choices(seed_snapshot) == choices(seed_snapshot) == ("all", seed_snapshot.version)
    assert calls == [seed_snapshot.key]
    assert choices(demo_snapshot) == ("all", demo_snapshot.version) and len(calls) == 2
    # the period choices: every year with an observation or a policy
    years = {d.year for d in seed_snapshot.tables["observations"]["period_end"].dropna()}
    years |= {d.year for d in seed_snapshot.tables["policies"]["date"].dropna()}
    assert flt._period_choices(seed_snapshot) == ("all",) + tuple(str(y) for y in sorted(years))
