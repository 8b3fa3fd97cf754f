"""The bundled sample project: short invented news articles that exercise every case quotecheck handles."""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path

from .library import Library
from .progress import Progress

log = logging.getLogger(__name__)


def sample_dir() -> Path:
    """The folder of bundled sample articles (inside the installed package)."""
    return Path(str(resources.files("quotecheck.resources") / "samples"))


def build_sample_project(path: str | os.PathLike, *, progress: Progress | None = None) -> Path:
    """Create (or complete) a project at ``path`` holding the sample articles; returns its path.

    Importing is idempotent: articles already in the project are skipped.
    """
    path = Path(path)
    with Library(path) as lib:
        lib.ingest([sample_dir()], progress=progress)
    return path


def default_sample_project() -> Path:
    """Where the window keeps its copy of the sample project (the user's data folder)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "quotecheck" / "sample.qcproj"
