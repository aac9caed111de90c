"""A read-only hash table from non-negative int64 keys to their row (position in the build order), as
NumPy arrays: looking up every key of an article is a few vectorised probes rather than one Python
dict call per key. The fluency classifier's weights and the text term's vocabulary use it, with
n-grams packed into integer codes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_EMPTY = -1  # no key is negative
# Keys still probing when a vectorised round is no longer worth its fixed cost.
_STRAGGLERS = 16
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: spreads packed codes over the table


@dataclass(frozen=True)
class IntTable:
    """Open addressing with linear probing, at most a quarter full (at half full, the longest probe
    runs of an article's keys took a dozen vectorised rounds)."""

    slots: np.ndarray  # the key held in each slot, _EMPTY where none
    rows: np.ndarray  # the row of the key in each slot

    @classmethod
    def build(cls, keys: np.ndarray) -> IntTable:
        """The table of distinct non-negative ``keys``; a key's row is its index in ``keys``. Filled in
        vectorised rounds: round p places each pending key whose home + p slot is free (the first
        such key when several want one), so every key sits after a run of slots that were full
        before it was placed."""
        keys = np.asarray(keys, dtype=np.int64)
        if keys.size and int(keys.min()) < 0:
            raise ValueError("IntTable keys must be non-negative")
        if len(keys) >= 1 << 31:
            raise ValueError("IntTable rows are int32")
        size = 1 << max(4, (4 * len(keys)).bit_length())
        slots = np.full(size, _EMPTY, dtype=np.int64)
        rows = np.zeros(size, dtype=np.int32)
        home = _slot(keys, size - 1)
        pending = np.arange(len(keys))
        probe = 0
        while pending.size:
            at = (home[pending] + probe) & (size - 1)
            free = slots[at] == _EMPTY
            wanted, first = np.unique(at[free], return_index=True)
            placed = pending[free][first]
            slots[wanted], rows[wanted] = keys[placed], placed
            pending = np.setdiff1d(pending, placed, assume_unique=True)
            probe += 1
        return cls(slots, rows)

    def find(self, keys: np.ndarray) -> np.ndarray:
        """The row of each key, -1 for keys not in the table: linear probing from each key's home
        slot until the key or an empty slot, all keys at once; the last few keys of long probe runs
        finish one by one (a vectorised round costs the same for one key as for hundreds)."""
        out = np.full(len(keys), -1, dtype=np.int64)
        slots, mask = self.slots, len(self.slots) - 1
        active = np.arange(len(keys))
        at = _slot(keys, mask)
        while active.size > _STRAGGLERS:
            held = slots[at]
            hit = held == keys[active]
            out[active[hit]] = self.rows[at[hit]]
            going = ~hit & (held != _EMPTY)
            active, at = active[going], (at[going] + 1) & mask
        for i, a in zip(active.tolist(), at.tolist()):
            key = int(keys[i])
            while (held := int(slots[a])) != _EMPTY:
                if held == key:
                    out[i] = self.rows[a]
                    break
                a = (a + 1) & mask
        return out


def _slot(keys: np.ndarray, mask: int) -> np.ndarray:
    """Home slot of each key in a table of ``mask + 1`` (a power of two) slots."""
    bits = np.uint64(64 - int(mask).bit_length())
    return ((keys.astype(np.uint64) * _GOLDEN) >> bits).astype(np.int64)
