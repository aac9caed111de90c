"""Horne & Adali 2017, read straight from `Horne2017_FakeNewsData.zip`.

Layout: `Public Data/<Set>/<Label>/<name>.txt` (body) paired with `<Set>/<Label>_titles/<name>.txt`.
Subsets: `Buzzfeed` (article-level fact-checks, real 53 / fake 48) and `Random` (label by the outlet's
list membership, 75 real / 75 fake / 75 satire). Mapping: real -> 1, fake -> 0; satire is excluded
(label NaN, `label_raw="satire"`): satire is not presented as news, so it is neither reliable nor
"unreliable news" in the fact-check sense.

Neither file names nor texts name the outlet reliably (a few satire datelines say "The Borowitz
Report"), so every item has `source_known=False`. Random items are grouped by their label folder
(`unknown:horne2017:random-<label>`): outlets are nested inside folders, so no outlet can straddle
folds, at the price of label-confounded groups; evaluate the Random set on its own or leave it out of
source-grouped CV. Buzzfeed items get one group per distinct text.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from credibly.models.datasets._common import (
    DEFAULT_DATA_DIR,
    NAN,
    clean_text,
    decode_text,
    make_frame,
    unknown_source,
)

CORPUS = "horne2017"
ZIP_NAME = "Horne2017_FakeNewsData.zip"
LABELS: dict[str, float] = {"real": 1.0, "fake": 0.0, "satire": NAN}
_KINDS: dict[str, str] = {"Buzzfeed": "article", "Random": "source"}


def load_horne2017(data_dir: Path = DEFAULT_DATA_DIR) -> pd.DataFrame:
    """Load both Horne 2017 subsets from the released zip, pairing each body with its title file."""
    with zipfile.ZipFile(Path(data_dir) / "horne2017" / ZIP_NAME) as archive:
        names = set(archive.namelist())
        bodies = sorted(name for name in names if _is_body(name))
        return make_frame(_record(archive, name, names) for name in bodies)


def _is_body(name: str) -> bool:
    """True for a body text file: a .txt inside a `<Set>/<Label>/` folder (not `_titles`, not README)."""
    folder = posixpath.basename(posixpath.dirname(name))
    return name.endswith(".txt") and folder.lower() in LABELS


def _record(archive: zipfile.ZipFile, name: str, names: set[str]) -> dict[str, Any]:
    """One article: body from `<Label>/x.txt`, title from `<Label>_titles/x.txt` when present."""
    folder, file_name = posixpath.split(name)
    set_dir, label_dir = posixpath.split(folder)
    subset = "Buzzfeed" if "buzzfeed" in set_dir.lower() else "Random"
    label_raw = label_dir.lower()
    title_name = posixpath.join(set_dir, f"{label_dir}_titles", file_name)
    title = decode_text(archive.read(title_name)) if title_name in names else ""
    text = clean_text(decode_text(archive.read(name)))
    stem = file_name.removesuffix(".txt")
    source = f"unknown:{CORPUS}:random-{label_raw}" if subset == "Random" else unknown_source(CORPUS, text)
    return {
        "id": f"horne:{subset.lower()}:{label_raw}:{stem}",
        "text": text,
        "html": None,
        "title": clean_text(title),
        "url": None,
        "source": source,
        "source_known": False,
        "corpus": CORPUS,
        "subset": subset,
        "published": None,
        "label": LABELS[label_raw],
        "label_raw": label_raw,
        "label_kind": _KINDS[subset],
    }
