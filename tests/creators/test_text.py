import unicodedata
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.text import MAX_MARKS_PER_BASE, clean_email, clean_text, has_invisible_characters

# ---------------------------------------------------------------------------------------------------------------
# Examples
# ---------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("สม\u200bชาย ใจดี", "สมชาย ใจดี"),  # zero-width space inside a Thai name
        ("\u200cสม\u200dชาย\u200e\u200f", "สมชาย"),  # ZWNJ, ZWJ, LRM, RLM
        ("invoice\u202egpj.exe", "invoicegpj.exe"),  # RTL override
        ("\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069ok", "ok"),  # embeddings and isolates
        ("\ufeffสมชาย", "สมชาย"),  # BOM
        ("co\u00adoperate", "cooperate"),  # soft hyphen
        ("a\u2060b\u180ec", "abc"),  # word joiner, Mongolian vowel separator
        ("\u200b\u200c\u200d\ufeff\u2060", ""),  # a name made only of invisible characters
        ("  \u200b  ", ""),
        ("น\u0e4d\u0e32", "นำ"),  # decomposed SARA AM (as NFKC produces it)
        ("ทํางาน", "ทำงาน"),  # NIKHAHIT + SARA AA inside a word
        ("น\u0e4d\u0e48\u0e32", "น่ำ"),  # tone mark typed between NIKHAHIT and SARA AA
        ("น้ำ", "น้ำ"),  # already composed: unchanged
        ("ผู้ใหญ่ ก๊ก ก๋า ปิ่น", "ผู้ใหญ่ ก๊ก ก๋า ปิ่น"),  # tone marks and vowels kept
        ("สวัสดี 👋🏽 🇹🇭 ❤️", "สวัสดี 👋🏽 🇹🇭 ❤️"),  # emoji, skin tone, flag, variation selector kept
        ("Cafe\u0301", "Café"),  # NFC
        ("ﬁne", "ﬁne"),  # NFC, not NFKC: compatibility characters are left alone
        ("  a \t\t b   c  ", "a b c"),
        ("a\x00b\x07c\x1bd\x7fe\x85f", "abcde f"),  # controls removed, NEL is a line break
    ],
)
def test_clean_text_examples(raw, expected):
    assert clean_text(raw) == expected


def test_sara_am_is_one_character():
    assert clean_text("น\u0e4d\u0e32") == "\u0e19\u0e33"
    assert clean_text(unicodedata.normalize("NFKC", "กำลัง ทำ")) == "กำลัง ทำ"


def test_zero_width_joiner_emoji_sequences_fall_apart():
    # U+200D is a format character like the others; the pictographs themselves survive.
    assert clean_text("👩\u200d💻") == "👩💻"


@pytest.mark.parametrize(
    "raw",
    ["Alice\r\nBcc: x@example.com", "Alice\rBcc: x@example.com", "Alice\nBcc: x@example.com", "Alice\u2028Bcc: x"],
)
def test_single_line_header_injection_is_impossible(raw):
    cleaned = clean_text(raw)
    assert "\r" not in cleaned
    assert "\n" not in cleaned
    assert cleaned.startswith("Alice Bcc: x")


def test_multiline_keeps_newlines_and_tabs():
    raw = "  บรรทัด\u200bหนึ่ง  \r\nline two\rline\u2029three\n\tindented\t\tx  \n\n"
    assert clean_text(raw, multiline=True) == "บรรทัดหนึ่ง\nline two\nline\nthree\n\tindented x"


def test_multiline_removes_other_control_characters():
    assert clean_text("a\x00\x0b\x0cb\x1bc", multiline=True) == "abc"


def test_empty_values():
    assert clean_text("") == ""
    assert clean_text("", multiline=True) == ""
    assert clean_email("") == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" Somchai.J@Example.COM\u200b ", "somchai.j@example.com"),
        ("\ufeffUSER@EXAMPLE.CO.TH\r\nBcc: evil@example.com", "user@example.co.th bcc: evil@example.com"),
        ("not an email", "not an email"),  # validation is the form's job
    ],
)
def test_clean_email(raw, expected):
    assert clean_email(raw) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("สมชาย", False),
        ("line\nnext\ttab\r\n", False),
        ("👋🏽 น้ำ", False),
        ("สม\u200bชาย", True),
        ("\u202eabc", True),
        ("\ufeff", True),
        ("co\u00adop", True),
        ("a\x00b", True),
        ("a\x1bb", True),
    ],
)
def test_has_invisible_characters(value, expected):
    assert has_invisible_characters(value) is expected


# ---------------------------------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------------------------------

_SPECIALS = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad\u2060\u180e"
    "\r\n\t \x00\x0b\x0c\x1b\x7f\x85\u2028\u2029\u00a0\u3000\u0301\u0e4d\u0e32\u0e33\u0e48\u0e49\u0e38\ud800"
)
_THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
texts = st.text(
    alphabet=st.one_of(st.characters(), _THAI, st.sampled_from(_SPECIALS), st.sampled_from("ab .@")),
    max_size=60,
)
modes = st.booleans()


def _thai_consonants(value):
    return [char for char in value if "\u0e01" <= char <= "\u0e2e"]


@given(texts, modes)
def test_idempotent(value, multiline):
    once = clean_text(value, multiline=multiline)
    assert clean_text(once, multiline=multiline) == once


@given(texts, modes)
def test_no_format_or_control_characters(value, multiline):
    allowed = "\n\t" if multiline else ""
    for char in clean_text(value, multiline=multiline):
        assert char in allowed or unicodedata.category(char) not in {"Cf", "Cc", "Cs"}, repr(char)


@given(texts)
def test_single_line_never_contains_line_breaks(value):
    cleaned = clean_text(value)
    assert "\r" not in cleaned
    assert "\n" not in cleaned
    assert "\t" not in cleaned


@given(texts)
def test_multiline_never_contains_carriage_return(value):
    assert "\r" not in clean_text(value, multiline=True)


@given(texts, modes)
def test_output_is_nfc(value, multiline):
    assert unicodedata.is_normalized("NFC", clean_text(value, multiline=multiline))


@given(texts, modes)
def test_stripped_and_collapsed(value, multiline):
    cleaned = clean_text(value, multiline=multiline)
    assert cleaned == cleaned.strip()
    assert "  " not in cleaned
    assert " \t" not in cleaned
    assert "\t " not in cleaned


@given(texts, modes)
def test_thai_letters_survive_in_order(value, multiline):
    cleaned = clean_text(value, multiline=multiline)
    assert _thai_consonants(cleaned) == _thai_consonants(value)


def _longest_mark_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if unicodedata.category(char) in {"Mn", "Mc", "Me"} else 0
        longest = max(longest, run)
    return longest


def _without_removed(text: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in text if unicodedata.category(c) not in {"Cf", "Cc", "Cs"}))


@given(texts.filter(lambda value: "\u0e4d" not in value and _longest_mark_run(_without_removed(value)) <= 3), modes)
def test_all_thai_characters_survive(value, multiline):
    # Without NIKHAHIT nothing is recomposed, so every Thai character (letters, vowels, tone marks) is kept.
    # NFC may reorder combining marks, hence a count and not a sequence.
    def thai(text):
        return Counter(char for char in text if "\u0e00" <= char <= "\u0e7f")

    assert thai(clean_text(value, multiline=multiline)) == thai(value)


@given(texts, modes)
def test_cleaned_text_has_no_invisible_characters(value, multiline):
    assert not has_invisible_characters(clean_text(value, multiline=multiline))


@given(texts)
def test_clean_email_is_lower_case_single_line_and_idempotent(value):
    cleaned = clean_email(value)
    assert cleaned == cleaned.lower()
    assert "\r" not in cleaned
    assert "\n" not in cleaned
    assert clean_email(cleaned) == cleaned


# --- stacked combining marks (issue 22.8: 200 marks on one letter were accepted in names) ---------------------

_THAI_SYLLABLE = st.tuples(
    st.characters(min_codepoint=0x0E01, max_codepoint=0x0E2E),  # consonants
    st.sampled_from(
        ["", "\u0e31", "\u0e34", "\u0e35", "\u0e36", "\u0e37", "\u0e38", "\u0e39", "\u0e47"]
    ),  # vowels, MAITAIKHU
    st.sampled_from(["", "\u0e48", "\u0e49", "\u0e4a", "\u0e4b"]),  # tone marks
    st.sampled_from(["", "\u0e4c"]),  # THANTHAKHAT
    st.sampled_from(["", "\u0e32", "\u0e30", "\u0e33", " "]),  # spacing vowels, a space
).map("".join)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ก" + "\u0e49" * 200 + "ข", "ก\u0e49\u0e49\u0e49ข"),
        ("Z" + "\u0336" * 200 + "algo", "Z\u0336\u0336\u0336algo"),
        ("กิ้์", "กิ้์"),  # consonant + vowel + tone + THANTHAKHAT: three marks, all kept
        ("ฟิล์ม ก็ กั้น ผู้ใหญ่", "ฟิล์ม ก็ กั้น ผู้ใหญ่"),
        ("\u0301" * 10 + "a", "\u0301\u0301\u0301a"),  # marks with no letter before them
    ],
)
def test_stacked_marks_are_cut_to_three_per_letter(raw, expected):
    assert clean_text(raw) == expected
    assert clean_text(raw, multiline=True) == expected


@given(texts, modes)
def test_no_letter_carries_more_than_the_limit(value, multiline):
    assert _longest_mark_run(clean_text(value, multiline=multiline)) <= MAX_MARKS_PER_BASE


@given(st.lists(_THAI_SYLLABLE, max_size=12).map("".join))
def test_real_thai_keeps_every_mark(value):
    assert clean_text(value) == unicodedata.normalize("NFC", value).strip()


@given(st.lists(st.characters(categories=["Mn", "Me", "Mc"]), max_size=40).map("".join), st.sampled_from("กaZ"))
def test_any_pile_of_marks_on_one_letter_keeps_at_most_the_limit(marks, letter):
    cleaned = clean_text(letter + marks)
    assert unicodedata.normalize("NFD", cleaned)[:1] == letter  # NFC may compose the letter with a mark
    assert _longest_mark_run(cleaned) <= MAX_MARKS_PER_BASE
