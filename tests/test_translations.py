"""Every interface string has a Thai translation, and the compiled catalogue matches its source."""

import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "locale" / "th" / "LC_MESSAGES"
ENTRY = re.compile(
    r'^(?:msgctxt "(?P<ctx>.*)"\n)?msgid "(?P<id>.*)"\n(?:msgid_plural ".*"\n)?msgstr(?:\[0\])? "(?P<str>.*)"$',
    re.MULTILINE,
)


def _unescape(text: str) -> str:
    return text.replace('\\"', '"')


def _entries() -> list[tuple[str | None, str, str]]:
    text = (LOCALE / "django.po").read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if "msgid" in b and not b.lstrip().startswith("#~")]
    entries = []
    for block in blocks:
        match = ENTRY.search(block)
        if match and match["id"]:
            ctx = _unescape(match["ctx"]) if match["ctx"] is not None else None
            entries.append((ctx, _unescape(match["id"]), _unescape(match["str"])))
    return entries


def test_every_string_has_a_thai_translation():
    untranslated = [msgid for _ctx, msgid, msgstr in _entries() if not msgstr]
    fuzzy = (LOCALE / "django.po").read_text(encoding="utf-8").count("#, fuzzy")
    assert untranslated == [] and fuzzy == 0


def test_compiled_catalogue_is_up_to_date():
    with (LOCALE / "django.mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for ctx, msgid, msgstr in _entries()
        if (catalogue.pgettext(ctx, msgid) if ctx is not None else catalogue.gettext(msgid)) != msgstr
    ]
    assert stale == [], "run `make messages` to recompile locale/th/LC_MESSAGES/django.mo"


THAI = "\u0e00-\u0e7f"
# Thai typography puts a space between Thai and a Latin word ("ใน Impact Creator"); a placeholder may be Latin.
UNSPACED = re.compile(rf"[{THAI}](?:[A-Za-z]|%\()|(?:[A-Za-z]|\)[sd])[{THAI}]")


def test_thai_translations_space_latin_words_and_placeholders():
    unspaced = [msgstr for _ctx, _msgid, msgstr in _entries() if UNSPACED.search(msgstr)]
    assert unspaced == []
