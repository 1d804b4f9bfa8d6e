"""Attribution and licence text for the boundaries and the official codes (shown by the UI).

The English boundary line is built from the geoBoundaries metadata (see
../shared/geo/source/README.md); CC BY 3.0 IGO also asks us to say what we
changed, hence the last sentence. Constants only: no I/O.
"""

from __future__ import annotations

LANGS = ("id", "en")

BOUNDARIES_LICENCE = {
    "name": "CC BY 3.0 IGO",
    "title": "Creative Commons Attribution 3.0 IGO",
    "url": "https://creativecommons.org/licenses/by/3.0/igo/",
}
CODES_LICENCE = {
    "name": "ODbL 1.0",
    "title": "Open Database License (ODbL) v1.0",
    "url": "https://opendatacommons.org/licenses/odbl/1-0/",
}
BOUNDARIES_SOURCE_URL = "https://www.geoboundaries.org/"
BOUNDARIES_HDX_URL = ("https://data.humdata.org/dataset/"
                      "indonesia-administrative-boundary-polygons-lines-and-places-levels-0-4b")
CODES_SOURCE_URL = "https://www.npmjs.com/package/idn-area-data"

_BOUNDARIES = {
    "en": ("Boundaries: BPS – Statistics Indonesia, World Food Programme and OCHA ROAP (via HDX), "
           "distributed by geoBoundaries (wmgeolab), gbOpen IDN ADM2, boundaryID IDN-ADM2-22746128; "
           "licensed CC BY 3.0 IGO. Simplified and joined to Kemendagri codes by Peta Inklusi."),
    "id": ("Batas wilayah: BPS – Badan Pusat Statistik, World Food Programme dan OCHA ROAP (melalui HDX), "
           "didistribusikan oleh geoBoundaries (wmgeolab), gbOpen IDN ADM2, boundaryID IDN-ADM2-22746128; "
           "lisensi CC BY 3.0 IGO. Disederhanakan dan digabungkan dengan kode Kemendagri oleh Peta Inklusi."),
}
_CODES = {
    "en": "Administrative codes: idn-area-data 4.0.1 (ODbL), from Kemendagri",
    "id": "Kode wilayah administrasi: idn-area-data 4.0.1 (ODbL), dari Kemendagri",
}


def _lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; use one of {LANGS}")
    return lang


def boundaries_credit(lang: str = "id") -> str:
    """The attribution line to show with any map or boundary download."""
    return _BOUNDARIES[_lang(lang)]


def codes_credit(lang: str = "id") -> str:
    """The attribution line for the official code and name tables."""
    return _CODES[_lang(lang)]


def licences() -> dict[str, dict[str, str]]:
    """Licence name, title and URL per dataset ("boundaries", "codes"), as fresh dicts."""
    return {"boundaries": dict(BOUNDARIES_LICENCE), "codes": dict(CODES_LICENCE)}
