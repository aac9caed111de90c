"""Loaders for the reference corpora in ../shared/data, each read in its native format.

Every article loader returns one row per item with the columns in `COLUMNS`: `id` (corpus-prefixed),
`text` (plain), `html` (hyperpartisan only), `title`, `url`, `source` (normalised publisher host, the
group key for source-disjoint CV), `source_known`, `corpus`, `subset`, `published`, `label`
(1 reliable, 0 unreliable, NaN excluded), `label_raw`, `label_kind` (article / source / proxy).

Label mapping:
- BuzzFeed-Webis (article): mostly true -> 1; mostly false, mixture of true and false -> 0;
  no factual content -> excluded.
- FakeNewsNet v1 (article): real -> 1, fake -> 0.
- Horne 2017: real -> 1, fake -> 0 (Buzzfeed subset: article; Random subset: source list);
  satire -> excluded (`label_raw="satire"`): satire is not presented as news.
- Hyperpartisan (proxy): excluded unless `include_proxy=True`, then hyperpartisan -> 0, not -> 1.

Grouping: unknown publishers get `source="unknown:<corpus>:<text hash>"` (one group per distinct text,
never one giant group; copies share a group); Horne's Random set is grouped per label folder because
its outlets are only known as a list per folder. See each module for its corpus's quirks.
"""

from credibly.hosts import normalise_host
from credibly.models.datasets._common import COLUMNS, DEFAULT_DATA_DIR
from credibly.models.datasets.buzzfeed_webis import load_buzzfeed_webis
from credibly.models.datasets.combine import load_all, load_corpora
from credibly.models.datasets.domain_ratings import load_domain_ratings
from credibly.models.datasets.fakenewsnet import load_fakenewsnet
from credibly.models.datasets.horne2017 import load_horne2017
from credibly.models.datasets.hyperpartisan import load_hyperpartisan

__all__ = [
    "COLUMNS",
    "DEFAULT_DATA_DIR",
    "load_all",
    "load_buzzfeed_webis",
    "load_corpora",
    "load_domain_ratings",
    "load_fakenewsnet",
    "load_horne2017",
    "load_hyperpartisan",
    "normalise_host",
]
