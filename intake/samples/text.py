"""Text helpers of the generator: plain ASCII and slugs for e-mail addresses and domains."""

from __future__ import annotations

import re
import unicodedata


def ascii_text(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_text(text).lower()).strip("-")
