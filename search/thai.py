"""Thai-aware text layer for search: normalisation, word segmentation, index terms and query terms.

Pure Python, no Django: usable from models, search backends, management commands and benchmarks alike.

Why: Thai is written without spaces between words. SQLite FTS5 treats Thai vowel and tone marks as separators
and PostgreSQL keeps a whole Thai run as one lexeme, so neither finds "ผู้สูงอายุ" inside
"โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุในชุมชนเชียงใหม่". We segment at index time and at query time and store the
terms space-separated (:func:`searchable_text`), so any full-text backend that splits on spaces works.

Segmentation depends on context ("โครงการ" comes out as "โครง" + "การพัฒนา" inside that sentence), so
:func:`index_terms` also indexes overlapping forms: every dictionary word found at every character offset of
each Thai run, and the joined adjacent-token bigrams (so compounds typed without spaces, or with a space the
document didn't have, still match). A query word that is a dictionary word, or a segment the document's own
segmentation produced, is therefore found wherever it occurs.

The dictionary is PyThaiNLP's default word list (``thai_words()``, ~62,000 words) as the trie that newmm itself
uses. It is loaded once per process by :func:`dictionary`: measured 1.0-1.3 s (PyThaiNLP import, word list, trie
build, first newmm call) on the 2-core dev machine; ``bench/search_text_bench.py`` prints it. Web and task
processes load it at start-up (:func:`preload_dictionary`, called from config/wsgi.py and the qcluster command's
app start), and a lock makes concurrent first callers wait for one load instead of each loading it: 50 Thai
searches arriving at a fresh server used to build 50 tries at once (22-51 s each on 2 cores).

Measured throughput (``bench/search_text_bench.py``, 5,000 characters of Thai prose, warm dictionary, 2-core
dev machine under load): :func:`index_terms` ~170,000 chars/s (~30 ms per 5,000 chars; newmm is two thirds of
it, the offset scan a fifth); :func:`query_terms` p50 ~0.1 ms, p95 ~0.25 ms over 1,000 queries; a 10 KB query
is cut to 1,000 raw / 200 normalised characters first and returns in ~1-5 ms.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from core.text import clean_text

if TYPE_CHECKING:  # pragma: no cover
    from pythainlp.util import Trie

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "MAX_TERM_CHARS",
    "dictionary",
    "index_term_sets",
    "index_terms",
    "normalize",
    "preload_dictionary",
    "query_terms",
    "searchable_text",
    "segment",
]

MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 20
# Longer "words" are garbage (base64, runs of one letter) and PostgreSQL refuses lexemes over 2 KB anyway.
MAX_TERM_CHARS = 100
# Raw query characters looked at before normalisation: bounds the work on a pasted 10 KB query while leaving
# room for invisible characters that normalisation removes.
_MAX_RAW_QUERY_CHARS = 5 * MAX_QUERY_CHARS

# The whole Thai block (letters, vowels, tone marks, digits, ฯ ๆ ฿ ...); newmm copes with all of it.
_THAI = "\u0e00-\u0e7f"
# A Thai run, or a run of letters/digits of any other script (underscore and Thai excluded).
_RUN = re.compile(f"([{_THAI}]+)|([^\\W_{_THAI}]+)")
_WHITESPACE = re.compile(r"\s+")
# Wildcards, escapes, quotes and brackets a user may type or paste into a query.
_QUERY_NOISE = re.compile(r"""[%_*?\\"'`´“”‘’„‚«»‹›()\[\]{}<>]""")
# Thai marks that are letters to Unicode but punctuation to a reader: PAIYANNOI (abbreviation) and MAIYAMOK
# (repetition).
_NOT_WORD_CHARS = frozenset("\u0e2f\u0e46")


def _load_dictionary() -> Trie:
    """PyThaiNLP's own cached default trie, so newmm and our offset scan share a single copy. Runs newmm once
    so its lazy imports happen here, not inside the first search request."""
    from pythainlp.tokenize import word_dict_trie, word_tokenize

    trie = word_dict_trie()
    word_tokenize("ทดสอบ", custom_dict=trie, engine="newmm", keep_whitespace=False)
    return trie


class DictionaryLoader:
    """Loads the trie once; concurrent first callers wait for that one load (an lru_cache lets each load)."""

    def __init__(self, load: Callable[[], Trie]):
        self._load = load
        self._lock = threading.Lock()
        self._trie: Trie | None = None

    def __call__(self) -> Trie:
        trie = self._trie
        if trie is None:
            with self._lock:
                if self._trie is None:
                    self._trie = self._load()
                trie = self._trie
        return trie

    @property
    def loaded(self) -> bool:
        return self._trie is not None


_dictionary = DictionaryLoader(_load_dictionary)


def dictionary() -> Trie:
    """The word dictionary trie, loaded once per process (the first call takes ~1 s; see the module docstring)."""
    return _dictionary()


def preload_dictionary() -> None:
    """Load the dictionary now (process start-up), so no request pays for it."""
    _dictionary()


def normalize(text: str) -> str:
    """Clean (see :func:`core.text.clean_text`: no invisible characters, NFC, สระอำ recomposed), casefold
    and collapse all whitespace to single spaces. Idempotent."""
    if not text:
        return ""
    folded = clean_text(clean_text(text).casefold())
    return _WHITESPACE.sub(" ", folded).strip()


def _is_word(token: str) -> bool:
    """False for punctuation-only tokens (and stray combining marks, ฯ, ๆ, ฿)."""
    return any(char.isalnum() and char not in _NOT_WORD_CHARS for char in token)


def _runs(normalized: str) -> Iterator[tuple[bool, str]]:
    """(is_thai, run) for each Thai run and each letter/digit run of another script, in order."""
    for match in _RUN.finditer(normalized):
        thai, other = match.groups()
        yield (True, thai) if thai else (False, other)


def _segment_thai(run: str) -> list[str]:
    from pythainlp.tokenize import word_tokenize

    # A Thai run holds no ASCII digits or separators, so PyThaiNLP's number re-joining (a third of the time)
    # has nothing to do.
    return word_tokenize(run, custom_dict=dictionary(), engine="newmm", keep_whitespace=False, join_broken_num=False)


def _segment_runs(normalized: str) -> list[tuple[bool, str]]:
    """(is_thai, token) for every word token of already-normalised text."""
    tokens: list[tuple[bool, str]] = []
    for is_thai, run in _runs(normalized):
        if is_thai:
            tokens.extend((True, token) for token in _segment_thai(run) if _is_word(token))
        else:
            tokens.append((False, run))
    return tokens


def segment(text: str) -> list[str]:
    """Words of ``text`` (normalised first): Thai runs segmented by newmm, other runs split on everything that
    isn't a letter or digit; punctuation-only tokens dropped. Tokens never contain whitespace."""
    return [token for _, token in _segment_runs(normalize(text))]


def _dictionary_words_at_every_offset(run: str) -> Iterator[str]:
    """Every dictionary word of at least 2 characters starting at any offset of a Thai run.

    The trie walk stops as soon as no dictionary word continues, so each offset costs a few dict lookups and
    no explicit length bound is needed (it is bounded by the longest dictionary word)."""
    trie = dictionary()
    for start in range(len(run) - 1):
        for word in trie.prefixes(run, start):
            if len(word) >= 2:
                yield word


def _unique(terms: Iterable[str]) -> list[str]:
    """De-duplicated, order kept, empty and over-long terms dropped."""
    return [term for term in dict.fromkeys(terms) if 0 < len(term) <= MAX_TERM_CHARS]


def index_term_sets(text: str) -> tuple[list[str], list[str]]:
    """:func:`index_terms` split in two: (the words the document's own segmentation produced plus the joined
    bigrams; the extra dictionary words found only by the offset scan), so an index can weight a word the text
    really contains above a word merely hidden inside a longer one ("การ" inside "โครงการ")."""
    normalized = normalize(text)
    tokens = _segment_runs(normalized)
    words = [token for _, token in tokens]
    words.extend(
        first + second for (first_thai, first), (second_thai, second) in pairwise(tokens) if first_thai == second_thai
    )
    words = _unique(words)
    seen = set(words)
    extra = _unique(
        word for is_thai, run in _runs(normalized) if is_thai for word in _dictionary_words_at_every_offset(run)
    )
    return words, [word for word in extra if word not in seen]


def index_terms(text: str) -> list[str]:
    """Terms to index for a document: its segmented words, every dictionary word found at every offset of each
    Thai run, and adjacent same-script token pairs joined ("โครง" + "การพัฒนา" -> "โครงการพัฒนา",
    "chiang" + "mai" -> "chiangmai"). De-duplicated, first occurrence order.

    ~170,000 chars/s on Thai prose (see the module docstring)."""
    normalized = normalize(text)
    tokens = _segment_runs(normalized)
    terms = [token for _, token in tokens]
    for is_thai, run in _runs(normalized):
        if is_thai:
            terms.extend(_dictionary_words_at_every_offset(run))
    terms.extend(
        first + second for (first_thai, first), (second_thai, second) in pairwise(tokens) if first_thai == second_thai
    )
    return _unique(terms)


def searchable_text(text: str) -> str:
    """What a search index field stores: the index terms separated by single spaces."""
    return " ".join(index_terms(text))


def query_terms(query: str) -> list[str]:
    """Terms a document must be matched on for a user query: the query normalised, stripped of wildcard,
    escape, quote and bracket characters, cut to 200 characters, segmented, de-duplicated, at most 20 terms.

    [] for empty, whitespace-only, punctuation-only or invisible-only input. Never raises on a ``str``; work is
    bounded whatever the input size."""
    if not query:
        return []
    text = normalize(query[:_MAX_RAW_QUERY_CHARS])
    text = _WHITESPACE.sub(" ", _QUERY_NOISE.sub(" ", text)).strip()
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        # Don't keep half a word when there is a word boundary to cut at.
        if text[MAX_QUERY_CHARS] != " " and " " in cut:
            cut = cut[: cut.rindex(" ")]
        text = cut.strip()
    if not text:
        return []
    return _unique(token for _, token in _segment_runs(text))[:MAX_QUERY_TERMS]
