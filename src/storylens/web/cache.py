"""A small LRU cache with single flight: concurrent misses for one key compute it once.

Fifty readers opening one big story at the same moment must cost one comparison, not fifty:
the first computes, the others wait for its result (or its error) instead of starting their own.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class _Flight:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None


class SingleFlightCache:
    """LRU bounded by entry count and by a total ``cost`` (e.g. articles or bytes held)."""

    def __init__(
        self, max_items: int = 64, max_cost: int | None = None, max_age: float | None = None
    ) -> None:
        self.max_items = max_items
        self.max_cost = max_cost
        self.max_age = max_age
        """Seconds an entry is served; None keeps it until evicted (for keys that change
        whenever the value would)."""
        self.computed = 0
        """How many values were computed (tests and the load script check single flight)."""
        self._items: OrderedDict[Hashable, tuple[Any, int, float]] = OrderedDict()
        self._cost = 0
        self._flights: dict[Hashable, _Flight] = {}
        self._lock = threading.Lock()

    def get_or_compute(
        self, key: Hashable, compute: Callable[[], Any], cost: Callable[[Any], int] | None = None
    ) -> Any:
        with self._lock:
            if key in self._items and self._fresh(self._items[key][2]):
                self._items.move_to_end(key)
                return self._items[key][0]
            flight = self._flights.get(key)
            leader = flight is None
            if flight is None:
                flight = self._flights[key] = _Flight()
        if not leader:
            flight.done.wait()
            if flight.error is not None:
                raise flight.error
            return flight.value
        try:
            flight.value = compute()  # outside the lock: other keys are not held up
        except BaseException as exc:
            flight.error = exc
            raise
        finally:
            with self._lock:
                self._flights.pop(key, None)
                if flight.error is None:
                    self.computed += 1
                    self._put(key, flight.value, cost(flight.value) if cost else 1)
            flight.done.set()
        return flight.value

    def _fresh(self, stored_at: float) -> bool:
        return self.max_age is None or time.monotonic() - stored_at < self.max_age

    def _put(self, key: Hashable, value: Any, cost: int) -> None:
        if self.max_cost is not None and cost > self.max_cost:
            return  # too big to keep: served once, not cached
        if key in self._items:  # an expired entry being replaced
            self._cost -= self._items.pop(key)[1]
        self._items[key] = (value, cost, time.monotonic())
        self._cost += cost
        while len(self._items) > self.max_items or (
            self.max_cost is not None and self._cost > self.max_cost
        ):
            _, (_, old_cost, _) = self._items.popitem(last=False)
            self._cost -= old_cost

    def __len__(self) -> int:
        return len(self._items)
