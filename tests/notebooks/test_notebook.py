"""The evaluation notebook runs top to bottom against the library (only when the corpora exist)."""

from __future__ import annotations

import pytest
from support import ROOT

NOTEBOOK = ROOT / "notebooks" / "evaluation.ipynb"


@pytest.mark.shared
@pytest.mark.slow
def test_evaluation_notebook_executes(shared_data, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("CREDIBLY_DATA", str(shared_data))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=1800, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parents[1])}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 3
