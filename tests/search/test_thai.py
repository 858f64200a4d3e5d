"""The Thai text layer of search: normalisation, segmentation, index terms and query terms (no database)."""

import random
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.corpus import thai_words

from search import thai
from search.thai import (
    MAX_QUERY_TERMS,
    dictionary,
    index_terms,
    normalize,
    query_terms,
    searchable_text,
    segment,
)

SENTENCE = "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุในชุมชนเชียงใหม่"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u200e\u202e"
BAD_INPUTS = ["", "   ", "\u200b\u200b", "%", "_", "\"'", "(.*)+", "a" * 10000, "ก" * 10000]

# Dictionary words made only of Thai characters (the list also holds phrases with spaces and abbreviations
# with dots, which can never be a single index term).
THAI_WORDS = sorted(word for word in thai_words() if re.fullmatch("[\u0e00-\u0e7f]+", word))


@pytest.fixture(scope="module")
def sentence_terms():
    return set(index_terms(SENTENCE))


# --- examples ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["ผู้สูงอายุ", "โครงการ", "ทักษะ", "อาชีพ", "ชุมชน", "เชียงใหม่", "สูงอายุ", "พัฒนา"])
def test_thai_words_inside_a_sentence_are_indexed(sentence_terms, word):
    assert word in sentence_terms


def test_context_dependent_segmentation_is_covered_by_overlapping_terms(sentence_terms):
    # newmm cuts "โครง" + "การพัฒนา" here, yet "โครงการ" and "การ" are indexed too, and so is the bigram.
    assert segment(SENTENCE)[:2] == ["โครง", "การพัฒนา"]
    assert {"โครงการ", "การ", "โครงการพัฒนา"} <= sentence_terms


@pytest.mark.parametrize("query", ["ผู้สูงอายุ", "โครงการ", "ชุมชนเชียงใหม่", "ทักษะอาชีพ", "การพัฒนา"])
def test_query_terms_are_a_subset_of_the_sentence_terms(sentence_terms, query):
    terms = query_terms(query)
    assert terms
    assert set(terms) <= sentence_terms


def test_query_of_the_example():
    assert query_terms("ผู้สูงอายุ") == ["ผู้สูงอายุ"]


@pytest.mark.parametrize("position", [1, 3, 5, 7])
@pytest.mark.parametrize("invisible", list(ZERO_WIDTH))
def test_zero_width_characters_inside_a_thai_query_change_nothing(position, invisible):
    word = "ผู้สูงอายุ"
    assert query_terms(word[:position] + invisible + word[position:]) == query_terms(word)


def test_invisible_characters_inside_a_document_change_nothing():
    polluted = SENTENCE.replace("ผู้", "ผู้\u200b").replace("เชียง", "\u200dเชียง")
    assert index_terms(polluted) == index_terms(SENTENCE)


def test_mixed_thai_and_latin_query():
    terms = query_terms("SROI ผู้สูงอายุ Chiang Mai")
    assert {"sroi", "chiang", "mai", "ผู้สูงอายุ"} <= set(terms)


def test_mixed_document_indexes_latin_casefolded_and_joined():
    terms = index_terms("รายงาน SROI ของผู้สูงอายุ Chiang Mai, 2024!")
    assert {"รายงาน", "sroi", "ผู้สูงอายุ", "chiang", "mai", "2024", "chiangmai"} <= set(terms)
    assert "," not in terms and "!" not in terms
    # Latin and Thai tokens are never glued together.
    assert not any("sroi" in term and term != "sroi" for term in terms)


@pytest.mark.parametrize("variant", ["ผู้ สูงอายุ", "ผู้สูง อายุ", "ผู้ สูง อายุ", "ผู้สูงอายุ"])
def test_spacing_variants_of_a_query_match_the_sentence(sentence_terms, variant):
    terms = query_terms(variant)
    assert terms
    # Every term that is a dictionary word is indexed (here: all of them).
    assert [term for term in terms if term in dictionary()] == terms
    assert set(terms) <= sentence_terms


def test_document_with_a_space_matches_a_query_without_one():
    assert set(query_terms("ผู้สูงอายุ")) <= set(index_terms("บริการ ผู้ สูงอายุ ในชุมชน"))
    assert set(query_terms("ChiangMai")) <= set(index_terms("Chiang Mai"))


def test_sara_am_typed_as_two_characters_matches():
    decomposed = "ทํางาน"  # NIKHAHIT + SARA AA, as some keyboards and NFKC produce
    assert query_terms(decomposed) == query_terms("ทำงาน")
    assert set(query_terms("ทำงาน")) <= set(index_terms("การ" + decomposed + "ร่วมกัน"))


def test_query_strips_wildcards_quotes_and_brackets():
    assert query_terms('"ผู้สูงอายุ"') == ["ผู้สูงอายุ"]
    assert query_terms("%ผู้สูงอายุ%") == ["ผู้สูงอายุ"]
    assert query_terms("sroi_report*? [chiang] (mai) {x} <y> \\z “q”") == [
        "sroi",
        "report",
        "chiang",
        "mai",
        "x",
        "y",
        "z",
        "q",
    ]


def test_query_terms_are_deduplicated_and_bounded():
    assert query_terms("sroi SROI Sroi") == ["sroi"]
    many = " ".join(f"w{i}" for i in range(100))
    assert query_terms(many) == [f"w{i}" for i in range(MAX_QUERY_TERMS)]


def test_long_query_is_cut_at_a_word_boundary():
    terms = query_terms("abcdefghi " * 30)  # 300 characters, "abcdefghi" repeated
    assert terms == ["abcdefghi"]
    terms = query_terms("x" * 195 + " ผู้สูงอายุ")  # the cut would split the Thai word: drop it
    assert terms == []  # the 195-character token is longer than any index term


@pytest.mark.parametrize("value", BAD_INPUTS)
def test_bad_inputs_give_a_bounded_list(value):
    terms = query_terms(value)
    assert isinstance(terms, list)
    assert len(terms) <= MAX_QUERY_TERMS
    assert all(term and " " not in term for term in terms)
    assert isinstance(index_terms(value), list)


@pytest.mark.parametrize("value", ["", "   ", "\u200b\u200b", "%", "_", "\"'", "(.*)+", "\u202e\ufeff", "ๆ ฯ ฿"])
def test_empty_or_punctuation_only_queries_give_no_terms(value):
    assert query_terms(value) == []


@pytest.mark.parametrize("value", ["a" * 10000, "ก" * 10000, "ผู้สูงอายุ " * 1000, "\u200b" * 10000, "(.*)+" * 2000])
def test_a_10_kb_query_returns_in_bounded_time(value):
    dictionary()  # the one-time load is not part of a query's cost
    best = min(_elapsed(query_terms, value) for _ in range(3))
    assert best < 0.05


def _elapsed(function, value):
    start = time.perf_counter()
    function(value)
    return time.perf_counter() - start


def test_normalize():
    assert normalize("  SROI\u200b  Report\u00a0\u3000ผู้สูงอายุ\n") == "sroi report ผู้สูงอายุ"
    assert normalize("ทํางาน") == "ทำงาน"
    assert normalize("Straße") == "strasse"
    assert normalize("") == ""


def test_searchable_text_is_space_joined_index_terms():
    text = searchable_text(SENTENCE)
    assert text.split(" ") == index_terms(SENTENCE)
    assert "ผู้สูงอายุ" in text.split()


def test_index_terms_are_unique():
    terms = index_terms(SENTENCE + " " + SENTENCE)
    assert len(terms) == len(set(terms))


def test_dictionary_loads_once():
    assert dictionary() is dictionary()
    assert thai._dictionary.loaded


def test_concurrent_first_searches_wait_for_one_dictionary_load(monkeypatch):
    """A fresh process: N threads segment at once; one loads the dictionary and the others wait for it."""
    threads_count = 16
    loads = []
    all_started = threading.Barrier(threads_count)
    release = threading.Event()

    def counting_load():
        loads.append(threading.get_ident())
        # Hold the load until every thread has asked for the dictionary: without the lock each would load it.
        release.wait(timeout=30)
        return thai._load_dictionary()

    monkeypatch.setattr(thai, "_dictionary", thai.DictionaryLoader(counting_load))
    results = []

    def search():
        all_started.wait()
        results.append(segment(SENTENCE))

    workers = [threading.Thread(target=search) for _ in range(threads_count)]
    for worker in workers:
        worker.start()
    while not loads:
        time.sleep(0.01)
    time.sleep(0.3)  # the other threads reach the loader meanwhile
    release.set()
    for worker in workers:
        worker.join()

    assert len(loads) == 1
    assert len(results) == threads_count
    assert all(result == results[0] for result in results)
    assert "ผู้สูงอายุ" in results[0]


def test_the_web_application_loads_the_dictionary_at_start_up():
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.test'\n"
        "import config.wsgi, search.thai, sys\n"
        "sys.exit(0 if search.thai._dictionary.loaded else 1)"
    )
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


def test_management_commands_other_than_qcluster_do_not_load_it():
    code = (
        "import os, sys; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.test'\n"
        "import django; sys.argv = ['manage.py', 'migrate']; django.setup()\n"
        "import search.thai\n"
        "loaded_for_migrate = search.thai._dictionary.loaded\n"
        "from search.apps import preload_for_command\n"
        "preload_for_command(['manage.py', 'qcluster'])\n"
        "sys.exit(0 if (not loaded_for_migrate and search.thai._dictionary.loaded) else 1)"
    )
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


def test_module_imports_no_django():
    code = "import sys, search.thai; sys.exit(any(name.split('.')[0] == 'django' for name in sys.modules))"
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


# --- properties -------------------------------------------------------------------------------------------

_thai_chars = st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F)
_tricky_chars = st.sampled_from(list(ZERO_WIDTH + " \t\n\u00a0%_*?\\\"'()[]{}<>.,!-ําำ่"))
_query_text = st.one_of(
    st.text(),
    st.text(st.one_of(_thai_chars, _tricky_chars, st.characters()), max_size=400),
    st.lists(st.sampled_from([*THAI_WORDS[:5000], "SROI", "Chiang", "Mai", " ", "\u200b"]), max_size=80).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(_query_text)
def test_query_terms_never_raise_and_are_bounded(query):
    terms = query_terms(query)
    assert isinstance(terms, list)
    assert len(terms) <= MAX_QUERY_TERMS
    for term in terms:
        assert term
        assert not any(char.isspace() for char in term)
    assert len(terms) == len(set(terms))


@settings(max_examples=300, deadline=None)
@given(_query_text)
def test_query_terms_of_a_text_are_indexed_for_that_text(text):
    # A document is found by its own text: whatever a query produces, the index holds. (Short enough that the
    # 200-character query cut never applies, even after casefolding expands a character to three.)
    text = text[:60]
    assert set(query_terms(text)) <= set(index_terms(text))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.text(st.one_of(_thai_chars, _tricky_chars))))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(THAI_WORDS), min_size=2, max_size=6))
def test_every_word_of_a_random_sentence_is_indexed(words):
    terms = set(index_terms("".join(words)))
    assert [word for word in words if len(word) >= 3 and word not in terms] == []


def test_recall_on_random_sentences():
    """Measured recall of sampled dictionary words (length >= 3) in index_terms of their concatenation."""
    rng = random.Random(2024)
    found = total = 0
    missed = []
    for _ in range(2000):
        words = rng.sample(THAI_WORDS, rng.randint(2, 6))
        terms = set(index_terms("".join(words)))
        for word in words:
            if len(word) >= 3:
                total += 1
                if word in terms:
                    found += 1
                else:
                    missed.append(word)
    rate = found / total
    print(f"\nrecall of sampled words in index_terms: {found}/{total} = {rate:.2%}; missed e.g. {missed[:5]}")
    assert rate >= 0.95
