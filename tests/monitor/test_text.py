"""Text features: the template keys (first and last three words) and content words."""

from __future__ import annotations

from gatehouse.monitor.text import closing, content_words, opening, stable_hash


def test_opening_is_the_first_three_words_lowercased() -> None:
    assert opening("  Explain, the X-ray of y") == stable_hash("explain the x")
    assert opening("Hi!") == stable_hash("hi")
    assert opening("...") == 0 and opening("") == 0
    # only the first 200 characters are read
    assert opening(" " * 199 + "word and more") == stable_hash("w")


def test_closing_is_the_last_three_words_and_needs_three() -> None:
    assert closing("Some slot content. Answer in JSON, please!") == stable_hash("$in json please")
    assert closing("two words") == 0
    assert closing("a b c") == stable_hash("$a b c")
    assert closing("x" * 10 + " end of it" + " " * 5) == stable_hash("$end of it")


def test_content_words_are_distinct_non_stopwords_in_order_up_to_the_limit() -> None:
    words = content_words("The turbine and the TURBINE silt, silt: reservoir flow", limit=3)
    assert words == content_words("turbine silt reservoir")
    assert len(content_words("alpha beta gamma delta", limit=2)) == 2
