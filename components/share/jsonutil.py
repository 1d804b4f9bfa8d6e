"""DataFrame -> JSON-ready records (dates as ISO strings, missing values as null)."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd


def jsonable(v):
    """One cell as a JSON value."""
    if v is None:
        return None
    # exact types only: orjson refuses subclasses (numpy.str_, IntEnum, ...)
    if isinstance(v, bool):
        return bool(v)
    if isinstance(v, str):
        return str(v)
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return float(v) if math.isfinite(v) else None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if hasattr(v, "item"):
        return jsonable(v.item())
    return str(v)


def records(df: pd.DataFrame) -> list[dict]:
    """All rows as dicts of JSON values, in column order."""
    cols = [str(c) for c in df.columns]
    return [{c: jsonable(v) for c, v in zip(cols, row)} for row in df.itertuples(index=False, name=None)]
