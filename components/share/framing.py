"""Who may frame what: only ``/embed/*`` may be shown inside other sites' iframes.

Implemented as a small WSGI middleware around the Flask app so it runs AFTER
every Flask ``after_request`` hook (including the security-header code in
app.py), whatever the registration order:

- ``/embed/...`` documents: the CSP ``frame-ancestors`` directive becomes
  ``*`` (other directives of the existing policy are kept) and
  ``X-Frame-Options`` is removed (it cannot express "any site");
- every other response: ``frame-ancestors 'none'`` is ensured in the CSP and
  ``X-Frame-Options: DENY`` is set, so the dashboard itself cannot be framed
  (click-jacking).
"""

from __future__ import annotations

EMBED_PREFIX = "/embed/"


def set_frame_ancestors(csp: str | None, value: str) -> str:
    """``csp`` with its ``frame-ancestors`` directive replaced by (or extended with) ``value``."""
    directives = [d.strip() for d in (csp or "").split(";") if d.strip()]
    kept = [d for d in directives if d.split()[0].lower() != "frame-ancestors"]
    kept.append(f"frame-ancestors {value}")
    return "; ".join(kept)


def is_embed_path(path: str) -> bool:
    return path.startswith(EMBED_PREFIX) or path == EMBED_PREFIX.rstrip("/")


def frame_headers(path: str, headers: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Response headers with the framing rule for ``path`` applied (pure)."""
    embed = is_embed_path(path)
    out, csp_seen = [], False
    for name, value in headers:
        low = name.lower()
        if low == "x-frame-options":
            continue
        if low == "content-security-policy":
            csp_seen = True
            value = set_frame_ancestors(value, "*" if embed else "'none'")
        out.append((name, value))
    if not csp_seen:
        out.append(("Content-Security-Policy", f"frame-ancestors {'*' if embed else chr(39) + 'none' + chr(39)}"))
    if not embed:
        out.append(("X-Frame-Options", "DENY"))
    return out


class FramingMiddleware:
    """WSGI middleware applying :func:`frame_headers` to every response."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "") or ""

        def _start(status, headers, exc_info=None):
            return start_response(status, frame_headers(path, list(headers)), exc_info)

        return self.wsgi_app(environ, _start)
