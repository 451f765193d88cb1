"""Hand-written quiz questions (quizzes/<role-id>.yml), and the one question model generated questions use too.

Generated and hand-written questions are the same `Question`, so one set of rules (a single right
answer, distinct choices, at least three choices) guards both: a broken hand-written question is
a content error at its line, a broken generated one is our bug and raises. A question that gives
its answer away (`give_aways`) is dropped by generation and an error in a quiz file.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Literal, NamedTuple

from pydantic import Field, model_validator

from .common import Slug, Strict, Text

MIN_CHOICES = 3


class Choice(Strict):
    text: Text
    correct: bool = False


class Question(Strict):
    id: Slug
    procedure: Slug | None = Field(default=None, description=(
        "Id of the procedure whose page answers the question. Leave it out for a question on the role's own duties, "
        "answered by the role file: its `anchor` is then a responsibility, requirement or KPI of the role."))
    anchor: Slug | None = Field(default=None, description=(
        "Id of the step, exception, rule or timing that answers it (or of the role's item, without `procedure`). A "
        "hand-written question replaces the generated ones on the same step, exception or rule and its numbers."))
    type: Literal["choice", "true-false"] = "choice"
    prompt: Text
    choices: list[Choice] = Field(default_factory=list, description="For `choice`: at least 3, exactly one marked `correct: true`.")
    answer: bool | None = Field(default=None, description="For `true-false`: whether the statement is true.")
    explanation: Text = Field(description="Why the answer is right; shown after answering and in the answer key.")

    @model_validator(mode="after")
    def _check_answerable(self) -> "Question":
        if self.procedure is None and self.anchor is None:
            raise ValueError("name the `procedure` that answers the question, or (a question on the role's own duties) "
                             "the role's item as `anchor`")
        if self.type == "true-false":
            if self.answer is None:
                raise ValueError("a true-false question needs `answer: true` or `answer: false`")
            if self.choices:
                raise ValueError("a true-false question has no `choices`; remove them or set `type: choice`")
            return self
        if self.answer is not None:
            raise ValueError("`answer` is only for true-false questions; mark the right choice with `correct: true`")
        if len(self.choices) < MIN_CHOICES:
            raise ValueError(f"a choice question needs at least {MIN_CHOICES} choices, found {len(self.choices)}")
        right = [i for i, c in enumerate(self.choices) if c.correct]
        if not right:
            raise ValueError("no choice is marked `correct: true`; mark the one right answer")
        if len(right) > 1:
            raise ValueError(f"choices {', '.join(f'[{i}]' for i in right)} are all marked correct; mark exactly one")
        for lang in ("zh", "en"):
            seen: dict[str, int] = {}
            for i, choice in enumerate(self.choices):
                text = choice.text.get(lang)
                if text in seen:
                    raise ValueError(f"choices [{seen[text]}] and [{i}] read the same in {lang} ('{text}'); every choice must differ")
                seen[text] = i
        return self

    @property
    def right(self) -> int | None:
        """Index of the right choice (choice questions)."""
        return next((i for i, c in enumerate(self.choices) if c.correct), None)


class Questions(Strict):
    """quizzes/<role-id>.yml: questions written by hand where generation cannot reach."""

    questions: list[Question] = Field(min_length=1)


# --- give-aways: a question a trainee could answer without knowing the job. Generation drops such a
# question; in a quizzes/<role-id>.yml file it is an error at the question's line. ---

# The key may be longer than the wrong choices, but not by this much: "two to three times longer
# than the rest" picks the answer out at a glance.
LONGEST_FACTOR = 1.5
LONGER_BY = 10  # characters: among short choices (titles, numbers) a few more are no give-away
# Nor much shorter than the wrong choices on average: the bare act ("Take a loaner unit with you")
# beside three that each add a step or a reason is the one to pick.
SHORTER_FACTOR = 0.7
SHORTER_BY = 5  # characters: 日报 beside 周报汇总 is no tell
# The key is more like the other choices than any of them is, by this much (the mean share of content
# words it has in common with each): each wrong choice is the key with one part changed, so the
# choice that agrees with the majority at every point is the key.
CENTRAL_BY = 0.05
# The key shares this many topic words (Chinese: character pairs) with the prompt while no wrong
# choice shares half as many: the answer repeats the question.
ECHO_WORDS = 3


def give_aways(question: Question) -> list[str]:
    """Why a choice question gives its answer away, in either language (empty when it does not): the
    key far longer than every wrong choice or far shorter than their average, the choice most like
    the others, alone in repeating the prompt's words, held whole in a wrong choice (the same act,
    or the act and more: "Report to the centre" beside "Report to the centre and act on its
    instructions"), or two wrong choices put together."""
    if question.type != "choice":
        return []
    reasons = []
    for lang in ("zh", "en"):
        key = question.choices[question.right].text.get(lang)
        wrong = [(i, c.text.get(lang)) for i, c in enumerate(question.choices) if not c.correct]
        longest = max(len(w) for _, w in wrong)
        if len(key) > LONGEST_FACTOR * longest and len(key) - longest >= LONGER_BY:
            reasons.append(f"{lang}: the answer is over {LONGEST_FACTOR} times as long as every wrong choice")
        average = sum(len(w) for _, w in wrong) / len(wrong)
        if len(key) < SHORTER_FACTOR * average and average - len(key) >= SHORTER_BY:
            reasons.append(f"{lang}: the answer is under {SHORTER_FACTOR} of the wrong choices' average length")
        asked = topic_words(question.prompt.get(lang), lang)
        echo = len(topic_words(key, lang) & asked)
        if echo >= ECHO_WORDS and all(2 * len(topic_words(w, lang) & asked) < echo for _, w in wrong):
            reasons.append(f"{lang}: only the answer repeats the question's words")
        answer = content_words(key, lang)
        if not answer:  # nothing to compare (an English text standing in the Chinese)
            continue
        parts = [(i, content_words(w, lang)) for i, w in wrong]
        closeness = _closeness([answer, *(words for _, words in parts)])
        if closeness[0] > max(closeness[1:]) + CENTRAL_BY:
            reasons.append(f"{lang}: the answer is the choice most like the others (each wrong choice the answer with one part "
                           "changed, so the majority at every point gives it)")
        for i, words in parts:
            if holds(words, answer):
                reasons.append(f"{lang}: choice [{i}] holds every content word of the answer (the same act, or the act and more)")
        halves = [(i, words) for i, words in parts if holds(answer, words)]
        for n, (i, first) in enumerate(halves):
            for j, second in halves[n + 1:]:
                if first.words | second.words == answer.words:
                    reasons.append(f"{lang}: the answer is choices [{i}] and [{j}] put together")
    return reasons


def _closeness(choices: list[Words]) -> list[float]:
    """For each choice, the mean share of content words it has in common with each other choice."""
    def share(a: frozenset[str], b: frozenset[str]) -> float:
        return len(a & b) / len(a | b) if a | b else 0.0
    sets = [c.words for c in choices]
    return [sum(share(a, b) for j, b in enumerate(sets) if j != i) / (len(sets) - 1) for i, a in enumerate(sets)]


class Words(NamedTuple):
    """What a choice says, to compare choices: its content words and numbers in the order it says
    them; `ordered` when it says an order itself (先…再, "first", "then")."""

    tokens: tuple[str, ...]
    ordered: bool

    def __bool__(self) -> bool:
        return bool(self.tokens)

    @property
    def words(self) -> frozenset[str]:
        return frozenset(t for t in self.tokens if not t.isdigit())

    @property
    def numbers(self) -> tuple[str, ...]:
        return tuple(t for t in self.tokens if t.isdigit())

    @property
    def gist(self) -> tuple[frozenset[str], tuple[str, ...]]:
        """What two answers must share to say the same: the content words, and the numbers in order."""
        return self.words, self.numbers


def holds(outer: Words, inner: Words) -> bool:
    """Whether `outer` says all that `inner` says: each word as often (当天…当天 is not 当天…第二天),
    numbers in order (two rounds of three taps are no three rounds of two), and the words in order
    where `inner` says an order ("the clerk, then the customer" is no "the customer, then the
    clerk"); otherwise its clauses may come in any order."""
    if Counter(t for t in inner.tokens if not t.isdigit()) - Counter(t for t in outer.tokens if not t.isdigit()):
        return False  # a word said twice must be there twice
    rest = iter(outer.tokens if inner.ordered else outer.numbers)
    return all(token in rest for token in (inner.tokens if inner.ordered else inner.numbers))


# Words that say nothing of the act: English stop words; Chinese particles, pronouns, conjunctions.
_STOP_WORDS = frozenset("the a an and or of to in on for your you it is are be with by at as that this they them their if any "
                        "not do from its into so what who how which when there then".split())
_FUNCTION_CHARACTERS = frozenset("的地得了着过和与及或并且而把被将是在也都就之其这那此个你您我他她它们吗呢吧啊")
_ORDER_WORDS = {"zh": re.compile(r"先|再|然后|之后"), "en": re.compile(r"\b(first|then|before|after|afterwards)\b")}
_NUMBER_WORDS = {w: str(n) for n, w in enumerate("zero one two three four five six seven eight nine ten".split())}


@lru_cache(maxsize=None)
def content_words(text: str, lang: str) -> Words:
    """English: lowercase words (plural-blind) but stop words; Chinese: characters but function
    characters; numbers as digits (English number words too); the set of words, all in order, and
    whether the text says an order."""
    if lang == "zh":
        tokens = [t for t in re.findall(r"[\u4e00-\u9fff]|\d+", text) if t not in _FUNCTION_CHARACTERS]
    else:
        tokens = [w if w.isdigit() else w.removesuffix("s")
                  for w in (_NUMBER_WORDS.get(w, w) for w in re.findall(r"[a-z0-9]+", text.lower())) if w not in _STOP_WORDS]
    return Words(tuple(tokens), bool(_ORDER_WORDS[lang].search(text.lower())))


@lru_cache(maxsize=None)
def topic_words(text: str, lang: str) -> frozenset[str]:
    """What a text is about, to compare with a prompt: English content words (plural-blind), Chinese
    character pairs."""
    if lang == "zh":
        han = re.sub(r"[^\u4e00-\u9fff]", "", text)
        return frozenset(han[i:i + 2] for i in range(len(han) - 1))
    return frozenset(w.removesuffix("s") for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in _STOP_WORDS)
