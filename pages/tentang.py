"""/tentang: what Peta Inklusi is and how to use it."""

from __future__ import annotations

import dash
from dash import html

from components import shell, state
from components.i18n import col, t

PATH = "/tentang"


def layout(**query_args):
    st = state.from_query(query_args)
    f = st.filters
    lang = f.lang
    progs = []
    if st.snapshot is not None:
        for _, r in st.snapshot.tables["programmes"].iterrows():
            progs.append(html.Li([html.Strong(f"{r['name']}: "), col(r, "full_name", lang), ". ",
                                  col(r, "description", lang)]))
    content = [
        html.H1(t("tentang.h1", lang)),
        html.P(t("tentang.p1", lang), className="lead"),
        html.P(t("tentang.p2", lang)),
        html.P(t("tentang.p3", lang)),
        html.H2(t("tentang.programmes", lang)),
        html.Ul(progs, className="inline-list"),
        html.H2(t("tentang.how", lang)),
        html.P(t("tentang.how_text", lang)),
    ]
    return shell.page(content, path=PATH, f=f, snapshot=st.snapshot, notices=st.notices)


dash.register_page(__name__, path=PATH, title="Tentang — Peta Inklusi", name="Tentang", nav_key="page.tentang",
                   nav_order=9, layout=layout, description=t("meta.tentang", "id"))
