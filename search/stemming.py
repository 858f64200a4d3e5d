"""A small, conservative English suffix stemmer ("reports", "reporting", "reported" → "report").

Pure Python, no Django, no dependency: the platform's English text is short (names, titles, summaries) and a
light stemmer (plurals, -ing, -ed, -ly, -ation/-ations, -ies) finds the usual inflections without the
over-stemming of a full Porter stemmer. Applied to index terms and query terms alike, so both meet.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["stem"]

_VOWELS = frozenset("aeiouy")
# (suffix, replacement), longest first; only the first matching rule applies, and only when a stem of at least
# 3 characters with a vowel remains.
_RULES = (
    ("ational", "ate"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ingly", ""),
    ("edly", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("sses", "ss"),
    ("ness", ""),
    ("ment", ""),
    ("ing", ""),
    ("ed", ""),
    ("ly", ""),
    ("es", ""),
    ("s", ""),
)
_VERB_SUFFIXES = frozenset(("ing", "ed", "ingly", "edly"))
_KEEP_ENDINGS = ("ss", "us", "is")


def _has_vowel(text: str) -> bool:
    return any(char in _VOWELS for char in text)


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """The stem of a lower-case ASCII word; anything else (digits, Thai, short words) comes back unchanged."""
    if len(word) <= 3 or not word.isascii() or not word.isalpha() or word.endswith(_KEEP_ENDINGS):
        return word
    for suffix, replacement in _RULES:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if len(base) >= 3 and _has_vowel(base):
                word = base + replacement
                if suffix in _VERB_SUFFIXES and len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "lsz":
                    word = word[:-1]  # "planning" → "plan"
            break
    # "source", "sources", "sourcing" → "sourc": a final silent e goes on every path.
    return word[:-1] if word.endswith("e") and len(word) > 4 else word
