"""What the readers of laid-out text agree on about its lines: wrapped plain text (:mod:`.ingest`), mail
(:mod:`.formats.mail`), PDF pages (:mod:`.formats.pdf`) and scanned pages read by OCR
(:mod:`.formats.ocr`) all join lines into paragraphs, and judge a line the same way.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

SENTENCE_END = re.compile(r"[.!?:…](?:[ \u00a0\u202f]?[\"'”’»«“‘)\]])*$")
"""A line that ends a sentence: its stop may be followed by closing quotation marks and brackets, as
English (”), German (“ and «) and French (», after a space) close them. A short line that ends so ends
its paragraph; one that doesn't goes on."""

PAGE_NUMBER = re.compile(r"^[\s\-–—|]*(?:(?:page|seite|p\.)\s*)?\d{1,4}(?:\s*(?:of|/|von)\s*\d{1,4})?[\s\-–—|]*$", re.I)
"""A line that is only a page number: "7", "- 7 -", "Page 7 of 12", "p. 7", "Seite 7 von 12", "7/12"."""
