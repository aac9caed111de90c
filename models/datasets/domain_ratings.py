"""Lin et al. 2023 aggregate news-domain quality ratings (`domain_ratings/domain_ratings.csv`).

`pc1` in [0, 1], 0 = lowest quality, plus the component ratings. Rows are keyed by `normalise_host`.
Rows that rate a path (`facebook.com/<page>`, `yahoo.com/news`, 46 of them) rate a page or section,
not the host, and are dropped. When several rows normalise to one host (`cnn.com`,
`edition.cnn.com`; alias `westernjournalism.com`), the row already spelled as the canonical host wins;
otherwise their mean is used. `n_rows` counts the rows merged.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from credibly.hosts import normalise_host
from credibly.models.datasets._common import DEFAULT_DATA_DIR


def load_domain_ratings(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """One row per normalised host: `host`, `pc1`, component ratings and `n_rows`."""
    raw = pd.read_csv(Path(data_dir) / "domain_ratings" / "domain_ratings.csv")
    raw = raw[~raw["domain"].str.contains("/", regex=False)].copy()
    raw["host"] = raw["domain"].map(normalise_host)
    raw = raw[raw["host"] != ""]
    exact = raw["domain"].str.lower() == raw["host"]
    preferred = raw[exact | ~raw["host"].isin(raw.loc[exact, "host"])]
    numeric = preferred.drop(columns=["domain"]).groupby("host", sort=False)
    ratings = numeric.mean()
    ratings["n_rows"] = raw.groupby("host", sort=False).size()
    return ratings.reset_index()


def rating_lookup(ratings: pd.DataFrame, column: str = "pc1") -> dict[str, float]:
    """Mapping host -> rating column, for joining onto article sources."""
    return dict(zip(ratings["host"], ratings[column], strict=True))
