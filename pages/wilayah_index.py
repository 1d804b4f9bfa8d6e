"""/wilayah: every province, a way into its profile."""

from __future__ import annotations

import dash
from dash import dcc, html

from components import geodata, shell, state
from components.i18n import t
from components.urls import lang_url

PATH = "/wilayah"


def layout(**query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    links = [html.Li(dcc.Link(name, href=lang_url(f"/wilayah/{code}", lang))) for code, name in
             geodata.places("province")]
    content = [html.H1(t("wilayah.index_h1", lang)), html.P(t("wilayah.index_intro", lang)),
               html.Ul(links, className="link-grid")]
    return shell.page(content, path=PATH, f=f, snapshot=st.snapshot, notices=st.notices)


dash.register_page(__name__, path=PATH, title="Wilayah — Peta Inklusi", name="Wilayah", nav_key="page.wilayah",
                   nav_order=7, layout=layout, description=t("meta.wilayah", "id"))
