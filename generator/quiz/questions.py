"""A role's quiz: questions generated from its procedures plus those written by hand for it.

A question exists only when its wrong choices are ones a trainee who does not know the job could
believe. So generation asks:

- numbers: every typed number, against other values of the same unit and shape near it (the role's
  real numbers first: 2 hours against the 3-hour call-back), never one a related number makes
  defensible (inside a range that holds the answer, between two thresholds of the same procedure);
- scenario: an exception, against the `mistakes` written for it (none from another procedure);
- rules: a rule with `mistakes`: which is required (always-rules) or forbidden (never-rules).

An exception or rule without mistakes is not asked: its fact is asked elsewhere, or it is too plain
to ask. Order is not asked: not within a procedure (the source rarely gives one, and step texts
carry their own order words: "the other cover", "finally"), nor which stage of the visit comes
next (common sense answers it: you knock before you enter); neither are glossary terms (the
English terms name their meaning). Hand-written questions (quizzes/<role-id>.yml) ask the rest and
replace the generated questions on the same step, exception or rule. One fact, one question: a
number is asked once per quiz and once per value in a procedure.

A procedure's text speaks to its first role ("you" is the engineer in a visit procedure), so only
that role is asked about it by generation; other roles' part, and their own duties (anchored at
their role file's items), is hand-written in their words. Generated questions that give themselves
away (`give_aways`: the key far longer than every wrong choice or far shorter than their average,
the choice most like the others, alone in echoing the prompt, held whole in a wrong choice, or two
wrong choices put together) are dropped; `coverage` lists what a role's quiz leaves unasked.
tests/test_quiz.py holds each rule.

Questions are language-neutral (`Text` on every field) so the zh and en quizzes are the same
questions in the same order; renderers pick a language. Generation is deterministic for a seed.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from ..knowledge import KnowledgeBase
from ..model import Choice, Measure, Procedure, Question, Role, Text
from ..model.procedure import MIN_MISTAKES
from ..model.quiz import MIN_CHOICES, content_words, give_aways
from ..wording import LANGS, QUIZ_PHRASES as _PHRASES, format_amount, format_escalation, format_source

KINDS = ("numbers", "scenario", "rules", "hand-written")

DISTRACTORS = 3  # four choices when the content has enough material, never fewer than MIN_CHOICES


@dataclass(frozen=True)
class QuizQuestion:
    kind: str  # one of KINDS
    question: Question
    # Unique within the quiz (the browser keeps progress by it, GIFT names questions by it). The
    # kind keeps a hand-written id apart from a generated one that happens to read the same.
    uid: str
    role: str = ""  # whose quiz: a question on the role's own duties links to the role's page

    @property
    def link(self) -> str:
        """Site path of the answer, relative to the language root: procedures/<id>/#<anchor>, or the
        role's page for a question on the role's own duties."""
        q = self.question
        if q.procedure is None:
            return f"roles/{self.role}/"
        return f"procedures/{q.procedure}/" + (f"#{q.anchor}" if q.anchor else "")


@dataclass(frozen=True)
class Quiz:
    role: Role
    seed: int
    questions: tuple[QuizQuestion, ...]

    def counts(self) -> dict[str, int]:
        """Questions per kind, in KINDS order (kinds with none left out)."""
        found = [q.kind for q in self.questions]
        return {kind: found.count(kind) for kind in KINDS if kind in found}


def build_quiz(kb: KnowledgeBase, role: Role, seed: int = 0) -> Quiz:
    """Every question for `role`, grouped by procedure in visit order, then those on the role's own
    duties; choices shuffled by `seed`. One answer, one question: a generated question whose answer
    says what an earlier one's says (in either language) is dropped, as if it gave itself away (the
    trainee who learns "report to the centre and act on its instructions" would pass six questions)."""
    procedures = kb.procedures_of(role)
    hand = kb.hand_written.get(role.id, ())
    replaced = {_item_key(kb, q) for q in hand if q.procedure is not None and q.anchor is not None}
    answers = {key for q in hand for key in _answer_words(q)}
    by_procedure: dict[str, list[tuple[str, Question]]] = {p.id: [] for p in procedures}
    for kind, question in generated_questions(kb, role, seed):
        if _item_key(kb, question) in replaced or give_aways(question):
            continue
        if kind != "numbers":  # a number is no act: two facts may be the same 2 hours
            said = _answer_words(question)
            if said & answers:
                continue
            answers |= said
        by_procedure[question.procedure].append((kind, question))
    duties: list[tuple[str, Question]] = []
    for question in hand:
        (by_procedure[question.procedure] if question.procedure else duties).append(("hand-written", question))
    ordered = [(kind, _cited(kb, role, kind, question)) for p in procedures for kind, question in by_procedure[p.id]]
    ordered += [(kind, _cited(kb, role, kind, question)) for kind, question in duties]
    uids = _unique_ids(f"{kind}/{question.id}" for kind, question in ordered)
    place = _key_places(seed, role.id)
    return Quiz(role, seed, tuple(QuizQuestion(kind, _shuffled(question, seed, place), uid, role.id)
                                  for (kind, question), uid in zip(ordered, uids)))


def generated_questions(kb: KnowledgeBase, role: Role, seed: int) -> Iterator[tuple[str, Question]]:
    """(kind, question) of every question generation can make for `role`, before hand-written ones
    replace some and give-aways are dropped."""
    spoken_to = [p for p in kb.procedures_of(role) if p.roles[0] == role.id]
    for kind, generate in (("numbers", _numbers), ("scenario", _scenarios), ("rules", _rules)):
        for question in generate(kb, role, spoken_to, seed):
            yield kind, question


def _answer_words(question: Question) -> set[tuple[str, tuple]]:
    """What a choice question's answer says, per language, in content words (empty for true/false)."""
    if question.type != "choice":
        return set()
    words = {(lang, content_words(question.choices[question.right].text.get(lang), lang)) for lang in LANGS}
    return {(lang, said.gist) for lang, said in words if said}


def _item_key(kb: KnowledgeBase, question: Question) -> tuple[str, str | None]:
    """The step, exception or rule a question asks about: a timing counts as the item that holds it."""
    procedure = kb.procedure_by_id[question.procedure]
    holders = {m.id: s.id for s in procedure.steps for m in s.timings}
    holders.update({m.id: e.id for e in procedure.exceptions for m in e.timings})
    return procedure.id, holders.get(question.anchor, question.anchor)


def answered_by_ours(kb: KnowledgeBase, role: Role, question: Question) -> bool:
    """Whether the answer is a step, exception or rule of ours, or a role item of ours."""
    if question.procedure is None:
        return role.items[question.anchor].own
    return kb.procedure_by_id[question.procedure].is_own(question.anchor)


def cited_source(kb: KnowledgeBase, role: Role, question: Question) -> str | None:
    """The source section that answers a question (an exception's own, narrower section when it names
    one), or None when the answer is ours."""
    if answered_by_ours(kb, role, question):
        return None
    if question.procedure is None:
        return role.items[question.anchor].source
    procedure = kb.procedure_by_id[question.procedure]
    case = next((e for e in procedure.exceptions if e.id == question.anchor and e.source), None)
    return case.source if case else procedure.source


def own_basis(kb: KnowledgeBase, role: Role, question: Question) -> str | None:
    """The source section an answer of ours builds on: a role item of ours names it (the source says
    the centre calls an unsure repair back after 3 hours; that the centre clerk sees to it is ours)."""
    if question.procedure is None and answered_by_ours(kb, role, question):
        return role.items[question.anchor].source
    return None


def _cited(kb: KnowledgeBase, role: Role, kind: str, question: Question) -> Question:
    """A question answered by something of ours says so in its explanation, so that nobody takes
    what we teach instead of the source (an honest reason, a safer way) for the source; with the
    section it builds on, where it names one."""
    if not answered_by_ours(kb, role, question):
        return question
    basis = own_basis(kb, role, question)
    if basis is None:
        return question.model_copy(update={"explanation": _say(_PHRASES["own_why"], question.explanation)})
    section = _derived(zh=format_source(basis, "zh"), en=format_source(basis, "en"))
    return question.model_copy(update={"explanation": _say(_PHRASES["own_why_from"], question.explanation, section)})


def _unique_ids(ids: Iterable[str]) -> list[str]:
    """The ids, a repeated one numbered (x, x-2, x-3...) so every question keeps its own slot."""
    seen: set[str] = set()
    out = []
    for base in ids:
        uid, n = base, 1
        while uid in seen:
            n += 1
            uid = f"{base}-{n}"
        seen.add(uid)
        out.append(uid)
    return out


def sample_quiz(quiz: Quiz, size: int) -> Quiz:
    """At most `size` questions, every kind represented (taken in turn, each kind's questions in a
    seeded order), returned in visit order: a quiz a trainee can finish in one sitting."""
    if len(quiz.questions) <= size:
        return quiz
    by_kind: dict[str, list[int]] = {}  # positions in the quiz: distinct even if two questions read alike
    for i, item in enumerate(quiz.questions):
        by_kind.setdefault(item.kind, []).append(i)
    for kind, positions in by_kind.items():
        random.Random(f"{quiz.seed}:{quiz.role.id}:{kind}").shuffle(positions)
    chosen: set[int] = set()
    while len(chosen) < size:  # each round takes one position or more, and size < len(questions): it ends
        for positions in by_kind.values():
            if positions and len(chosen) < size:
                chosen.add(positions.pop())
    return Quiz(quiz.role, quiz.seed, tuple(q for i, q in enumerate(quiz.questions) if i in chosen))


@lru_cache(maxsize=None)  # choices repeat across many questions and pages
def plain(text: str) -> str:
    """Inline Markdown to plain text, for outputs that show text as is (GIFT, the quiz script)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|__|\*|`)(.+?)\1", r"\2", text)


# --- generators: each yields valid Questions (construction validates them) ---


def _numbers(kb: KnowledgeBase, role: Role, procedures: list[Procedure], seed: int) -> Iterator[Question]:
    """Each number the role must know, once: a timing that two procedures share (arriving 5–10
    minutes early) is asked where it first appears, two numbers of one procedure with the same value
    (less and more than 15 minutes late) are one threshold, asked once, and an exception asked as a
    scenario keeps its numbers in its answer."""
    real = [m for p in procedures for m in p.measures()]
    asked: set[str] = set()
    for proc in procedures:
        values: set[tuple] = set()
        held = [(s.text, s.text, m) for s in proc.steps for m in s.timings]
        # An exception asked as a scenario states its numbers in the answer: they are asked there.
        held += [(e.then, _join(e.when, e.then), m) for e in proc.exceptions if len(e.mistakes) < MIN_MISTAKES for m in e.timings]
        for action, context, measure in held:
            value = (measure.kind, measure.amount)
            if measure.id in asked or value in values or _other_actor(action, role):
                continue
            asked.add(measure.id)
            values.add(value)
            qid = _qid("number", proc.id, measure.id)
            answer = _number_choice(measure, measure.amount)
            wrong = [_number_choice(measure, amount) for amount in _wrong_amounts(measure, proc, real)]
            choices = _choices(answer, [wrong], seed, qid, keep_order=True)
            if choices:
                yield Question(
                    id=qid, procedure=proc.id, anchor=measure.id, choices=choices,
                    prompt=_join(_phase_title(kb, proc), _number_prompt(measure)),
                    explanation=_say(_PHRASES["number_why"], _capitalised(measure.what), answer, proc.title, context),
                )


# Values a wrong choice may take, per unit, as a trainee might misremember them.
_LADDERS = {
    "seconds": (5, 10, 15, 20, 30, 45, 60, 90, 120),
    "minutes": (1, 2, 3, 5, 10, 15, 20, 30, 45, 60),
    "hours": (1, 2, 3, 4, 6, 8, 12, 24, 48),
    "days": (1, 2, 3, 5, 7, 14, 30),
    "months": (1, 2, 3, 6, 12, 24, 36),
    "count": (1, 2, 3, 4, 5, 6, 8, 10),
}
_RANGE_LADDERS = {
    "seconds": ((5, 10), (10, 20), (20, 30), (30, 60)),
    "minutes": ((1, 2), (2, 3), (3, 5), (5, 10), (10, 15), (15, 20), (20, 30), (30, 60)),
    "hours": ((1, 2), (2, 3), (2, 4), (3, 5), (4, 8), (8, 12), (12, 24)),
    "days": ((1, 2), (2, 3), (3, 5), (5, 7), (7, 14)),
    "months": ((1, 2), (1, 3), (3, 6), (6, 12)),
    "count": ((1, 2), (2, 3), (3, 5), (5, 10)),
}
_REAL_PULL = 0.5  # a real number of the role counts as this much nearer: it is the one trainees confuse


def _wrong_amounts(measure: Measure, proc: Procedure, real: list[Measure]) -> list[int | tuple[int, int]]:
    """Wrong values for `measure`: the same unit and shape (ranges among ranges), from the role's
    real numbers and the unit's ladder, the nearest on each side. None that a related number makes
    defensible: a value inside a range of the role that holds the answer (knocking 10 minutes
    early, beside arriving 5–10 minutes early), a range sharing a value with the answer, or a value
    between the answer and another threshold of the same unit and shape in the same procedure
    (tuning is free within 1 month and charged after 3: the source says nothing of 2 months).

    How many lie below the answer is drawn per number (`_key_rank`): taking the nearest values
    alone puts a small answer (1 hour, 1 pair) and most others at the bottom of the list, and a
    trainee who always picks the smallest value would pass."""
    answer = _span(measure.amount)
    ranged = isinstance(measure.amount, tuple)
    same_unit = [m for m in real if _unit(m) == _unit(measure)]
    holding = [_span(m.amount) for m in same_unit if isinstance(m.amount, tuple) and _overlaps(_span(m.amount), answer)]
    siblings = [_span(m.amount) for m in proc.measures()
                if _unit(m) == _unit(measure) and isinstance(m.amount, tuple) == ranged and m.id != measure.id]
    def allowed(amount) -> bool:
        low, high = _span(amount)
        if _overlaps((low, high), answer) or any(_overlaps((low, high), span) for span in holding):
            return False
        return not any(min(s[0], answer[0]) <= low and high <= max(s[1], answer[1]) for s in siblings)
    real_amounts = {m.amount for m in same_unit if isinstance(m.amount, tuple) == ranged}
    ladder = _RANGE_LADDERS[measure.kind] if ranged else _LADDERS[measure.kind]
    candidates = sorted({*real_amounts, *ladder} - {measure.amount},
                        key=lambda a: (_distance(a, measure.amount) * (_REAL_PULL if a in real_amounts else 1), _span(a)))
    candidates = [a for a in candidates if allowed(a)]
    below = [a for a in candidates if _span(a) < answer]
    above = [a for a in candidates if _span(a) > answer]
    rank = _key_rank(f"{proc.id}:{measure.id}", len(below), len(above))
    if rank is None:  # too few values on one side for four choices: the nearest that there are
        return candidates[:DISTRACTORS]
    return below[:rank] + above[:DISTRACTORS - rank]


def _key_rank(key: str, below: int, above: int) -> int | None:
    """How many wrong values go below the answer: 0 when only that is possible (nothing smaller
    than 1 hour), else one of the possible counts from 1 up, drawn from `key` so a number's choices
    stay the same from quiz to quiz. Over a quiz the answer then sits at every place in size."""
    possible = [r for r in range(DISTRACTORS + 1) if r <= below and DISTRACTORS - r <= above]
    if not possible:
        return None
    upper = [r for r in possible if r > 0] or possible
    return upper[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(upper)]


def _unit(measure: Measure) -> tuple[str, str | None]:
    """What a number counts in: a duration's unit, or a count's own unit (3 taps are no 3 pairs)."""
    return measure.kind, measure.unit.zh if measure.unit else None


def _span(amount: int | tuple[int, int]) -> tuple[int, int]:
    return amount if isinstance(amount, tuple) else (amount, amount)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _distance(a: int | tuple[int, int], b: int | tuple[int, int]) -> float:
    """How far apart two amounts of one unit are in size, on a log scale, taking the middle of a range."""
    def middle(amount) -> float:
        low, high = _span(amount)
        return max((low + high) / 2, 0.5)
    return abs(math.log(middle(a)) - math.log(middle(b)))


def _scenarios(kb: KnowledgeBase, role: Role, procedures: list[Procedure], seed: int) -> Iterator[Question]:
    """Each exception with its mistakes: the right action against the wrong ones written for that case.
    Not those whose action someone else takes ("The outlet clerk chases it..."): that role is asked
    in its own quiz, in its words."""
    for proc in procedures:
        for exc in proc.exceptions:
            if len(exc.mistakes) < MIN_MISTAKES or _other_actor(exc.then, role):
                continue
            qid = _qid("scenario", proc.id, exc.id)
            choices = _choices(_unreferenced(exc.then), [exc.mistakes], seed, qid)
            if not choices:
                continue
            explanation = exc.then
            if exc.escalate_to:  # who takes over, in the words the page and the checklist use
                explanation = _say(_PHRASES["handed_over"], exc.then, Text.model_construct(
                    zh=format_escalation(exc.escalate_to, "zh"), en=format_escalation(exc.escalate_to, "en")))
            yield Question(
                id=qid, procedure=proc.id, anchor=exc.id, choices=choices,
                prompt=_join(_phase_title(kb, proc), _say(_PHRASES["scenario"], _trimmed(exc.when))), explanation=explanation,
            )


def _rules(kb: KnowledgeBase, role: Role, procedures: list[Procedure], seed: int) -> Iterator[Question]:
    """Each rule with its mistakes. An always-rule: which of these does the standard require, against
    ways of falling short of it; a never-rule: which does it forbid, against acts near it that are
    allowed. Never a forbidden act against required ones (or the reverse): the odd one out would
    give itself away."""
    for proc in procedures:
        for rule in proc.rules:
            if len(rule.mistakes) < MIN_MISTAKES:
                continue
            qid = _qid("rule", proc.id, rule.id)
            choices = _choices(rule.text, [rule.mistakes], seed, qid)
            if choices:
                ours = "_ours" if rule.own else ""
                yield Question(
                    id=qid, procedure=proc.id, anchor=rule.id, choices=choices,
                    prompt=_join(_phase_title(kb, proc), _PHRASES[("required" if rule.kind == "always" else "forbidden") + ours]),
                    explanation=_say(_PHRASES["rule_says" + ours], _PHRASES[rule.kind], rule.text),
                )


# A pointer to another page ("(see Phoning the customer)"): on the page a link, in a choice a tell.
_REFERENCE = {"zh": re.compile(r"（见[^）]*）"), "en": re.compile(r"\s*\(see [^)]*\)")}


def _unreferenced(text: Text) -> Text:
    return _derived(*(_REFERENCE[lang].sub("", text.get(lang)) for lang in LANGS))


# An action stated with someone else as its subject: "The centre clerk picks it up...", "Every day the
# outlet clerk reconciles...".
_ACTORS = {"clerk": "information-clerk", "manager": "manager", "agent": "support-agent", "centre": None, "engineer": "engineer"}
_OTHER_ACTOR = re.compile(r"^(?:(?:every|each)\s+day,?\s+(?:at\s+a\s+fixed\s+time,\s+)?|normally,?\s+)?"
                          r"(?:the|an?)\s+(?:[\w-]+\s+){0,2}?(clerk|manager|agent|centre|engineer)s?\b", re.IGNORECASE)


def _other_actor(text: Text, role: Role) -> bool:
    """Whether `text` says what someone other than `role` does."""
    found = _OTHER_ACTOR.match(text.get("en"))
    return found is not None and _ACTORS[found.group(1).lower()] != role.id


# --- helpers ---


def _qid(*parts: str) -> str:
    """A question id from what it asks about; stable across runs (browsers keep progress by it).
    Ids are slugs of at most 64 characters, so long ones keep a readable head and a hash of the rest."""
    qid = "-".join(parts)
    if len(qid) <= 64:
        return qid
    return f"{qid[:55].rstrip('-')}-{hashlib.sha1(qid.encode()).hexdigest()[:8]}"


def _choices(answer: Text, tiers: Iterable[Iterable[Text]], seed: int, qid: str, keep_order: bool = False) -> list[Choice] | None:
    """The answer plus up to DISTRACTORS distinct wrong choices, nearest tier first (in a tier, a seeded
    pick, or the tier's own order with `keep_order`); None when too few. A candidate that reads like
    the answer or an earlier choice in either language is dropped, so no question has two identical
    choices."""
    rng = random.Random(f"{seed}:{qid}:distractors")
    seen = {(lang, answer.get(lang)) for lang in LANGS}
    wrong: list[Text] = []
    for tier in tiers:
        pool = list(tier)
        if not keep_order:
            rng.shuffle(pool)
        for candidate in pool:
            keys = {(lang, candidate.get(lang)) for lang in LANGS}
            if len(wrong) == DISTRACTORS or keys & seen:
                continue
            seen |= keys
            wrong.append(candidate)
    if len(wrong) + 1 < MIN_CHOICES:
        return None
    return [Choice(text=answer, correct=True), *(Choice(text=t) for t in wrong)]


def _key_places(seed: int, role_id: str) -> Callable[[int], int]:
    """Where each next question's right answer goes among its n choices: the place used least so far
    in this quiz (ties drawn by `seed`), so a trainee who always picks A, or the place that came up
    least, gains nothing; chance alone put 12 of 25 keys at A."""
    used: Counter[int] = Counter()
    rng = random.Random(f"{seed}:{role_id}:key-places")

    def place(n: int) -> int:
        fewest = min(used[i] for i in range(n))
        slot = rng.choice([i for i in range(n) if used[i] == fewest])
        used[slot] += 1
        return slot
    return place


def _shuffled(question: Question, seed: int, place: Callable[[int], int]) -> Question:
    if not question.choices:
        return question
    wrong = [c for c in question.choices if not c.correct]
    random.Random(f"{seed}:{question.id}:order").shuffle(wrong)
    wrong.insert(place(len(question.choices)), next(c for c in question.choices if c.correct))
    return question.model_copy(update={"choices": wrong})


def _derived(zh: str, en: str) -> Text:
    """Text put together from content that was validated on loading and from our own templates:
    validating it again is most of the cost of a quiz at a thousand procedures."""
    return Text.model_construct(zh=zh, en=en)


def _say(template: Text, *parts: Text | str, **numbers: int) -> Text:
    """Fill a bilingual template with bilingual parts, language by language."""
    def fill(lang: str) -> str:
        return template.get(lang).format(*(p.get(lang) if isinstance(p, Text) else p for p in parts), **numbers)
    return _derived(zh=fill("zh"), en=fill("en"))


def _phase_title(kb: KnowledgeBase, proc: Procedure) -> Text:
    """Where in the visit a generated question is set: the phase, not the procedure, whose title may
    name the answer of a question beside it (赠送小礼品和服务名片 beside "you are late: what do you
    do?", Showing the fees up front beside a question on when to show them)."""
    return kb.phase_by_id[proc.phase].title


def _join(head: Text, tail: Text) -> Text:
    """'Title: rest' with the rest capitalised in English and a full-width colon in Chinese."""
    return _derived(zh=f"{head.get('zh')}：{tail.get('zh')}", en=f"{head.get('en')}: {_capitalised(tail).en}")


def _capitalised(text: Text) -> Text:
    en = text.get("en")
    return _derived(zh=text.get("zh"), en=en[:1].upper() + en[1:])


def _trimmed(text: Text) -> Text:
    return _derived(zh=text.get("zh").rstrip("。；，"), en=text.get("en").rstrip(".;,"))


def _number_prompt(measure: Measure) -> Text:
    """The measure's own question (`ask`). Without one, the Chinese `what` is a question once it asks
    多久/多少/几 (else 是多少 makes it one); the English is an instruction, grammatical whatever shape
    `what` has ("how long after phone guidance you call back" is not a question as it stands)."""
    if measure.ask is not None:
        return measure.ask
    return _say(_PHRASES["number_fallback_asks" if _ASKS_ZH.search(measure.what.zh) else "number_fallback"], measure.what)


_ASKS_ZH = re.compile(r"多久|多少|多长|几|什么时候")


def _number_choice(measure: Measure, amount: int | tuple[int, int]) -> Text:
    """An amount in the measure's own unit: '2小时' / '2 hours', '3副' / '3 pairs'."""
    return _derived(zh=format_amount(measure, "zh", amount), en=format_amount(measure, "en", amount))
