#!/usr/bin/env python3
"""Train the speaker-ranking model shipped in ``quotecheck/engine/data/attribution_model.json``.

    .venv/bin/python scripts/train_attribution.py [--shared ../shared] [--train extra] [--out FILE]
                                                  [--cache DIR] [--check]

Reads the PolNeAR sets of the shared folder (``eval/polnear-dev``, ``eval/polnear-extra``), runs the
rule engine over each article with the model switched off, lists every quote's candidate speakers with
their features (:mod:`quotecheck.engine.ranker`) and labels each candidate by the shared scorer's own
speaker test. Quotes whose gold speaker is an outlet relaying someone else (PolNeAR credits the outlet,
quotecheck credits the person and records ``reported_by``) and quotes whose gold names nobody ("he")
are left out. It prints, for each set, how often the rules' choice and the model's choice are right:
cross-validated by article (GroupKFold) on the training set and on the other set, which the model
never sees. The shipped model is trained on ``--train`` (default: extra), so dev stays a held-out
check. ``--check`` writes nothing and exits 1 when the shipped file differs from what it would write
(it reads the training set only, so it prints no held-out figures).

Parses are cached as spaCy DocBins under ``--cache`` (default: the system temp folder) so a rerun
takes seconds, not minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import shared_sets  # noqa: E402

from quotecheck.engine import ranker  # noqa: E402
from quotecheck.engine.extract import _quotes_for  # noqa: E402

SETS = {"dev": "eval/polnear-dev", "extra": "eval/polnear-extra"}
PARAMS = dict(max_iter=300, learning_rate=0.03, max_leaf_nodes=16, min_samples_leaf=30, l2_regularization=3.0)
OUT = ROOT / "quotecheck" / "engine" / "data" / ranker.MODEL_FILE


def parsed(shared: Path, name: str, cache: Path):
    """(gold, article names, texts, docs, digest) of one set; parses cached in a DocBin."""
    return shared_sets.parsed(shared, SETS[name], cache)


def rows_of(shared: Path, name: str, cache: Path, sq):
    """Candidate rows of one set: (X, y, quote index, group) plus per-quote rule correctness."""
    gold, names, texts, docs, digest = parsed(shared, name, cache)
    by_article = shared_sets.golds_by_article(gold)
    X, y, qid, groups, forced = [], [], [], [], []
    rule_ok = []
    seen: list = []
    ranker.collector = lambda att, k, res, cands: seen.append((att.runs[k], res, cands))
    saved = ranker.load_model
    ranker.load_model = lambda: None  # features of the rules alone, whatever model is installed
    try:
        for art, text, doc in zip(names, texts, docs, strict=True):
            seen.clear()
            _quotes_for(doc, text, None)
            golds = by_article.get(art, [])
            gspans = [sq.trim(text, q["start"], q["end"]) for q in golds]
            pspans = [sq.trim(text, run.start, run.end) for run, _, _ in seen]
            pairs = sorted(
                ((sq.overlap(g, p), i, j) for i, g in enumerate(gspans) for j, p in enumerate(pspans)), reverse=True
            )
            used_g, used_p = set(), set()
            for ov, i, j in pairs:
                if ov < 0.5 or i in used_g or j in used_p:
                    continue
                used_g.add(i)
                used_p.add(j)
                speaker = golds[i]["speaker"]
                _, res, cands = seen[j]
                if not sq.mention_names(speaker) or not cands:
                    continue  # the gold names nobody: nothing to learn
                if res.reported_by and sq.mention_ok(res.reported_by, speaker):
                    continue  # an outlet relaying a person: PolNeAR's convention, not ours
                labels = [float(sq.mention_ok(c.speaker, speaker)) for c in cands]

                q = len(rule_ok)
                rule_ok.append(float(sq.mention_ok(res.speaker, speaker)))
                for c, lab in zip(cands, labels, strict=True):
                    X.append([c.f[f] for f in ranker.FEATURES])
                    y.append(lab)
                    qid.append(q)
                    groups.append(f"{name}/{art}")
                    forced.append(c.f["rule_pick"] == 1.0 and ranker.locked(res, c))  # as choose() does
    finally:
        ranker.collector = None
        ranker.load_model = saved
    arrays = np.array(X, float), np.array(y, float), np.array(qid), np.array(groups), np.array(rule_ok)
    return (*arrays, digest, np.array(forced, bool))


def fit(X, y):
    """The trees on one thread: on ~6,000 rows the OpenMP threads cost more in start-up and
    spin-waiting than they save (a fit took twice as long on two), and the trees are the same bit for bit."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return HistGradientBoostingClassifier(early_stopping=False, random_state=0, **PARAMS).fit(X, y)


def chosen(raw, y, qid, forced):
    """Per quote: the raw score of the candidate :func:`quotecheck.engine.ranker.choose` takes (the best,
    or the rules' own when the resolver read a pronoun or description) and whether it is right."""
    best: dict[int, tuple[float, float, bool]] = {}
    for r, lab, q, f in zip(raw, y, qid, forced, strict=True):
        if q not in best or (f and not best[q][2]) or (r > best[q][0] and not best[q][2]):
            best[q] = (float(r), float(lab), bool(f))
    keys = sorted(best)
    return tuple(np.array([best[k][i] for k in keys]) for i in range(3))


def cross_validated(X, y, qid, groups, folds=5):
    """Out-of-fold raw scores, split by article."""
    from sklearn.model_selection import GroupKFold

    raw = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=folds).split(X, y, groups):
        raw[te] = fit(X[tr], y[tr]).decision_function(X[te])
    return raw


def export(clf, cal, digest: str, trained_on: str) -> dict:
    """The fitted trees and calibration as plain JSON (no pickle, no text of any article)."""
    trees = []
    for (pred,) in clf._predictors:
        n = pred.nodes
        trees.append(
            {
                "feature": n["feature_idx"].astype(int).tolist(),
                "threshold": [round(float(v), 9) for v in n["num_threshold"]],
                "left": n["left"].astype(int).tolist(),
                "right": n["right"].astype(int).tolist(),
                "value": [round(float(v), 9) for v in n["value"]],
                "leaf": n["is_leaf"].astype(bool).tolist(),
                "depth": int(n["depth"].max()),
            }
        )
    return {
        "about": "quotecheck speaker ranker: gradient-boosted trees over parse features, isotonic calibration"
        " of the chosen candidate; rebuilt by scripts/train_attribution.py",
        "trained_on": trained_on,
        "data": digest,
        "params": PARAMS,
        "features": list(ranker.FEATURES),
        "baseline": float(np.ravel(clf._baseline_prediction)[0]),
        "calibration": {
            "x": [round(float(v), 9) for v in cal.X_thresholds_],
            "y": [round(float(v), 9) for v in cal.y_thresholds_],
        },
        "trees": trees,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--train", choices=sorted(SETS) + ["both"], default="extra")
    ap.add_argument("--out", default=str(OUT))
    ap.add_argument("--cache", default=tempfile.gettempdir())
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    from sklearn.isotonic import IsotonicRegression

    shared, cache = Path(args.shared), Path(args.cache)
    sq = shared_sets.scorer(shared)
    train = list(SETS) if args.train == "both" else [args.train]
    # the held-out set enters no figure of the file: --check, which only compares the file, skips it
    data = {name: rows_of(shared, name, cache, sq) for name in SETS if name in train or not args.check}
    X = np.vstack([data[n][0] for n in train])
    y = np.concatenate([data[n][1] for n in train])
    offset, qids, groups = 0, [], []
    for n in train:
        qids.append(data[n][2] + offset)
        offset += len(data[n][4])
        groups.append(data[n][3])
    qid, group = np.concatenate(qids), np.concatenate(groups)
    oof = cross_validated(X, y, qid, group)
    force = np.concatenate([data[n][6] for n in train])
    best_raw, best_ok, kept = chosen(oof, y, qid, force)
    rules = np.concatenate([data[n][4] for n in train])
    print(f"trained on {'+'.join(train)}: {len(best_ok)} quotes, {len(y)} candidates, {len(ranker.FEATURES)} features")
    print(f"  cross-validated (GroupKFold by article, 5 folds): model {best_ok.mean():.3f} vs rules {rules.mean():.3f}")
    # the rules' own confidence stands where their reading is kept, so only the model's choices calibrate
    cal = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0).fit(best_raw[~kept], best_ok[~kept])
    conf = cal.predict(best_raw[~kept])
    best_ok_m = best_ok[~kept]
    right, wrong = conf[best_ok_m == 1].mean(), conf[best_ok_m == 0].mean()
    print(f"  confidence out of fold (model's choices): right {right:.2f} vs wrong {wrong:.2f}")
    clf = fit(X, y)
    for n in data:
        if n in train:
            continue
        Xo, yo, qo, _, ro, _, fo = data[n]
        _, ok, _ = chosen(clf.decision_function(Xo), yo, qo, fo)
        print(f"  held-out {n}: model {ok.mean():.3f} vs rules {ro.mean():.3f} ({len(ok)} quotes)")
    digest = hashlib.sha256("".join(data[n][5] for n in train).encode()).hexdigest()[:12]
    spec = export(clf, cal, digest, "+".join(train))
    text = json.dumps(spec, separators=(",", ":")) + "\n"
    out = Path(args.out)
    if args.check:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print("shipped model matches" if same else f"{out} differs from what the data gives", file=sys.stderr)
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({len(text) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
