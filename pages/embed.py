"""/embed/<chart-id>: just the chart card, for other sites' iframes.

Same query as the page (``data.filters``), either language, no navigation:
the card (title, map/chart/table views, source line, data date, downloads),
a link back to the full view (new tab), the illustrative banner when it
applies, and — for an embed pinned to a data version with ``v=`` — a note
when a newer version exists. ``assets/embed-resize.js`` posts the content
height to the host page (``{"type": "peta-inklusi:resize", "height": N}``).
Only /embed/* may be framed (``components.share.framing``).
"""

from __future__ import annotations

import dash
from dash import html

from components import state
from components.chart_card import chart_card
from components.share import embed_view
from components.specs import REGISTRY


def layout(chart_id: str | None = None, **query):
    st = state.from_query(query)
    f = st.filters
    if st.snapshot is None or chart_id not in REGISTRY:
        return embed_view.missing(chart_id or "", f.lang, has_data=st.snapshot is not None)
    # the view the link asked for (tab=, as the card's Embed code and image links write it);
    # links inside open in a new tab: the dashboard never runs inside another site's frame
    card = chart_card(chart_id, f, st.snapshot, heading="h2", view=embed_view.initial_view(chart_id, f),
                      embed=True)
    return embed_view.frame(chart_id, f, st.snapshot, st.notices, card)


dash.register_page(__name__, path_template="/embed/<chart_id>", title="Peta Inklusi", name="Embed",
                   layout=layout)
