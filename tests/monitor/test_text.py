"""Text features: the template keys (first and last three words), content words and the cues."""

from __future__ import annotations

import pytest

from gatehouse.monitor.text import closing, content_words, opening, preference_cue, reasoning_cue, stable_hash

# one phrase for each way the cue's pattern matches, in mixed case inside other text: the cues scan
# for literals first (`_REASONING_KEYS`, `_PREFERENCE_KEYS`), so a way of matching that holds none
# of them would be lost without a word
REASONING = ["Solve it Step-by-step", "show all work", "SHOW YOUR STEPS", "show reasoning", "chain of thought",
             "Chain-of-Thought", "think carefully", "think out loud", "reasoning explicitly", "reason through it",
             "explain your logic", "explain your thinking", "<think>", "walk me through your reasoning",
             "walk through the logic", "before stating the final answer", "before giving your answer",
             "justify each step", "a full derivation"]
PREFERENCE = ["Response A: ... Response B: ...", "compare response b", "Answer A is long; answer B is short",
              "Which completion is better?", "which reply is more helpful", "which output is better",
              "Rank the following answers", "rank these outputs", "the preferred response", "preferred answer",
              "rate each completion", "Rate both responses", "rate the following answers",
              "chosen and rejected pairs", "pairwise comparison"]


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


@pytest.mark.parametrize("phrase", REASONING)
def test_every_way_of_asking_for_reasoning_is_a_cue(phrase: str) -> None:
    assert reasoning_cue(f"Context first.\n{phrase} please") and not preference_cue(f"Context first.\n{phrase}")


@pytest.mark.parametrize("phrase", PREFERENCE)
def test_every_way_of_asking_for_a_preference_is_a_cue(phrase: str) -> None:
    assert preference_cue(f"Here are two drafts. {phrase} now")


def test_ordinary_text_is_no_cue() -> None:
    text = "Before the meeting, show me which steps reason about the chain of custody; generate a rate table."
    assert not reasoning_cue("Summarize the quarterly report for the board in five bullet points.")
    assert not preference_cue(text)  # holds several of the literals, not the phrases
    assert reasoning_cue(text.replace("show me", "show your steps,")) is True
