"""Cleaning of free text typed or pasted by registrants (names, titles, addresses, descriptions).

Pure Python, no Django: usable from forms, models, services and data migrations alike.

What gets removed: every format character (Unicode category Cf: zero-width spaces and joiners, direction
marks/embeddings/overrides/isolates, BOM, soft hyphen, word joiner, ...), every control character (Cc) except
newline and tab in multi-line text, and lone surrogates (Cs, which cannot be stored as UTF-8). Nothing else is
removed: Thai letters, vowels and tone marks, other scripts and emoji all survive.

Combining marks are limited to ``MAX_MARKS_PER_BASE`` in a row on one base character: Thai stacks at most three
(consonant + above/below vowel + tone mark, or + MAITAIKHU/THANTHAKHAT), while "Zalgo" text stacks hundreds that
paint over the lines around a name. Marks beyond the limit are dropped.

Text is normalised to NFC, never NFKC: NFKC splits the Thai vowel SARA AM (U+0E33) into NIKHAHIT + SARA AA
(U+0E4D U+0E32). Text pasted from such sources is recomposed here.
"""

import re
import unicodedata

__all__ = ["MAX_MARKS_PER_BASE", "clean_email", "clean_text", "has_invisible_characters"]

MAX_MARKS_PER_BASE = 3
_MARK_CATEGORIES = frozenset({"Mn", "Mc", "Me"})

_REMOVED_CATEGORIES = frozenset({"Cf", "Cc", "Cs"})

# Line breaks other than "\n": Windows/old Mac newlines, NEL, Unicode line and paragraph separators.
_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")
_HORIZONTAL_SPACE_RUN = re.compile(r"[ \t]{2,}")
_TRAILING_SPACE_BEFORE_NEWLINE = re.compile(r"[ \t]+\n")

_NIKHAHIT = "\u0e4d"
_SARA_AA = "\u0e32"
_SARA_AM = "\u0e33"
# NIKHAHIT + SARA AA, optionally with a tone mark (U+0E48-U+0E4B) typed in between: "น\u0e4d\u0e48\u0e32" is how
# some keyboards produce "น่ำ". Both become the single character SARA AM, with the tone mark before it.
_DECOMPOSED_SARA_AM = re.compile(f"{_NIKHAHIT}([\u0e48-\u0e4b]?){_SARA_AA}")


def _is_removed(char: str, keep: str) -> bool:
    return char not in keep and unicodedata.category(char) in _REMOVED_CATEGORIES


def _recompose_thai(value: str) -> str:
    if _NIKHAHIT not in value:
        return value
    return _DECOMPOSED_SARA_AM.sub(rf"\1{_SARA_AM}", value)


def _limit_marks(value: str) -> str:
    kept, run = [], 0
    for char in value:
        if unicodedata.category(char) in _MARK_CATEGORIES:
            run += 1
            if run > MAX_MARKS_PER_BASE:
                continue
        else:
            run = 0
        kept.append(char)
    return "".join(kept)


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Return ``value`` without invisible/control characters, with collapsed spaces, stripped, in NFC.

    Single-line mode (the default) turns every line break and tab into a space: the result never contains
    "\\r" or "\\n", so it is safe in e-mail headers. Multi-line mode keeps "\\n" (all line breaks become "\\n")
    and a single tab; runs of spaces/tabs become one space and trailing spaces on each line are dropped.
    """
    if not value:
        return ""
    text = _LINE_BREAKS.sub("\n", value)
    if multiline:
        keep = "\n\t"
    else:
        text = text.replace("\n", " ").replace("\t", " ")
        keep = ""
    text = "".join(char for char in text if not _is_removed(char, keep))
    text = _HORIZONTAL_SPACE_RUN.sub(" ", text)
    if multiline:
        text = _TRAILING_SPACE_BEFORE_NEWLINE.sub("\n", text)
    text = text.strip()
    # NFC cannot create format/control characters, spaces, tabs or line breaks, so the steps above still hold;
    # dropping the last marks of a long run leaves NFC text NFC (what stays is a prefix of an ordered run).
    return _limit_marks(_recompose_thai(unicodedata.normalize("NFC", text)))


def clean_email(value: str) -> str:
    """Clean an e-mail address (single line) and lower-case all of it. Validation is the form's job."""
    return clean_text(clean_text(value).lower())


def has_invisible_characters(value: str) -> bool:
    """True if ``value`` contains a character :func:`clean_text` always removes (Cf, Cs, or Cc other than
    newline, carriage return and tab). Useful to reject instead of silently cleaning, e.g. for passwords."""
    return any(_is_removed(char, "\n\r\t") for char in value)
