"""Where credibly's models, reports and the optional reference corpora live."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parents[1]
ARTIFACT_DIR = MODELS_DIR / "artifacts"
DEFAULT_MODEL = ARTIFACT_DIR / "credibly-reliability.joblib"
REPORT_DIR = MODELS_DIR / "reports"
# ../shared/data beside the repository checkout; never needed at run time.
DEFAULT_DATA_DIR = MODELS_DIR.parents[1] / "shared" / "data"
# The shipped feature data (lexicons, cue-classifier weights); training scripts write into it.
FEATURE_DATA_DIR = Path(str(resources.files("credibly.features.data")))
