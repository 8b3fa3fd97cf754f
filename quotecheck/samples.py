"""The bundled sample project: short invented news articles that exercise every case quotecheck handles.

Where the articles are and where the window keeps its copy of the project; building it is
:meth:`quotecheck.library.Library.build_sample` (this module imports no ``Library``, so the window
reaches the sample only through the library).
"""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path

from .progress import Progress

log = logging.getLogger(__name__)


def sample_dir() -> Path:
    """The folder of bundled sample articles (inside the installed package)."""
    return Path(str(resources.files("quotecheck.resources") / "samples"))


def build_sample_project(path: str | os.PathLike, *, progress: Progress | None = None) -> Path:
    """Create (or complete) a project at ``path`` holding the sample articles; returns its path.

    The CLI's ``quotecheck sample``; the same as :meth:`Library.build_sample`.
    """
    from .library import Library

    return Library.build_sample(path, progress=progress)


def default_sample_project() -> Path:
    """Where the window keeps its copy of the sample project (the user's data folder)."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "quotecheck" / "sample.qcproj"
