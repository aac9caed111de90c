"""SignalExtractor: a stateless scikit-learn transformer over articles that composes in pipelines."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from credibly.features.document import parse
from credibly.features.pipeline import feature_names
from credibly.features.transformer import SignalExtractor

CAREFUL = "The council said on Monday that the bridge would reopen in May, according to a statement."
SLOPPY = "SHOCKING!!! Some people say the bridge is clearly a disaster andthe goverment hides it!!!"


@parametrize_with_checks([SignalExtractor()])
def test_scikit_learn_estimator_checks(estimator, check):
    check(estimator)


def test_strings_mappings_and_documents_give_the_same_rows():
    extractor = SignalExtractor().fit([CAREFUL])
    as_text = extractor.transform([CAREFUL, SLOPPY])
    as_mapping = extractor.transform([{"text": CAREFUL}, {"text": SLOPPY}])
    as_doc = extractor.transform([parse(CAREFUL), parse(SLOPPY)])
    assert as_text.shape == (2, len(feature_names()))
    assert np.array_equal(as_text, as_mapping) and np.array_equal(as_text, as_doc)
    assert list(extractor.get_feature_names_out()) == feature_names()


def test_families_select_columns_and_the_extractor_clones():
    extractor = SignalExtractor(families=("hedging",))
    assert clone(extractor).get_params() == {"families": ("hedging",)}
    assert extractor.fit_transform([SLOPPY]).shape == (1, len(feature_names(("hedging",))))


def test_composes_in_a_pipeline():
    model = make_pipeline(SignalExtractor(), StandardScaler(), LogisticRegression())
    model.fit([CAREFUL, SLOPPY] * 3, [1, 0] * 3)
    assert model.predict([CAREFUL]).tolist() == [1] and model.predict([SLOPPY]).tolist() == [0]


@pytest.mark.parametrize("bad", ["one article as a bare string", np.zeros((2, 3))])
def test_a_single_article_or_a_numeric_matrix_is_refused(bad):
    with pytest.raises(ValueError, match="sequence of articles"):
        SignalExtractor().fit_transform(bad)
