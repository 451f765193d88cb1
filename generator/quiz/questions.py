"""Quizzes generated from the procedures, so they stay true when the content changes.

A role's quiz asks about its procedures in visit order: what comes next (sequence), the typed
numbers (numbers), the exceptions (scenario), the always/never rules (rules), the glossary terms
(glossary), plus the role's hand-written questions. Every wrong choice is real content taken from
elsewhere in the knowledge base, never invented: a distractor number is another real timing, a
distractor action is what another exception asks for. Generation is deterministic for a seed.

No question may give itself away or have a second defensible answer: order comes only from
sequences, true/false rule statements are balanced per first word, a wrong action that would also
do is never offered, and a definition never shows its own term. tests/test_quiz.py holds each rule.

Questions are language-neutral (`Text` on every field) so the zh and en quizzes are the same
questions in the same order; renderers pick a language.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from ..knowledge import KnowledgeBase
from ..model import Choice, Exception_, Measure, Procedure, Question, Role, Rule, Text
from ..model.quiz import MIN_CHOICES
from ..wording import ESCALATION_TARGETS, LANGS, QUIZ_PHRASES as _PHRASES, format_amount, format_escalation

KINDS = ("sequence", "numbers", "scenario", "rules", "glossary", "hand-written")

DISTRACTORS = 3  # four choices when the content has enough material, never fewer than MIN_CHOICES

# Seconds per unit, only to tell equal durations apart ("60 seconds" is "1 minute").
_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400, "months": 30 * 86400}


@dataclass(frozen=True)
class QuizQuestion:
    kind: str  # one of KINDS
    question: Question
    # Unique within the quiz (the browser keeps progress by it, GIFT names questions by it). The
    # kind keeps a hand-written id apart from a generated one that happens to read the same.
    uid: str

    @property
    def link(self) -> str:
        """Site path of the answer, relative to the language root: procedures/<id>/#<anchor>."""
        q = self.question
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
    """Every question for `role`, grouped by procedure in visit order, choices shuffled by `seed`."""
    procedures = kb.procedures_of(role)
    by_procedure: dict[str, list[tuple[str, Question]]] = {p.id: [] for p in procedures}
    generators: list[tuple[str, Callable[..., Iterator[Question]]]] = [
        ("sequence", _sequence), ("numbers", _numbers), ("scenario", _scenarios), ("rules", _rules), ("glossary", _glossary),
    ]
    for kind, generate in generators:
        for question in generate(kb, role, procedures, seed):
            by_procedure[question.procedure].append((kind, question))
    for question in kb.hand_written.get(role.id, ()):
        by_procedure[question.procedure].append(("hand-written", question))
    ordered = [(kind, _cited(kb, kind, question)) for p in procedures for kind, question in by_procedure[p.id]]
    uids = _unique_ids(f"{kind}/{question.id}" for kind, question in ordered)
    return Quiz(role, seed, tuple(QuizQuestion(kind, _shuffled(question, seed), uid) for (kind, question), uid in zip(ordered, uids)))


def answered_by_ours(kb: KnowledgeBase, kind: str, question: Question) -> bool:
    """Whether the answer is a step, exception or rule of ours. An order question's answer is the
    order of the steps, which stays the source's whatever the step it is anchored at."""
    if kind == "sequence" and question.id.startswith(f"{_ORDER}-"):
        return False
    return kb.procedure_by_id[question.procedure].is_own(question.anchor)


def _cited(kb: KnowledgeBase, kind: str, question: Question) -> Question:
    """A question answered by something of ours says so in its explanation, so that nobody takes
    what we teach instead of the source (an honest reason, a safer way) for the source."""
    if not answered_by_ours(kb, kind, question):
        return question
    return question.model_copy(update={"explanation": _say(_PHRASES["own_why"], question.explanation)})


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


def _sequence(kb: KnowledgeBase, role: Role, procedures: list[Procedure], seed: int) -> Iterator[Question]:
    """Of each sequence: the first step, which step follows one of them, three steps to put in order,
    and which sequence follows which in the visit.

    Only sequences have an order: a checklist's items apply in any order, and a situation is handled
    when it happens, off the line of the visit. Wrong steps come from the same sequence, so the
    question is about its order, never about which text belongs to the topic."""
    for proc in (p for p in procedures if p.on_the_line):
        steps = proc.steps
        qid = _qid("first", proc.id)
        choices = _choices(steps[0].text, [[s.text for s in steps[1:]]], seed, qid)
        if choices:
            yield Question(
                id=qid, procedure=proc.id, anchor=steps[0].id, choices=choices,
                prompt=_join(proc.title, _PHRASES["first_step"]),
                explanation=_say(_PHRASES["first_step_why"], steps[0].text),
            )
        # One "what comes next" per sequence: every pair of a five-step sequence would be four
        # questions about the order the order question already asks.
        if len(steps) >= 2:
            i = random.Random(f"{seed}:{proc.id}:next").randrange(len(steps) - 1)
            current, following = steps[i], steps[i + 1]
            qid = _qid("next", proc.id, current.id)
            others = [s.text for s in steps if s.id not in (current.id, following.id)]
            choices = _choices(following.text, [others], seed, qid, avoid=[current.text])
            if choices:
                yield Question(
                    id=qid, procedure=proc.id, anchor=following.id, choices=choices,
                    prompt=_join(proc.title, _say(_PHRASES["next_step"], current.text)),
                    explanation=_say(_PHRASES["next_step_why"], following.text, n=i + 1, m=i + 2),
                )
        if len(steps) >= 3:
            yield _order_question(proc, seed)
    # The next sequence along the whole visit, asked where the role performs both.
    following_sequence = dict(zip((p.id for p in kb.line), kb.line[1:]))
    role_titles = _pool(p.title for p in procedures if p.on_the_line)
    all_titles = _pool(p.title for p in kb.line)
    for before in (p for p in procedures if p.on_the_line):
        after = following_sequence.get(before.id)
        if after is None or role.id not in after.roles:
            continue
        qid = _qid("after", before.id)
        choices = _choices(after.title, [role_titles, all_titles], seed, qid, avoid=[before.title])
        if choices:
            yield Question(
                id=qid, procedure=before.id, choices=choices,
                prompt=_say(_PHRASES["next_in_visit"], before.title),
                explanation=_say(_PHRASES["next_in_visit_why"], before.title, after.title),
            )


_ORDER = "order"  # the id prefix of order questions


def _order_question(proc: Procedure, seed: int) -> Question:
    """Three consecutive steps shown shuffled as (a) (b) (c); the choices are orders of the letters.
    Every wrong choice is a real misordering of the same steps."""
    qid = _qid(_ORDER, proc.id)
    rng = random.Random(f"{seed}:{qid}")
    start = rng.randrange(len(proc.steps) - 2)
    steps = proc.steps[start:start + 3]
    shown = list(range(3))
    while shown == sorted(shown):  # never show them already in order
        rng.shuffle(shown)
    letters = "abc"
    label = {step: letters[i] for i, step in enumerate(shown)}  # position in the procedure → its letter
    def order(positions: tuple[int, ...]) -> Text:
        text = " → ".join(f"({label[p]})" for p in positions)
        return Text(zh=text, en=text)
    wrong = [p for p in itertools.permutations(range(3)) if p != (0, 1, 2)]
    rng.shuffle(wrong)
    listing = Text(
        zh="；".join(f"({letters[i]}) {_trimmed(steps[p].text).zh}" for i, p in enumerate(shown)),
        en=" ".join(f"({letters[i]}) {steps[p].text.get('en')}" for i, p in enumerate(shown)),
    )
    return Question(
        id=qid, procedure=proc.id, anchor=steps[0].id,
        choices=[Choice(text=order((0, 1, 2)), correct=True), *(Choice(text=order(p)) for p in wrong[:DISTRACTORS])],
        prompt=_join(proc.title, _say(_PHRASES["order"], listing)),
        explanation=_say(_PHRASES["order_why"], Text(
            zh=" → ".join(s.text.get("zh") for s in steps), en=" → ".join(s.text.get("en") for s in steps))),
    )


def _numbers(kb: KnowledgeBase, role: Role, procedures: list[Procedure], seed: int) -> Iterator[Question]:
    """Each timing or count, with distractors drawn from the other real numbers of the same family."""
    role_values = _distinct_values(m for p in procedures for m in p.measures())
    all_values = _distinct_values(m for p in kb.procedures for m in p.measures())
    for proc in procedures:
        owners = [(s.text, m) for s in proc.steps for m in s.timings]
        owners += [(_join(e.when, e.then), m) for e in proc.exceptions for m in e.timings]
        for context, measure in owners:
            # Nearest tier first, then nearest in size, so "30 seconds" is not offered against "3 months";
            # the seed picks among the closest few. One choice per value: "60 seconds" is "1 minute".
            own = _number_key(measure)
            taken = {own}
            ranked: list[tuple[int, float, Measure]] = []
            for rank, tier in enumerate((_distinct_values(proc.measures()), role_values, all_values)):
                for key, other in tier[measure.kind == "count"].items():
                    if key not in taken:
                        taken.add(key)
                        ranked.append((rank, _distance(own, key), other))
            ranked.sort(key=lambda r: (r[0], r[1]))
            pool = [[_number_choice(measure, other) for _, _, other in ranked[:2 * DISTRACTORS]]]
            answer = _number_choice(measure, measure)
            qid = _qid("number", proc.id, measure.id)
            choices = _choices(answer, pool, seed, qid)
            if choices:
                yield Question(
                    id=qid, procedure=proc.id, anchor=measure.id, choices=choices,
                    prompt=_join(proc.title, _number_prompt(measure)),
                    explanation=_say(_PHRASES["number_why"],
                                     _capitalised(measure.what), answer, context),
                )


def _scenarios(kb: KnowledgeBase, role: Role, procedures: list[Procedure], seed: int) -> Iterator[Question]:
    """Each exception: the right action, against the actions other exceptions ask for, none of which
    could be defended as right too (see `_defensible`).

    A procedure's text speaks to its first role ("you" is the engineer in a visit procedure), so its
    exceptions are asked of that role only, and not those whose action someone else takes ("The
    outlet clerk chases it..."): other roles' own part (the manager who visits after a refusal, the
    clerk who chases a late form) is asked in their words in quizzes/<role-id>.yml."""
    role_actions = _pool(e.then for p in procedures for e in p.exceptions)
    all_actions = _pool(e.then for p in kb.procedures for e in p.exceptions)
    cases = {(e.then.zh, e.then.en): (p, e) for p in kb.procedures for e in p.exceptions}
    for proc in procedures:
        if proc.roles[0] != role.id:
            continue
        for exc in proc.exceptions:
            if _OTHER_ACTOR.match(exc.then.get("en")):
                continue
            def fits(candidate: Text, chosen: list[Text], proc=proc, exc=exc) -> bool:
                other_proc, other = cases[(candidate.zh, candidate.en)]
                shown = [(proc, exc), *(cases[(c.zh, c.en)] for c in chosen)]
                if other.escalate_to and any(e.escalate_to for _, e in shown):
                    return False  # two choices that both hand the case over (to the centre, to its clerk...): either could do
                # Nor two twins side by side (less and more than 15 minutes late): if one were right, so would be the other.
                return not any(_defensible(p, e, other_proc, other) for p, e in shown)
            qid = _qid("scenario", proc.id, exc.id)
            pool = [[e.then for e in proc.exceptions if e.id != exc.id], role_actions, all_actions]
            choices = _choices(exc.then, pool, seed, qid, fits=fits)
            if not choices:
                continue
            explanation = exc.then
            if exc.escalate_to:
                explanation = _say(_PHRASES["handed_over"], exc.then,
                                   Text(zh=format_escalation(exc.escalate_to, "zh"), en=format_escalation(exc.escalate_to, "en")))
            yield Question(
                id=qid, procedure=proc.id, anchor=exc.id, choices=choices,
                prompt=_join(proc.title, _say(_PHRASES["scenario"], _trimmed(exc.when))),
                explanation=explanation,
            )


# An action stated with someone else as its subject: "The centre clerk picks it up...".
_OTHER_ACTOR = re.compile(r"(?:The|An?)\s+(?:[\w-]+\s+){0,3}?(?:clerk|manager|agent|centre|engineer)s?\b")

# How alike two texts must be before one could be defended as the answer to the other's case:
# actions this close say much the same ("pay for the damage and apologise" in two procedures), and
# cases this close are two sides of one situation (less and more than 15 minutes late).
SAME_ACTION = 0.3
SAME_CASE = 0.4


def _defensible(proc: Procedure, exc: Exception_, other_proc: Procedure, other: Exception_) -> bool:
    """Whether `other`'s action could pass as a right answer to `exc`'s case."""
    if exc.escalate_to and other.escalate_to == exc.escalate_to:
        return True  # both hand the case to the same people, who decide
    if other_proc.id == proc.id:
        later = [e.id for e in proc.exceptions].index(other.id) > [e.id for e in proc.exceptions].index(exc.id)
        if later and any(_FOLLOW_UP[lang].search(other.when.get(lang)) for lang in LANGS):
            return True  # a later case where this one's remedy did not work ("cannot be solved on the spot"): its action is the next resort
        if other.escalate_to and not exc.escalate_to:
            return True  # the hand-over is the next resort in the same procedure ("if the customer does not agree to a new time...")
        if exc.escalate_to and any(_target_name(exc.escalate_to, lang) in other.when.get(lang) for lang in LANGS):
            return True  # the case after the hand-over failed ("the clerk cannot clear it up either"): its action comes next
    if _OTHER_ACTOR.match(other.then.get("en")):
        return True  # someone else's action ("The outlet clerk chases it...") is no choice for the one asked
    if _likeness(exc.then, other.then) >= SAME_ACTION or _likeness(exc.when, other.when) >= SAME_CASE:
        return True
    if {_number_key(m) for m in exc.timings} & {_number_key(m) for m in other.timings}:
        return True  # the two sides of one threshold
    # "Follow the door-exceptions procedure" is right for every case that procedure holds; and an
    # answer that says "take it back following the pull-back repair procedure" makes that
    # procedure's own actions right too.
    return other_proc.id != proc.id and (_points_to(other.then, proc) or _points_to(exc.then, other_proc))


def _points_to(text: Text, procedure: Procedure) -> bool:
    """Whether a text sends the reader to `procedure`, by its title or by its id as words."""
    words = text.get("en").lower().replace("-", " ")  # "the pull-back repair procedure", "the running-late procedure"
    return any(procedure.title.get(lang) in text.get(lang) for lang in LANGS) or procedure.id.replace("-", " ") in words


# A case that begins where another's remedy failed: "still", "either", "cannot", "does not agree"...
_FOLLOW_UP = {"en": re.compile(r"\b(?:still|either|cannot|can't|will not|won't|does not agree|refuses?)\b", re.IGNORECASE),
              "zh": re.compile(r"仍|还是|也|不同意|不接受|不能|不了|不到|拒绝")}


def _target_name(target: str, lang: str) -> str:
    """'信息员', 'information clerk': an escalation target as a sentence names it."""
    return ESCALATION_TARGETS[target].get(lang).removeprefix("the ")


_STOP_WORDS = frozenset("the a an and or of to in on for your you it is are be with by at as that this they them their if any "
                        "not do from its into so".split())


@lru_cache(maxsize=None)
def _signature(text: str, lang: str) -> frozenset[str]:
    """What a text is about, to compare: English content words (plural-blind), Chinese character pairs."""
    if lang == "zh":
        han = re.sub(r"[^\u4e00-\u9fff]", "", text)
        return frozenset(han[i:i + 2] for i in range(len(han) - 1))
    return frozenset(w.removesuffix("s") for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 2 and w not in _STOP_WORDS)


def _likeness(a: Text, b: Text) -> float:
    """Dice overlap of two texts' signatures, the higher of the two languages (0: nothing shared, 1: the same)."""
    best = 0.0
    for lang in LANGS:
        x, y = _signature(a.get(lang), lang), _signature(b.get(lang), lang)
        if x and y:
            best = max(best, 2 * len(x & y) / (len(x) + len(y)))
    return best


def _rules(kb: KnowledgeBase, role: Role, procedures: list[Procedure], seed: int) -> Iterator[Question]:
    """Rules as true/false statements, balanced so the first word ("Always"/"Never") tells nothing:
    as many "Always: ..." statements are false as true, and likewise for "Never: ...". That needs
    as many always-rules as never-rules asked this way; the always-rules left over are asked as
    "which of these does the standard require?" (wrong choices: things it forbids). Every
    never-rule is also asked as "which of these breaks the rules?" (wrong choices: things it requires)."""
    rules = [(proc, rule) for proc in procedures for rule in proc.rules]
    statements = _balanced_statements(rules, random.Random(f"{seed}:{role.id}:rules"))
    role_always = _pool(r.text for _, r in rules if r.kind == "always")
    all_always = _pool(r.text for p in kb.procedures for r in p.rules if r.kind == "always")
    role_never = _pool(r.text for _, r in rules if r.kind == "never")
    all_never = _pool(r.text for p in kb.procedures for r in p.rules if r.kind == "never")
    for proc, rule in rules:
        stated = statements.get((proc.id, rule.id))
        if stated is not None:
            yield Question(
                id=_qid("rule", proc.id, rule.id), procedure=proc.id, anchor=rule.id, type="true-false",
                answer=stated == rule.kind,
                prompt=_join(proc.title, _say(_PHRASES["true_false"], _PHRASES[stated], rule.text)),
                explanation=_say(_PHRASES["rule_is"], _PHRASES[rule.kind], rule.text),
            )
        if rule.kind == "never":
            qid = _qid("violation", proc.id, rule.id)
            pool = [[r.text for r in proc.rules if r.kind == "always"], role_always, all_always]
            prompt = _PHRASES["violation"]
        elif stated is None:
            qid = _qid("required", proc.id, rule.id)
            pool = [[r.text for r in proc.rules if r.kind == "never"], role_never, all_never]
            prompt = _PHRASES["required"]
        else:
            continue
        choices = _choices(rule.text, pool, seed, qid)
        if choices:
            yield Question(
                id=qid, procedure=proc.id, anchor=rule.id, choices=choices, prompt=_join(proc.title, prompt),
                explanation=_say(_PHRASES["rule_says"], _PHRASES[rule.kind], rule.text),
            )


def _balanced_statements(rules: list[tuple[Procedure, Rule]], rng: random.Random) -> dict[tuple[str, str], str]:
    """Which rules become true/false statements, and with which word ("always" or "never") each is
    stated, so that each word heads as many false statements as true ones.

    "Always: <always-rule>" is true and "Always: <never-rule>" false; "Never: <never-rule>" is true
    and "Never: <always-rule>" false. So half the never-rules are stated with "Never" and matched by
    as many always-rules stated with "Never", the other half stated with "Always" and matched by as
    many always-rules stated with "Always". An always-rule whose text is already negative ("..., never
    straight on the floor") is never stated with "Never": a double negative misleads."""
    never = [key for key in rules if key[1].kind == "never"]
    plain_always = [key for key in rules if key[1].kind == "always" and not _is_negative(key[1].text)]
    negative_always = [key for key in rules if key[1].kind == "always" and _is_negative(key[1].text)]
    for group in (never, plain_always, negative_always):
        rng.shuffle(group)
    as_never = min(len(never) // 2, len(plain_always))      # never-rules stated true with "Never"
    as_always = min(len(never) - as_never, len(plain_always) - as_never + len(negative_always))
    stated: dict[tuple[str, str], str] = {}
    for proc, rule in never[:as_never] + plain_always[:as_never]:
        stated[(proc.id, rule.id)] = "never"
    # "Always" stated true: negative always-rules first, as they cannot be stated with "Never".
    for proc, rule in never[as_never:as_never + as_always] + (negative_always + plain_always[as_never:])[:as_always]:
        stated[(proc.id, rule.id)] = "always"
    return stated


# A statement that already says no: "不要…", "…，而不是…", "never ...", "not ...".
_NEGATION = {"zh": re.compile(r"不要|不能|不得|不可|不用|不是|别|勿|禁止|严禁|绝不|而不"),
             "en": re.compile(r"\b(?:never|not|no|nor|don't|without)\b", re.IGNORECASE)}


def _is_negative(text: Text) -> bool:
    return any(_NEGATION[lang].search(text.get(lang)) for lang in LANGS)


def _glossary(kb: KnowledgeBase, role: Role, procedures: list[Procedure], seed: int) -> Iterator[Question]:
    """Each term the role's procedures use, both ways: term → meaning and meaning → term. A
    definition that repeats its term ("Covers worn over your shoes") would give the answer away: it
    is shown with the term's words blanked out when the choices are terms, and not offered as a
    choice at all (a blank among the choices would point at the answer just the same)."""
    first_use: dict[str, Procedure] = {}
    for proc in procedures:
        for term_id in proc.glossary:
            first_use.setdefault(term_id, proc)
    role_terms = [kb.term_by_id[t] for t in first_use]
    for term in role_terms:
        proc = first_use[term.id]
        others = [t for t in role_terms if t.id != term.id], [t for t in kb.glossary.terms if t.id != term.id]
        mask = _term_mask(term.term)
        masked = mask(term.definition)
        qid = _qid("meaning", term.id)
        choices = _choices(term.definition, [[t.definition for t in tier] for tier in others], seed, qid) if masked == term.definition else None
        if choices:
            yield Question(
                id=qid, procedure=proc.id, choices=choices,
                prompt=_say(_PHRASES["meaning"], term.term),
                explanation=_say(_PHRASES["term_why"], term.term, term.definition),
            )
        qid = _qid("term", term.id)
        choices = _choices(term.term, [[t.term for t in tier] for tier in others], seed, qid)
        if choices:
            yield Question(
                id=qid, procedure=proc.id, choices=choices,
                prompt=_say(_PHRASES["term"], masked),
                explanation=_say(_PHRASES["term_why"], term.term, term.definition),
            )


# English words of a term that give nothing away (and would blank out half a sentence).
_COMMON_WORDS = {"the", "and", "out", "for", "off", "its", "with"}


def _term_words(term: Text) -> dict[str, re.Pattern]:
    """Per language, a pattern of what gives a term away: the whole term in Chinese; in English each
    word but the commonest, with its endings (cover → covers, run → running)."""
    words = [w for w in re.findall(r"[A-Za-z]+", term.get("en")) if len(w) > 2 and w.lower() not in _COMMON_WORDS]
    stems = sorted({w.lower().removesuffix("s") for w in words}, key=len, reverse=True)
    return {
        "zh": re.compile(re.escape(term.zh)),
        "en": re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE) if stems else re.compile(r"(?!)"),
    }


def _term_mask(term: Text) -> Callable[[Text], Text]:
    patterns = _term_words(term)
    def mask(text: Text) -> Text:
        return _derived(*(patterns[lang].sub(_PHRASES["blank"].get(lang), text.get(lang)) for lang in LANGS))
    return mask


# --- helpers ---


def _qid(*parts: str) -> str:
    """A question id from what it asks about; stable across runs (browsers keep progress by it).
    Ids are slugs of at most 64 characters, so long ones keep a readable head and a hash of the rest."""
    qid = "-".join(parts)
    if len(qid) <= 64:
        return qid
    return f"{qid[:55].rstrip('-')}-{hashlib.sha1(qid.encode()).hexdigest()[:8]}"


def _pool(texts: Iterable[Text]) -> tuple[Text, ...]:
    """The distinct texts of one tier of candidates, in a stable order. Tiers drawn from the whole
    knowledge base are pooled once per quiz, not once per question."""
    return tuple(c for _, c in sorted({(c.zh, c.en or ""): c for c in texts}.items()))


def _draw(pool: tuple[Text, ...], rng: random.Random) -> Iterator[Text]:
    """A pool's candidates in random order. Most questions need a few, so a few are sampled first
    and the rest shuffled only when those run out: a large pool costs little per question."""
    first = rng.sample(range(len(pool)), min(len(pool), 4 * DISTRACTORS))
    yield from (pool[i] for i in first)
    if len(pool) > len(first):
        drawn = set(first)
        rest = [i for i in range(len(pool)) if i not in drawn]
        rng.shuffle(rest)
        yield from (pool[i] for i in rest)


def _choices(answer: Text, tiers: Iterable[Iterable[Text]], seed: int, qid: str, avoid: Iterable[Text] = (),
             fits: Callable[[Text, list[Text]], bool] | None = None) -> list[Choice] | None:
    """The answer plus up to DISTRACTORS distinct wrong choices, nearest tier first; None when too few.

    A candidate is dropped when it reads like the answer, an earlier choice or one of `avoid` (texts
    that would be confusing, such as the step the question starts from) in either language, so no
    question can end up with two right answers or two identical choices; and when `fits(candidate,
    wrong choices so far)` says it could be defended as right too.
    """
    rng = random.Random(f"{seed}:{qid}:distractors")
    seen = {(lang, text.get(lang)) for text in (answer, *avoid) for lang in LANGS}
    wrong: list[Text] = []
    for tier in tiers:
        pool = tier if isinstance(tier, tuple) else _pool(tier)
        for candidate in _draw(pool, rng):
            if len(wrong) == DISTRACTORS:
                break
            keys = {(lang, candidate.get(lang)) for lang in LANGS}
            if keys & seen or (fits is not None and not fits(candidate, wrong)):
                continue
            seen |= keys
            wrong.append(candidate)
    if len(wrong) + 1 < MIN_CHOICES:
        return None
    return [Choice(text=answer, correct=True), *(Choice(text=t) for t in wrong)]


def _shuffled(question: Question, seed: int) -> Question:
    if not question.choices:
        return question
    choices = list(question.choices)
    random.Random(f"{seed}:{question.id}:order").shuffle(choices)
    return question.model_copy(update={"choices": choices})


def _derived(zh: str, en: str) -> Text:
    """Text put together from content that was validated on loading and from our own templates:
    validating it again is most of the cost of a quiz at a thousand procedures."""
    return Text.model_construct(zh=zh, en=en)


def _say(template: Text, *parts: Text | str, **numbers: int) -> Text:
    """Fill a bilingual template with bilingual parts, language by language."""
    def fill(lang: str) -> str:
        return template.get(lang).format(*(p.get(lang) if isinstance(p, Text) else p for p in parts), **numbers)
    return _derived(zh=fill("zh"), en=fill("en"))


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


def _number_choice(question: Measure, source: Measure) -> Text:
    """A real number as a choice: durations in their own unit; counts in the question's unit."""
    return _derived(zh=format_amount(question, "zh", source.amount) if source.kind == "count" else format_amount(source, "zh"),
                en=format_amount(question, "en", source.amount) if source.kind == "count" else format_amount(source, "en"))


def _distance(a: tuple[int, int], b: tuple[int, int]) -> float:
    """How far apart two amounts (as _number_key gives them) are in size, on a log scale, taking
    the middle of a range."""
    def middle(key: tuple[int, int]) -> float:
        low, high = key
        return max((low + high) / 2, 0.5)
    return abs(math.log(middle(a)) - math.log(middle(b)))


def _distinct_values(measures: Iterable[Measure]) -> tuple[dict[tuple[int, int], Measure], dict[tuple[int, int], Measure]]:
    """One measure per value (first seen), keyed by _number_key, durations and counts apart: a
    duration is never offered as the answer to a count. Indexed by `measure.kind == "count"`."""
    families: tuple[dict, dict] = ({}, {})
    for m in measures:
        families[m.kind == "count"].setdefault(_number_key(m), m)
    return families


def _number_key(measure: Measure) -> tuple[int, int]:
    """The amount normalised (durations in seconds), so equal values count as the same answer."""
    amount = measure.amount
    low, high = amount if isinstance(amount, tuple) else (amount, amount)
    factor = 1 if measure.kind == "count" else _SECONDS[measure.kind]
    return low * factor, high * factor
