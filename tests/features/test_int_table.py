"""The integer hash table: every key finds its row, absent keys find -1, long probe runs included."""

from __future__ import annotations

import numpy as np
import pytest

from credibly.features.int_table import _STRAGGLERS, IntTable, _slot


def test_every_key_finds_its_row_and_absent_keys_find_none() -> None:
    rng = np.random.default_rng(3)
    keys = rng.choice(1 << 50, size=5000, replace=False).astype(np.int64)
    table = IntTable.build(keys)
    probe = np.concatenate([keys[::-1], keys[:100] + (1 << 51)])
    rows = table.find(probe)
    assert rows[:5000].tolist() == list(range(4999, -1, -1))
    assert (rows[5000:] == -1).all()


def test_keys_sharing_one_home_slot_are_found_past_the_vectorised_rounds() -> None:
    # Keys chosen to hash to one slot form a probe run longer than the vectorised rounds handle.
    size = 1 << max(4, (4 * 3 * _STRAGGLERS).bit_length())
    candidates = np.arange(1, 200_000, dtype=np.int64)
    home = _slot(candidates, size - 1)
    clash = candidates[home == np.bincount(home).argmax()][: 3 * _STRAGGLERS]
    assert len(clash) > _STRAGGLERS
    table = IntTable.build(clash)
    assert table.find(clash).tolist() == list(range(len(clash)))
    assert table.find(np.array([0], dtype=np.int64)).tolist() == [-1]


def test_an_empty_table_finds_nothing_and_negative_keys_are_refused() -> None:
    assert IntTable.build(np.zeros(0, dtype=np.int64)).find(np.array([5], dtype=np.int64)).tolist() == [-1]
    with pytest.raises(ValueError):
        IntTable.build(np.array([3, -1], dtype=np.int64))
