"""/tema: the thematic areas, each a way into its own page."""

from __future__ import annotations

import dash
from dash import html

from components import shell, state
from components.blocks import theme_links
from components.i18n import t

PATH = "/tema"


def layout(**query_args):
    st = state.from_query(query_args)
    f = st.filters
    if st.snapshot is None:
        return shell.no_data_page(PATH, f, t("tema.index_h1", f.lang))
    content = [html.H1(t("tema.index_h1", f.lang)), theme_links(st.snapshot, f.lang)]
    return shell.page(content, path=PATH, f=f, snapshot=st.snapshot, notices=st.notices)


dash.register_page(__name__, path=PATH, title="Area tematik — Peta Inklusi", name="Area tematik",
                   nav_key="page.tema", nav_order=3, layout=layout, description=t("meta.tema", "id"))
