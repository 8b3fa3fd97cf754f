"""Shared test setup: Qt runs offscreen, and the answer keys in ../shared are found when present."""

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (answer keys for measuring); tests using it skip without it."""
    if not (SHARED / "seeds" / "gold.json").is_file():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture
def data_dir() -> Path:
    return DATA
