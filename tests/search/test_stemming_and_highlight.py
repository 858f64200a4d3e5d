"""English stemming (both sides of the index) and highlighted, escaped snippets."""

import pytest

from search.highlight import highlight, snippet_window
from search.stemming import stem


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["report", "reports", "reporting", "reported"], "report"),
        (["community", "communities"], "community"),
        (["source", "sources", "sourcing"], "sourc"),
        (["invest", "investing", "investment"], "invest"),
        (["plan", "planning"], "plan"),
        (["education", "educational", "educate"], "educat"),
    ],
)
def test_inflections_share_a_stem(words, expected):
    assert {stem(word) for word in words} == {expected}


@pytest.mark.parametrize("word", ["business", "status", "analysis", "sroi", "mai", "2567", "ผู้สูงอายุ", "co2"])
def test_words_that_must_not_change(word):
    assert stem(word) == word


def test_highlight_marks_matches_and_escapes_everything_else():
    html = highlight('<b>โครงการ</b> ผู้สูงอายุ & "Reports"', ("ผู้สูงอายุ", "report"))
    assert html == "&lt;b&gt;โครงการ&lt;/b&gt; <mark>ผู้สูงอายุ</mark> &amp; &quot;<mark>Reports</mark>&quot;"


def test_highlight_of_a_hostile_term_is_escaped():
    assert highlight("a <script> b", ("<script>",)) == "a <mark>&lt;script&gt;</mark> b"
    assert highlight("(.*)+ text", ("(.*)+",)) == "<mark>(.*)+</mark> text"


def test_snippet_window_centres_on_the_first_match():
    text = "ก" * 500 + " ผู้สูงอายุ " + "ข" * 500
    window = snippet_window(text, ("ผู้สูงอายุ",))
    assert "ผู้สูงอายุ" in window and window.startswith("…") and window.endswith("…")
    assert len(window) <= 230
    assert snippet_window("short", ("x",)) == "short"
