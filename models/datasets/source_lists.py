"""Source-level reference lists: Media Bias/Fact Check factuality (Baly et al. 2018, 2020).

`source_lists/mbfc_baly_acl2020.tsv` and `mbfc_baly_emnlp2018.tsv` rate outlets' factual reporting
as high / mixed / low. Hosts are normalised as everywhere else; where both releases rate a host, the
newer (ACL 2020) one wins. Used only to check per-publisher mean scores, never as labels.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from credibly.hosts import normalise_host
from credibly.models.datasets._common import DEFAULT_DATA_DIR

FACTUALITY = {"low": 0.0, "mixed": 1.0, "high": 2.0}
_FILES = ("mbfc_baly_emnlp2018.tsv", "mbfc_baly_acl2020.tsv")  # later files win


def load_mbfc_factuality(data_dir: Path = DEFAULT_DATA_DIR) -> dict[str, float]:
    """Host -> MBFC factuality as 0 (low), 1 (mixed), 2 (high); empty when the lists are absent."""
    out: dict[str, float] = {}
    for name in _FILES:
        path = Path(data_dir) / "source_lists" / name
        if not path.exists():
            continue
        table = pd.read_csv(path, sep="\t", dtype=str)
        for raw, fact in zip(table["source_url_normalized"], table["fact"]):
            host = normalise_host(str(raw))
            value = FACTUALITY.get(str(fact).strip().lower())
            if host and value is not None:
                out[host] = value
    return out
