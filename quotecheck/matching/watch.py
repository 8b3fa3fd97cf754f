"""Whether what a pass read from a project is still what the project holds, asked cheaply on one connection.

Some passes that follow a person's decision (linking paraphrases, finding translations) read every quote,
yet a merge, a split or a corrected speaker changes none of what they read but the speakers. So such a
pass keeps what it read beside the connection and asks :func:`unchanged` before reading again.

What keeps the answer true: temporary triggers (on this connection only; nothing is added to the file)
note every change to the columns the pass names; another connection's commit (``PRAGMA data_version``)
or a rolled-back pass (a token in a temporary table that a rollback takes back) counts as a change too.
"""

from __future__ import annotations

import itertools
import logging
import weakref
from collections.abc import Iterable

log = logging.getLogger(__name__)

Event = tuple[str, str, str]
"""``(event, table, condition)``: ``("UPDATE OF text, kind", "quotes", "")``; a condition is a trigger's
``WHEN`` expression over ``old``/``new``, or empty."""

_tokens = itertools.count(1)
_seen: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def unchanged(db, name: str, events: Iterable[Event]) -> bool:
    """True when nothing ``events`` name happened on this connection (and no other connection committed)
    since :func:`settle` for ``name``; the first time, and after any change, False."""
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS qc_{name}_dirty (x INTEGER PRIMARY KEY)")
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS qc_{name}_token (token INTEGER)")
    for k, (event, table, condition) in enumerate(events):
        when = f" WHEN {condition}" if condition else ""
        db.execute(
            f"CREATE TEMP TRIGGER IF NOT EXISTS qc_{name}_{k} AFTER {event} ON main.{table}{when}"
            f" BEGIN INSERT OR IGNORE INTO qc_{name}_dirty VALUES (1); END"
        )
    version = db.execute("PRAGMA data_version").fetchone()[0]
    token = db.execute(f"SELECT MAX(token) FROM temp.qc_{name}_token").fetchone()[0]
    dirty = db.execute(f"SELECT EXISTS (SELECT 1 FROM temp.qc_{name}_dirty)").fetchone()[0]
    seen = _seen.get(db, {}).get(name)
    return not dirty and token is not None and seen == (version, token)


def settle(db, name: str) -> None:
    """Note that the pass ``name`` has just read the project (in the caller's transaction, if any: a
    rollback takes the note back)."""
    db.execute(f"DELETE FROM temp.qc_{name}_dirty")
    db.execute(f"DELETE FROM temp.qc_{name}_token")
    token = next(_tokens)
    db.execute(f"INSERT INTO temp.qc_{name}_token VALUES (?)", [token])
    version = db.execute("PRAGMA data_version").fetchone()[0]
    _seen.setdefault(db, {})[name] = (version, token)


def forget(db) -> None:
    """Count everything as changed on this connection (a full rebuild reads the project afresh)."""
    _seen.pop(db, None)
