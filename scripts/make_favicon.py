"""Write assets/favicon.ico: Peta Inklusi's icon, a white map pin on the site's blue.

Drawn here pixel by pixel (no image library needed) as a 32x32 PNG inside an ICO
container, about 300 bytes; without it Dash serves its own (Plotly's) 4 KB icon.
Run: .venv/bin/python scripts/make_favicon.py (the output is committed).
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

SIZE = 32
BRAND = (0x0B, 0x53, 0x94)
WHITE = (255, 255, 255)
OUT = Path(__file__).resolve().parent.parent / "assets" / "favicon.ico"


def _coverage(x: float, y: float) -> float:
    """1 inside the pin (a ring on a point), 0 outside, for one sample point."""
    cx, cy, r = 16.0, 13.0, 8.5
    d = math.hypot(x - cx, y - cy)
    # the point: the tangents from (16, 28.5) to the circle
    tip_y = 28.5
    in_point = cy <= y <= tip_y and abs(x - cx) <= r * (tip_y - y) / (tip_y - cy) * 0.95
    return 1.0 if (d <= r or in_point) and d > 3.4 else 0.0


def _rounded_square(x: float, y: float) -> bool:
    r = 6.0
    qx, qy = min(x, SIZE - x), min(y, SIZE - y)
    return not (qx < r and qy < r and math.hypot(r - qx, r - qy) > r)


def pixels() -> list[list[tuple[int, int, int, int]]]:
    rows = []
    n = 4  # 4x4 samples per pixel: smooth edges
    for py in range(SIZE):
        row = []
        for px in range(SIZE):
            pin = bg = 0.0
            for sy in range(n):
                for sx in range(n):
                    x, y = px + (sx + 0.5) / n, py + (sy + 0.5) / n
                    bg += _rounded_square(x, y)
                    pin += _coverage(x, y)
            pin, bg = pin / n / n, bg / n / n
            rgb = tuple(round(b * (1 - pin) + w * pin) for b, w in zip(BRAND, WHITE))
            row.append((*rgb, round(255 * max(bg, pin))))
        rows.append(row)
    return rows


def png(rows: list[list[tuple[int, int, int, int]]]) -> bytes:
    raw = b"".join(b"\0" + bytes(v for px in row for v in px) for row in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def ico(image: bytes) -> bytes:
    header = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", SIZE, SIZE, 0, 0, 1, 32, len(image), 6 + 16)
    return header + entry + image


def main() -> None:
    OUT.write_bytes(ico(png(pixels())))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
