"""BuzzFeed-Webis Fake News Corpus 2016 (Potthast et al. 2018): `articles/*.xml`.

Veracity (article level, professional fact-checkers): "mostly true" -> 1; "mostly false" and
"mixture of true and false" -> 0 (a mixed article is not reliable); "no factual content" -> excluded.
Source is the Facebook publisher (`portal`, 9 of them) mapped to its own host, so that grouping is
leave-one-publisher-out and matches the same publishers in FakeNewsNet; the linked article's `uri`
is kept in `url`. Plain text is `mainText` split at the `<paragraph>` spans (UTF-16 offsets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from lxml import etree

from credibly.models.datasets._common import DEFAULT_DATA_DIR, NAN, clean_text, make_frame

CORPUS = "buzzfeed_webis"
LABELS: dict[str, float] = {
    "mostly true": 1.0,
    "mostly false": 0.0,
    "mixture of true and false": 0.0,
    "no factual content": NAN,
}
PORTAL_HOSTS: dict[str, str] = {
    "abc": "abcnews.go.com",
    "cnn": "cnn.com",
    "politico": "politico.com",
    "addicting-info": "addictinginfo.org",
    "occupy-democrats": "occupydemocrats.com",
    "the-other-98": "other98.com",
    "eagle-rising": "eaglerising.com",
    "freedom-daily": "freedomdaily.com",
    "right-wing-news": "rightwingnews.com",
}


def load_buzzfeed_webis(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """Load every article XML of the BuzzFeed-Webis corpus into the common schema."""
    files = sorted((Path(data_dir) / "buzzfeed_webis_2016" / "articles").glob("*.xml"))
    if not files:
        raise FileNotFoundError(f"no BuzzFeed-Webis articles under {data_dir}")
    return make_frame(_record(path) for path in files)


def _record(path: Path) -> dict[str, Any]:
    """One article record from one XML file."""
    root = etree.parse(str(path)).getroot()
    portal = (root.findtext("portal") or "").strip()
    veracity = (root.findtext("veracity") or "").strip().lower()
    return {
        "id": f"bfw:{path.stem}",
        "text": _paragraph_text(root),
        "html": None,
        "title": clean_text(root.findtext("title")),
        "url": (root.findtext("uri") or "").strip() or None,
        "source": PORTAL_HOSTS.get(portal, portal),
        "source_known": bool(portal),
        "corpus": CORPUS,
        "subset": (root.findtext("orientation") or "").strip(),
        "published": None,
        "label": LABELS.get(veracity, NAN),
        "label_raw": veracity,
        "label_kind": "article",
    }


def _paragraph_text(root: etree._Element) -> str:
    """`mainText` with a blank line between `<paragraph>` spans, whose offsets count UTF-16 code units."""
    main = root.findtext("mainText") or ""
    spans = [(int(p.findtext("start")), int(p.findtext("end"))) for p in root.findall("paragraph")]
    if not spans:
        return clean_text(main)
    units = main.encode("utf-16-le")
    parts = (units[2 * start : 2 * end].decode("utf-16-le", errors="ignore").strip() for start, end in spans)
    return clean_text("\n\n".join(part for part in parts if part))
