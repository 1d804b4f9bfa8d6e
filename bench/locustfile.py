"""Locust users for ``peta-inklusi bench`` (run headless by bench/run.py, loopback only).

Environment (set by bench/run.py):
- ``PETA_BENCH_PAGES``: JSON list of page paths to GET (e.g. ["/", "/peta"]);
- ``PETA_BENCH_CALLBACKS``: path of a JSON file with Dash callback request
  bodies captured from a real browser session (``_dash-update-component``);
- ``PETA_BENCH_MIX``: "mixed" (pages + layout + callbacks) or "callbacks".
"""

from __future__ import annotations

import json
import os
import random

from locust import HttpUser, between, task

_PAGES = json.loads(os.environ.get("PETA_BENCH_PAGES", '["/"]'))
_MIX = os.environ.get("PETA_BENCH_MIX", "mixed")


def _callbacks() -> list[dict]:
    path = os.environ.get("PETA_BENCH_CALLBACKS")
    if not path or not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


_CALLBACKS = _callbacks()
_HEADERS = {"Accept-Encoding": "gzip, deflate, br", "Content-Type": "application/json"}


class Visitor(HttpUser):
    """A visitor who opens pages and changes filters (think time 0.5-2 s)."""

    wait_time = between(0.5, 2.0)

    @task(3)
    def page(self):
        if _MIX == "callbacks" and _CALLBACKS:
            return self.callback()
        path = random.choice(_PAGES)
        self.client.get(path, headers=_HEADERS, name=f"GET {path}")

    @task(2)
    def layout(self):
        if _MIX == "callbacks" and _CALLBACKS:
            return self.callback()
        self.client.get("/_dash-layout", headers=_HEADERS, name="GET /_dash-layout")

    @task(5)
    def callback(self):
        if not _CALLBACKS:
            return self.client.get(random.choice(_PAGES), headers=_HEADERS, name="GET page (no callback captured)")
        body = random.choice(_CALLBACKS)
        with self.client.post("/_dash-update-component", data=body, headers=_HEADERS,
                              name="POST callback", catch_response=True) as resp:
            if resp.status_code in (200, 204):
                resp.success()
            else:
                resp.failure(f"status {resp.status_code}")
