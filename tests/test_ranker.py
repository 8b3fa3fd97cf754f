"""The learned speaker ranker: the shipped model is plain data, it is used, and it is the script's."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from quotecheck.engine import ranker
from quotecheck.engine.extract import extract_text

ROOT = Path(__file__).resolve().parents[1]


def _spec() -> dict:
    text = resources.files("quotecheck.engine").joinpath("data", ranker.MODEL_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def test_shipped_model_is_small_plain_data_over_the_current_features():
    path = Path(ranker.__file__).parent / "data" / ranker.MODEL_FILE
    assert path.stat().st_size < 3_000_000
    spec = _spec()
    assert spec["features"] == list(ranker.FEATURES)
    assert set(spec) == {"about", "trained_on", "data", "params", "features", "baseline", "calibration", "trees"}
    for tree in spec["trees"]:  # numbers only: no words of any article travel with the model
        for key in ("feature", "threshold", "left", "right", "value", "leaf"):
            assert all(isinstance(v, (int, float, bool)) for v in tree[key])
    cal = spec["calibration"]
    assert cal["x"] == sorted(cal["x"]) and cal["y"] == sorted(cal["y"])
    assert 0.0 <= cal["y"][0] and cal["y"][-1] <= 1.0


def test_model_matches_scikit_learn_on_the_same_trees():
    """The numpy evaluator walks the exported trees exactly as the fitted booster did."""
    pytest.importorskip("sklearn")
    from sklearn.ensemble import HistGradientBoostingClassifier

    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, len(ranker.FEATURES)))
    y = (x[:, 0] + 0.5 * x[:, 3] - x[:, 7] > 0).astype(float)
    clf = HistGradientBoostingClassifier(max_iter=20, early_stopping=False, random_state=0).fit(x, y)
    spec = _spec() | {"baseline": float(np.ravel(clf._baseline_prediction)[0])}
    spec["trees"] = [
        {
            "feature": p.nodes["feature_idx"].tolist(),
            "threshold": p.nodes["num_threshold"].tolist(),
            "left": p.nodes["left"].tolist(),
            "right": p.nodes["right"].tolist(),
            "value": p.nodes["value"].tolist(),
            "leaf": p.nodes["is_leaf"].astype(bool).tolist(),
            "depth": int(p.nodes["depth"].max()),
        }
        for (p,) in clf._predictors
    ]
    model = ranker.SpeakerModel(spec)
    assert np.allclose(model.raw(x), clf.decision_function(x))


def test_the_confidence_of_a_quote_is_the_models():
    quotes = extract_text(
        "Harbour master Ana Vidal spoke to the council on Monday.\n"
        "“We will rebuild the northern pier before the winter storms,” Vidal said.\n"
    )
    (q,) = quotes
    assert q.speaker == "Ana Vidal"
    assert "(model" in q.reason
    model = ranker.load_model()
    assert model.cal_y[0] <= q.confidence <= model.cal_y[-1]


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parses("eval/polnear-extra")
@pytest.mark.checks("scripts/train_attribution.py")
def test_shipped_model_is_what_the_training_script_builds(shared_dir, script_check):
    """Rebuilding from ../shared gives the shipped file byte for byte (from the parses the floors read;
    conftest.py runs the script's --check in the background once they are cached)."""
    pytest.importorskip("sklearn")
    code, output = script_check
    assert code == 0, output
