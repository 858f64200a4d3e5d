"""Snippets with the query's words marked: ``<mark>`` around each match, everything else HTML-escaped.

Pure Python apart from Django's ``escape``/``SafeString``: content and query alike are escaped, so neither can
inject markup.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["highlight", "snippet_window"]

SNIPPET_CHARS = 220


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """One alternation of the terms, longest first; a Latin term also matches its inflections (it is a stem)."""
    parts = [
        re.escape(term) + (r"[a-z]*" if term.isascii() else "") for term in sorted(set(terms), key=len, reverse=True)
    ]
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def snippet_window(text: str, terms: tuple[str, ...], size: int = SNIPPET_CHARS) -> str:
    """About ``size`` characters of ``text`` around the first match (the start of the text when none)."""
    if len(text) <= size:
        return text
    pattern = _pattern(terms)
    match = pattern.search(text) if pattern else None
    start = 0 if match is None else max(0, match.start() - size // 3)
    if start:
        space = text.rfind(" ", start - 20, start)
        start = space + 1 if space != -1 else start
    window = text[start : start + size]
    return ("…" if start else "") + window + ("…" if start + size < len(text) else "")


def highlight(text: str, terms: tuple[str, ...]) -> SafeString:
    """``text`` escaped, with every match of ``terms`` wrapped in ``<mark>``."""
    pattern = _pattern(terms)
    if pattern is None or not text:
        return escape(text)
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        if match.start() == match.end():
            continue
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped
