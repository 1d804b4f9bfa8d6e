"""A small LRU cache of made bytes (images, downloads), keyed by value.

Keys are tuples of values (chart id, frozen ``Filters``, snapshot key, size,
language, format, base URL), never object identities, so equal requests share
an entry and a new data version never meets a stale one. One cache per app
(``server.extensions["peta_share"].cache``), thread-safe.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class BytesCache:
    def __init__(self, max_items: int = 64, max_bytes: int = 64 * 1024 * 1024):
        self.max_items = max_items
        self.max_bytes = max_bytes
        self._data: OrderedDict[Hashable, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The bytes for ``key``, made once with ``make()`` (least recently used entries go first)."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        data = make()
        with self._lock:
            if key not in self._data and len(data) <= self.max_bytes:
                self._data[key] = data
                self._size += len(data)
            while self._data and (len(self._data) > self.max_items or self._size > self.max_bytes):
                _, old = self._data.popitem(last=False)
                self._size -= len(old)
        return data

    def keys(self) -> list[Hashable]:
        with self._lock:
            return list(self._data)

    def __len__(self) -> int:
        return len(self._data)
