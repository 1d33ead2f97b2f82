"""Text features: the template keys (first and last three words), content words and the cues."""

from __future__ import annotations

import random
import re
import zlib

import pytest

from gatehouse.monitor.text import (
    STOPWORDS,
    closing,
    content_words,
    opening,
    preference_cue,
    reasoning_cue,
    stable_hash,
)

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


def _words_read_whole(text: str, limit: int) -> list[int]:
    """content_words by its definition: every word of the first 4,000 characters, then distinct
    ones in order of first use, stopwords dropped, the first `limit` hashed."""
    words = dict.fromkeys(re.findall(r"[a-z][a-z'-]{2,}", text[:4000].lower()))
    return [zlib.crc32(w.encode()) for w in words if w not in STOPWORDS][:limit]


def test_content_words_read_in_stretches_are_the_words_of_the_whole_window() -> None:
    # long texts are read a stretch at a time, cut at spaces, until `limit` words are kept: words
    # that straddle a stretch's end, texts without spaces, hyphens and apostrophes, repeats across
    # stretches, a limit reached late or never, and the 4,000-character window's edge
    rng = random.Random(7)
    vocab = ["".join(rng.choice("abcdefghij") for _ in range(rng.randrange(2, 9))) for _ in range(120)]
    vocab += ["step-by-step", "don't", "the", "x-ray", "ab", "-lead", "9th"]
    seps = [" ", "  ", "\t", "\n", ", ", "-", " - ", "'", "é", ""]
    texts = ["", " ", "a" * 5000, "word " * 1000, ("longword" * 100 + " ") * 8, " " * 3998 + "edge words",
             "z" * 3995 + " tail"]
    for _ in range(400):
        n = rng.randrange(1, 900)
        texts.append("".join(rng.choice(vocab).upper() if rng.random() < 0.1 else rng.choice(vocab)
                             + rng.choice(seps) for _ in range(n)))
    for text in texts:
        for limit in (48, 3, 1000):
            assert content_words(text, limit) == _words_read_whole(text, limit), (text[:80], limit)


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
