"""The app's own form controls over the Flask test client: no dash-bootstrap-components anywhere, the
widgets' script served from assets/, their server HTML in the pages and Dash's layout naming them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.integration.test_app import client, dash_app  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[2]
BR = {"Accept-Encoding": "gzip, deflate, br"}


def test_pages_load_no_bootstrap_bundle_and_the_widgets_script_once(client):
    for path in ("/", "/peta", "/kebijakan", "/embed/tren"):
        body = client.get(path).get_data(as_text=True)
        assert "dash_bootstrap_components" not in body and "bootstrap" not in body.lower(), path
        scripts = re.findall(r'<script src="([^"]+)"', body)
        widgets = [s for s in scripts if "/assets/peta-widgets.js" in s]
        assert len(widgets) == 1, (path, scripts)
        # after React (it uses window.React) and before Dash's renderer (which looks the namespace up)
        react = next(i for i, s in enumerate(scripts) if "/deps/react@" in s)
        renderer = next(i for i, s in enumerate(scripts) if "dash_renderer" in s)
        assert react < scripts.index(widgets[0]) < renderer, scripts
        # no component suite of the project's own package
        assert not any("_dash-component-suites/components" in s for s in scripts)


def test_the_widgets_script_is_small_compressed_and_cached(client):
    body = client.get("/peta").get_data(as_text=True)
    src = re.search(r'<script src="(/assets/peta-widgets\.js\?m=[^"]+)"', body).group(1)
    r = client.get(src, headers=BR)
    assert r.status_code == 200 and r.headers["Content-Encoding"] == "br"
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert len(r.get_data()) < 2500
    import brotli
    assert brotli.decompress(r.get_data()) == (ROOT / "assets" / "peta-widgets.js").read_bytes()


def test_dash_layout_names_the_widgets(client):
    layout = client.get("/_dash-layout",
                        headers={"Referer": "http://localhost/peta?province=73"}).get_data(as_text=True)
    assert "dash_bootstrap_components" not in layout
    data = json.loads(layout)
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if node.get("namespace") == "peta_widgets":
                found[json.dumps(node["props"].get("id"), sort_keys=True)] = node
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(data)
    level = found['"peta-level"']
    assert level["type"] == "RadioItems" and level["props"]["value"] == "regency" and level["props"]["name"] == "level"
    assert found['"peta-province"']["type"] == "Select" and found['"peta-province"']["props"]["value"] == "73"
    assert found['"peta-tab"']["props"]["name"] == "tab"
    card_tab = found[json.dumps({"chart": "tren", "type": "card-tab"}, sort_keys=True)]
    assert card_tab["type"] == "RadioItems" and "name" not in card_tab["props"]
    config = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>',
                       client.get("/peta").get_data(as_text=True), re.S).group(1)
    assert json.loads(config)["children_props"]["peta_widgets"] == {"RadioItems": [], "Select": [], "Input": []}


def test_server_html_of_the_filters(client):
    body = client.get("/peta?province=73").get_data(as_text=True)
    form = body[body.index('<form method="get"'):body.index("</form>")]
    names = set(re.findall(r' name="([^"]+)"', form))
    assert {"indicator", "level", "province", "programme", "theme", "partner", "period", "sex", "scheme"} <= names
    assert '<select id="peta-province" name="province" class="form-select">' in form
    assert '<option value="73" selected>Sulawesi Selatan</option>' in form
    assert ('<input type="radio" id="peta-level-1" name="level" value="regency" checked '
            'class="form-check-input btn-check"><label for="peta-level-1" '
            'class="form-check-label btn btn-outline active">') in form
    assert " disabled" not in form
    # the page's own view switch is the tab field; another card's switch only works with JavaScript
    assert re.search(r'id="peta-tab-0" name="tab" value="map" checked class', body)
    assert re.search(r'name="\{&quot;chart&quot;:&quot;tren&quot;,&quot;type&quot;:&quot;card-tab&quot;\}" '
                     r'value="chart" checked disabled', body)
    search = client.get("/kebijakan?q=sukabumi").get_data(as_text=True)
    assert ('<label class="form-label" for="kebijakan-q">Cari</label><input id="kebijakan-q" type="search" '
            'name="q" value="sukabumi" placeholder="judul, wilayah, instrumen…" maxlength="80" '
            'class="form-control">') in search


def test_the_app_runs_without_dash_bootstrap_components(seed_dir):
    """Nothing imports it any more (it may still be installed in an old virtualenv: block it)."""
    code = (
        "import sys\n"
        "sys.modules['dash_bootstrap_components'] = None  # any import of it now fails\n"
        "import app\n"
        "c = app.server.test_client()\n"
        "for p in ('/', '/peta', '/kebijakan', '/perlindungan-sosial', '/mitra', '/embed/tren'):\n"
        "    assert c.get(p).status_code == 200, p\n"
        "assert c.get('/_dash-layout', headers={'Referer': 'http://localhost/kebijakan'}).status_code == 200\n"
        "import pkgutil, importlib\n"
        "for pkg in ('components', 'pages', 'data', 'geo'):\n"
        "    for m in pkgutil.walk_packages(importlib.import_module(pkg).__path__, pkg + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PETA_DATA_DIR": str(seed_dir), "PATH": "/usr/bin:/bin"}, cwd=str(ROOT))
    assert out.returncode == 0 and out.stdout.strip().endswith("ok"), out.stderr[-3000:]


def test_no_dependency_or_import_of_the_bootstrap_package():
    import tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = project["dependencies"] + [d for ds in project["optional-dependencies"].values() for d in ds]
    assert not [d for d in deps if "bootstrap" in d.lower()]
    tracked = subprocess.run(["git", "ls-files", "*.py"], capture_output=True, text=True, cwd=str(ROOT)).stdout.split()
    imports = re.compile(r"^\s*(?:import|from)\s+dash_bootstrap_components\b", re.M)
    assert [rel for rel in tracked if (ROOT / rel).exists()
            and imports.search((ROOT / rel).read_text(encoding="utf-8", errors="replace"))] == []
