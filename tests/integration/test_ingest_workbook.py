"""Ingest: every malformed input is rejected with sheet/row/column and nothing is published;
export -> ingest gives identical tables; text is never executed."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from data import seed, snapshot
from data.export import export
from data.ingest import ingest, validate
from data.schema import TABLE_ORDER, TABLES
from data.template import write_template
from data.workbook import MARKER, xml_escape_text, xml_unescape_text


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    root = tmp_path_factory.mktemp("live")
    seed.publish_seed(root=root)
    wb = tmp_path_factory.mktemp("wb") / "export.xlsx"
    export(wb, root=root)
    return root, wb


def _state(root: Path):
    return ((root / "manifest.json").read_bytes(), sorted(p.name for p in (root / "versions").iterdir()))


def _edit(src: Path, dst: Path, fn) -> Path:
    wb = openpyxl.load_workbook(src)
    fn(wb)
    wb.save(dst)
    return dst


def _col(ws, name: str) -> int:
    for c in ws[1]:
        if c.value == name:
            return c.column
    raise KeyError(name)


def _append_obs(ws, **over):
    """Append a copy of the first observation with changes; returns its Excel row number."""
    header = [c.value for c in ws[1]]
    first = {h: ws.cell(2, i + 1).value for i, h in enumerate(header)}
    first.update(over)
    ws.append([first.get(h) for h in header])
    return ws.max_row


def _reject(seeded, tmp_path, fn, expect: list[tuple]):
    """Apply fn to a copy of the export; ingest must fail with the expected (sheet, row, column, words)."""
    root, src = seeded
    path = _edit(src, tmp_path / "bad.xlsx", fn)
    before = _state(root)
    v, problems = ingest(path, root=root)
    assert v is None and problems
    assert _state(root) == before  # nothing published
    texts = [str(p) for p in problems]
    for sheet, row, column, words in expect:
        hits = [p for p in problems if p.sheet == sheet and p.row == row and p.column == column
                and words.lower() in str(p).lower()]
        assert hits, f"expected {(sheet, row, column, words)} in:\n" + "\n".join(texts)
        assert "What to do:" in str(hits[0])
    return problems


def test_missing_column(seeded, tmp_path):
    def fn(wb):
        ws = wb["observations"]
        ws.delete_cols(_col(ws, "qualifier"))
    _reject(seeded, tmp_path, fn, [("observations", 1, "qualifier", "missing")])


def test_renamed_column(seeded, tmp_path):
    def fn(wb):
        wb["observations"].cell(1, _col(wb["observations"], "value")).value = "values"
    _reject(seeded, tmp_path, fn, [("observations", 1, "values", "renamed from it")])


def test_wrong_type_blank_required_negative_nan_inf(seeded, tmp_path):
    def fn(wb):
        ws = wb["observations"]
        v, ind = _col(ws, "value"), _col(ws, "indicator_id")
        ws.cell(2, v).value = "banyak"
        ws.cell(3, v).value = "52.000,5"
        ws.cell(4, ind).value = None
        ws.cell(5, v).value = -5
        ws.cell(6, v).value = "NaN"
        ws.cell(7, v).value = "inf"
        ws.cell(8, v).value = "1.000"
        ws.cell(9, _col(ws, "place_code")).value = "73.1"
        ws.cell(9, _col(ws, "place_level")).value = "regency"
        ws.cell(10, v).value = "1e400"  # parses as infinity: would overflow the snapshot
        ws.cell(11, v).value = "-1E+400"
        ws.cell(12, v).value = "0.125"  # a leading 0. is a decimal, never a thousands separator
        wb["programmes"].cell(2, _col(wb["programmes"], "start_year")).value = "2013a"
        wb["programmes"].cell(3, _col(wb["programmes"], "start_year")).value = "99999999999999999999"
    problems = _reject(seeded, tmp_path, fn, [
        ("observations", 2, "value", "not a number"),
        ("observations", 3, "value", "thousands separators"),
        ("observations", 4, "indicator_id", "required cell is blank"),
        ("observations", 5, "value", "negative"),
        ("observations", 6, "value", "NaN or infinity"),
        ("observations", 7, "value", "NaN or infinity"),
        ("observations", 8, "value", "ambiguous number"),
        ("observations", 9, "place_code", "not a Kemendagri code"),
        ("observations", 9, "place_code", "73.10 Kabupaten Pangkajene"),
        ("programmes", 2, "start_year", "whole number"),
        ("observations", 10, "value", "too large to store"),
        ("observations", 11, "value", "too large to store"),
        ("programmes", 3, "start_year", "too large to store"),
    ])
    assert not [p for p in problems if p.row == 12]


def test_impossible_dates_and_end_before_start(seeded, tmp_path):
    def fn(wb):
        ws = wb["observations"]
        ws.cell(2, _col(ws, "period_end")).value = "2017-02-30"
        ws.cell(3, _col(ws, "period_end")).value = "1900-01-01"
        ws.cell(4, _col(ws, "period_start")).value = "2018-01-01"
    _reject(seeded, tmp_path, fn, [
        ("observations", 2, "period_end", "not a valid date"),
        ("observations", 3, "period_end", "impossible date"),
        ("observations", 4, "period_end", "ends before it starts"),
    ])


def test_unknown_codes_get_the_nearest_official_suggestion(seeded, tmp_path):
    def fn(wb):
        ws = wb["observations"]
        _append_obs(ws, observation_id="new-1", place_level="regency", place_code="73.99",
                    place_name="Pangkajene dan Kepulauan")
        _append_obs(ws, observation_id="new-2", place_level="province", place_code="73.10", place_name="x")
        _append_obs(ws, observation_id="new-3", indicator_id="villages_reachd")
        _append_obs(ws, observation_id="new-4", partner_id="kpi")
        _append_obs(ws, observation_id="new-5", indicator_id="sp_enrolment", scheme_id=None)
    problems = _reject(seeded, tmp_path, fn, [
        ("observations", 34, "place_code", "73.10 Kabupaten Pangkajene dan Kepulauan"),
        ("observations", 35, "place_code", "is a regency code"),
        ("observations", 36, "indicator_id", "did you mean 'villages_reached'"),
        ("observations", 37, "partner_id", "belongs to programme 'mampu'"),
        ("observations", 38, "scheme_id", "needs the scheme"),
    ])
    assert len(problems) == 5


def test_duplicates(seeded, tmp_path):
    def fn(wb):
        _append_obs(wb["observations"])  # same observation_id as row 2
    _reject(seeded, tmp_path, fn, [("observations", 34, "observation_id", "duplicate key")])


def test_members_by_sex_exceeding_the_total(seeded, tmp_path):
    def fn(wb):
        ws = wb["observations"]
        common = dict(indicator_id="group_members", place_level="regency", place_code="73.10", place_name="Pangkep",
                      scheme_id=None, partner_id=None, theme_id=None, beneficiary_group=None)
        _append_obs(ws, observation_id="m-f", sex="female", value=60, **common)
        _append_obs(ws, observation_id="m-m", sex="male", value=50, **common)
        _append_obs(ws, observation_id="m-t", sex="total", value=100, **common)
    _reject(seeded, tmp_path, fn, [("observations", 34, "value", "exceed the total"),
                                   ("observations", 36, "value", "exceed the total")])


def test_formulas_and_merged_cells(seeded, tmp_path):
    def fn(wb):
        ws = wb["observations"]
        ws.cell(2, _col(ws, "value")).value = "=SUM(1,2)"  # a real formula cell
        ws.merge_cells("B5:C5")
    # a merged range is named after its first column (B: observation_id)
    _reject(seeded, tmp_path, fn, [("observations", 2, "value", "formula"),
                                   ("observations", 5, "observation_id", "merged cells")])


def test_empty_sheet_and_unknown_sheet(seeded, tmp_path):
    def fn(wb):
        del wb["presence"]
        wb.create_sheet("presence")
        wb.create_sheet("Sheet1")["A1"] = "x"
    _reject(seeded, tmp_path, fn, [("presence", 1, None, "empty"), ("Sheet1", None, None, "unknown sheet")])


def test_wrong_file_types(seeded, tmp_path):
    root, _ = seeded
    before = _state(root)
    for name, data in (("data.xls", b"\xd0\xcf\x11\xe0old excel"), ("fake.xlsx", b"not a zip"),
                       ("notes.txt", b"hello")):
        p = tmp_path / name
        p.write_bytes(data)
        v, problems = ingest(p, root=root)
        assert v is None and problems and "What to do:" in str(problems[0]), name
        assert problems[0].sheet == name
    assert _state(root) == before


def test_every_problem_is_reported_at_once_and_cli_exits_non_zero(seeded, tmp_path, monkeypatch, capsys):
    from data.cli import main

    root, src = seeded

    def fn(wb):
        ws = wb["observations"]
        ws.cell(2, _col(ws, "value")).value = -1
        ws.cell(3, _col(ws, "sex")).value = "women"
        ws.cell(4, _col(ws, "qualifier")).value = "more than"
        wb["policies"].cell(2, _col(wb["policies"], "stage")).value = "passed"
    path = _edit(src, tmp_path / "many.xlsx", fn)
    before = _state(root)
    monkeypatch.setenv("PETA_DATA_DIR", str(root))
    assert main(["ingest", str(path)]) == 1
    out = capsys.readouterr().out
    assert "4 problem(s) found; nothing was published" in out
    assert "Sheet 'observations', row 3, column 'sex' (" in out and "female, male, total" in out
    assert "Sheet 'policies', row 2, column 'stage'" in out
    assert _state(root) == before


def test_export_then_ingest_gives_identical_tables(seeded, tmp_path):
    root, src = seeded
    fresh = tmp_path / "fresh"
    v, problems = ingest(src, root=fresh)
    assert not problems and v
    a, b = snapshot.load_snapshot(root=root), snapshot.load_snapshot(root=fresh)
    for name in TABLE_ORDER:
        assert snapshot.to_arrow(name, a[name]).equals(snapshot.to_arrow(name, b[name])), name
    # and into the same data directory: a new version with identical tables
    copy = tmp_path / "copy"
    shutil.copytree(root, copy)
    v2, problems = ingest(src, root=copy)
    assert not problems and v2 != seed.SEED_VERSION
    assert seed.tables_equal(dict(a.tables), dict(snapshot.load_snapshot(root=copy).tables))


def test_csv_folder_round_trip(seeded, tmp_path):
    root, _ = seeded
    snap = snapshot.load_snapshot(root=root)
    folder = tmp_path / "csv"
    folder.mkdir()
    for name in TABLE_ORDER:
        recs = snapshot.to_arrow(name, snap[name]).to_pylist()
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(TABLES[name].column_names)
            for r in recs:
                w.writerow(["" if r[c] is None else ("TRUE" if r[c] is True else "FALSE" if r[c] is False
                                                     else r[c]) for c in TABLES[name].column_names])
    out = tmp_path / "out"
    v, problems = ingest(folder, root=out)
    assert not problems, [str(p) for p in problems]
    assert seed.tables_equal(dict(snap.tables), dict(snapshot.load_snapshot(root=out).tables))
    (folder / "observations.csv").write_text("observation_id,value\nx,1\n", encoding="utf-8")
    frames, problems, _ = validate(folder, root=out)
    assert frames is None and any(p.sheet == "observations.csv" and p.row == 1 for p in problems)


def test_text_with_formula_prefix_or_html_is_kept_as_text_never_executed(seeded, tmp_path):
    root, src = seeded
    evil = ['=HYPERLINK("http://evil.example","x")', "+62 811", "-1", "@SUM(A1)", "<script>alert(1)</script>",
            "<b>bold</b>", "\tcmd", "\nline", "\r=1+1", "  spaced  ",
            "ctrl\x0bchar", "literal _x000D_ text", "👩🏽‍🌾 Perempuan · ع"]

    def fn(wb):
        ws = wb["observations"]
        for i, text in enumerate(evil):
            c = ws.cell(2 + i, _col(ws, "note_en"))
            c.value = xml_escape_text(text)  # as Excel stores a CR: _x000D_
            c.data_type = "s"  # typed as text, as a spreadsheet stores a quoted entry
    path = _edit(src, tmp_path / "text.xlsx", fn)
    out = tmp_path / "live"
    shutil.copytree(root, out)
    v, problems = ingest(path, root=out)
    assert not problems, [str(p) for p in problems]
    notes = snapshot.load_snapshot(root=out)["observations"]["note_en"].tolist()[:len(evil)]
    assert notes == evil
    exported = tmp_path / "again.xlsx"
    export(exported, root=out)
    ws = openpyxl.load_workbook(exported)["observations"]
    col = _col(ws, "note_en")
    for i, text in enumerate(evil):
        c = ws.cell(2 + i, col)
        assert xml_unescape_text(c.value) == text and c.data_type == "s"
        if text[0] in "=+-@\t\r\n":
            assert c.quotePrefix
    # re-ingesting the export gives identical tables again
    again = tmp_path / "again-root"
    v, problems = ingest(exported, root=again)
    assert not problems
    assert seed.tables_equal(dict(snapshot.load_snapshot(root=out).tables),
                             dict(snapshot.load_snapshot(root=again).tables))


def test_template_examples_are_ignored_and_delete_marker_removes(seeded, tmp_path):
    root, _ = seeded
    live = tmp_path / "live"
    shutil.copytree(root, live)
    tpl = write_template(tmp_path / "t.xlsx", root=live)
    wb = openpyxl.load_workbook(tpl)
    assert wb["daftar_lists"].sheet_state == "hidden"
    assert "Petunjuk-Instructions" in wb.sheetnames and "kode_wilayah" in wb.sheetnames
    ins = "\n".join(str(c.value) for c in wb["Petunjuk-Instructions"]["A"] if c.value)
    assert "BAHASA INDONESIA" in ins and "ENGLISH" in ins
    ws = wb["observations"]
    assert ws.cell(2, 1).value == "CONTOH/EXAMPLE" and ws.cell(2, 2).font.italic
    assert ws.cell(1, _col(ws, "place_code")).comment is not None
    sqrefs = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    lists = wb["daftar_lists"]
    list_letter = {c.value: c.column_letter for c in lists[1] if c.value}

    def dropdown(sheet, column):
        letter = openpyxl.utils.get_column_letter(_col(sheet, column))
        hits = [f for k, f in ((str(dv.sqref), dv.formula1) for dv in sheet.data_validations.dataValidation)
                if k.startswith(letter + "2:")]
        assert len(hits) == 1, (sheet.title, column, hits)
        return hits[0]

    def list_values(key):
        col = list_letter[key]
        return {c.value for c in lists[col][1:] if c.value}

    # each id column offers exactly the ids of the table it refers to
    for column, key in (("indicator_id", "indicators.indicator_id"), ("partner_id", "partners.partner_id"),
                        ("theme_id", "themes.theme_id"), ("scheme_id", "schemes.scheme_id"),
                        ("programme_id", "programmes.programme_id")):
        f = dropdown(ws, column)
        assert f.startswith("'daftar_lists'!$" + list_letter[key] + "$2:"), (column, f)
    assert list_values("partners.partner_id") >= {"kapal-perempuan", "pekka", "kpi", "migrant-care", "kemitraan"}
    assert list_values("schemes.scheme_id") >= {"jkn-kis", "kip", "birth-certificate", "pkh", "bpnt"}
    assert "masyarakat-adat" in list_values("themes.theme_id")
    # place codes: the official province and regency codes of sheet kode_wilayah
    f = dropdown(ws, "place_code")
    codes = wb["kode_wilayah"]
    n_codes = sum(1 for r in codes.iter_rows(min_row=2, values_only=True) if r[2] in ("province", "regency"))
    assert f == f"'kode_wilayah'!$A$2:$A${n_codes + 1}"
    assert {codes.cell(2, 1).value, codes.cell(n_codes + 1, 3).value} == {"11", "regency"}
    assert "73.10" in {r[0] for r in codes.iter_rows(min_row=2, values_only=True)}
    for sheet, column in (("policies", "place_code"), ("presence", "place_code"), ("presence", "partner_id"),
                          ("initiatives", "theme_id"), ("partner_themes", "partner_id")):
        assert dropdown(wb[sheet], column)
    assert dropdown(wb["policies"], "date_precision").startswith("'daftar_lists'!$" +
                                                                 list_letter["enum.date_precision"])
    assert list_values("enum.date_precision") == {"day", "month", "year", "by_month", "by_year"}
    assert sqrefs
    _append_obs(ws, **{MARKER: None, "observation_id": "added-1", "value": 7})
    ws.append([])
    ws.cell(ws.max_row + 1, 1).value = "HAPUS/DELETE"
    ws.cell(ws.max_row, _col(ws, "observation_id")).value = "mampu-groups-studied-2017"
    wb.save(tpl)
    v, problems = ingest(tpl, root=live)
    assert not problems, [str(p) for p in problems]
    obs = snapshot.load_snapshot(root=live)["observations"]
    ids = set(obs.observation_id)
    assert "added-1" in ids and "mampu-groups-studied-2017" not in ids
    assert len(obs) == 32  # +1 added, -1 deleted, example ignored
    empty = write_template(tmp_path / "empty.xlsx", root=live)
    v, problems = ingest(empty, root=live)
    assert v is None and "no data rows" in str(problems[0])


def test_overflowing_numbers_fail_the_dry_run_and_the_cli_without_a_traceback(seeded, tmp_path, monkeypatch,
                                                                               capsys):
    from data.cli import main

    root, src = seeded

    def fn(wb):
        ws = wb["observations"]
        ws.cell(3, _col(ws, "value")).value = "1e400"
    path = _edit(src, tmp_path / "big.xlsx", fn)
    before = _state(root)
    monkeypatch.setenv("PETA_DATA_DIR", str(root))
    for args in (["ingest", str(path), "--dry-run"], ["ingest", str(path)]):
        assert main(args) == 1
        out = capsys.readouterr().out
        assert "Sheet 'observations', row 3, column 'value'" in out and "'1e400'" in out
        assert "too large to store" in out and "What to do:" in out
        assert "input is valid" not in out and "Traceback" not in out
    assert _state(root) == before


def test_the_storage_check_catches_what_the_rules_miss(seeded, tmp_path, monkeypatch):
    """Last line of defence: with the number rule switched off, the value that publish would refuse is
    still reported by validate (so --dry-run never says valid for input publish would refuse)."""
    from data import ingest as ingest_mod

    root, src = seeded

    def fn(wb):
        ws = wb["observations"]
        ws.cell(3, _col(ws, "value")).value = "1e400"
    path = _edit(src, tmp_path / "big.xlsx", fn)
    monkeypatch.setattr(ingest_mod, "_special_numbers", lambda raw, rows, columns: [])
    frames, problems, _ = validate(path, root=root)
    assert frames is None
    assert any(p.sheet == "observations" and "cannot be stored" in p.message for p in problems), \
        [str(p) for p in problems]


def test_publish_errors_are_reported_without_a_traceback(seeded, tmp_path, monkeypatch, capsys):
    from data.cli import main

    root, src = seeded
    live = tmp_path / "live"
    shutil.copytree(root, live)
    before = _state(live)

    def refuse(*a, **k):
        raise snapshot.SnapshotError("observations: the table read back differs from the one written")
    monkeypatch.setattr(snapshot, "publish", refuse)
    monkeypatch.setenv("PETA_DATA_DIR", str(live))
    assert main(["ingest", str(src)]) == 1
    out = capsys.readouterr().out
    assert "ingest failed: observations: the table read back differs" in out
    assert f"Nothing was published; the live version is still {snapshot.current_version(live)}." in out
    assert _state(live) == before

    def disk_full(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(snapshot, "publish", disk_full)
    assert main(["ingest", str(src)]) == 1
    assert "No space left on device" in capsys.readouterr().out


def test_a_damaged_live_version_is_not_silently_replaced(seeded, tmp_path):
    """Merging into an unreadable live version would drop every table the input lacks: refuse."""
    root, src = seeded
    live = tmp_path / "live"
    shutil.copytree(root, live)
    v = snapshot.current_version(live)
    p = live / "versions" / v / "presence.parquet"
    p.write_bytes(p.read_bytes()[:-20])
    snapshot._load_cached.cache_clear()
    before = _state(live)
    wb = tmp_path / "one.xlsx"

    def fn(book):
        for name in list(book.sheetnames):
            if name not in ("observations", "Petunjuk-Instructions", "kode_wilayah", "daftar_lists"):
                del book[name]
    _edit(src, wb, fn)
    version, problems = ingest(wb, root=live)
    assert version is None
    assert any("live version cannot be read" in p.message and "rollback" in p.action for p in problems)
    assert _state(live) == before


def test_numeric_cells_with_three_decimals_round_trip(seeded, tmp_path):
    """12.345 stored as a number cell is a number, not an ambiguous '12.345' typed as text."""
    root, _ = seeded
    snap = snapshot.load_snapshot(root=root)
    tables = {n: snap[n].copy() for n in TABLE_ORDER}
    obs = tables["observations"]
    obs.loc[obs.index[0], "value"] = 12.345
    obs.loc[obs.index[1], "value"] = 0.125
    obs.loc[obs.index[2], "value"] = 1.5
    src_root = tmp_path / "src"
    snapshot.publish(tables, root=src_root)
    xlsx = export(tmp_path / "decimals.xlsx", root=src_root)
    ws = openpyxl.load_workbook(xlsx)["observations"]
    assert ws.cell(2, _col(ws, "value")).value == 12.345 and ws.cell(2, _col(ws, "value")).data_type == "n"
    out = tmp_path / "out"
    v, problems = ingest(xlsx, root=out)
    assert not problems, [str(p) for p in problems]
    a, b = snapshot.load_snapshot(root=src_root), snapshot.load_snapshot(root=out)
    for name in TABLE_ORDER:
        assert snapshot.to_arrow(name, a[name]).equals(snapshot.to_arrow(name, b[name])), name
    assert sorted(b["observations"]["value"].head(3)) == [0.125, 1.5, 12.345]


def test_validate_reports_progress_per_sheet_and_every_n_rows(seeded, monkeypatch):
    from data import ingest as ingest_mod

    root, src = seeded
    monkeypatch.setattr(ingest_mod, "PROGRESS_ROWS", 10)
    lines: list[str] = []
    frames, problems, _ = validate(src, root=root, progress=lines.append)
    assert frames is not None and not problems
    text = "\n".join(lines)
    assert lines[0].startswith("opening export.xlsx")
    for name in TABLE_ORDER:
        assert f"reading sheet '{name}'" in text, name
    assert "checking sheet 'observations' (32 rows)" in text
    assert "'observations': 10 of 32 rows read" in text and "'observations': 30 of 32 rows read" in text
    assert "cross-table rules: observations (32 rows)" in text and "observations: 30 of 32 rows checked" in text
    assert "comparing with the live version" in text and lines[-1] == "checking that every table can be stored"
    # without a callback nothing is printed and the result is the same
    assert validate(src, root=root)[1] == []
