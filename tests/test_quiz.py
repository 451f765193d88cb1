"""Quizzes: every question has wrong choices a trainee could believe and gives nothing away; one fact,
one question; every role is asked about its own job; generated questions are true to the content and
deterministic; hand-written ones are validated at their line; the CLI writes GIFT, Markdown, samples
and the coverage report; the site gets pages and downloads."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.knowledge import load_knowledge_base
from generator.model import Question, Text
from generator.quiz import build_quiz
from generator.quiz.answer_key import render_answer_key
from generator.quiz.gift import render_gift
from generator.quiz.pages import build_site_quizzes, render_quiz_pages
from generator.model.quiz import content_words
from generator.quiz.questions import cited_source, give_aways, plain
from generator.wording import format_source

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "quiz"
LANGS = ("zh", "en")


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def load(root: Path):
    kb, report = load_knowledge_base(root)
    assert kb is not None, report.format()
    return kb


@pytest.fixture(scope="module")
def repo_kb():
    return load(REPO)


@pytest.fixture(scope="module")
def fixture_kb():
    return load(FIXTURE)


def all_quizzes(kb, seeds=(0, 1, 2)):
    return [(role, build_quiz(kb, role, seed)) for role in kb.roles for seed in seeds]


def anchors_of(procedure) -> set[str]:
    ids = {s.id for s in procedure.steps} | {e.id for e in procedure.exceptions} | {r.id for r in procedure.rules}
    return ids | {m.id for m in procedure.measures()}


def right_texts(kb) -> set[str]:
    """Every text the content states as right, in English: steps, exceptions' actions, always-rules."""
    texts = {s.text.en for p in kb.procedures for s in p.steps} | {e.then.en for p in kb.procedures for e in p.exceptions}
    return texts | {r.text.en for p in kb.procedures for r in p.rules if r.kind == "always"}


def test_engineer_quiz_has_40_questions_of_every_kind_in_each_language(repo_kb):
    quiz = build_quiz(repo_kb, repo_kb.role_by_id["engineer"])
    pages = render_quiz_pages(repo_kb, build_site_quizzes(repo_kb))
    phases = [p.id for p in repo_kb.phases.phases]
    for lang in LANGS:
        prefix = "" if lang == "zh" else "en/"
        # On the site the engineer's questions are spread over the phase quizzes (the role page mixes 40).
        data = [q for phase in phases
                for q in json.loads(re.search(r'class="kb-quiz-data">(.*?)</script>', pages[f"{prefix}quizzes/engineer/{phase}.md"]).group(1))["questions"]]
        assert len(data) == len(quiz.questions) >= 60  # fewer good questions beat many weak ones
        asked = [(q["prompt"], q["choices"][q["answer"]]) for q in data]
        assert all(prompt.strip() for prompt, _ in asked)
        assert len(set(asked)) == len(asked), "two questions ask the same thing"
        mixed = json.loads(re.search(r'class="kb-quiz-data">(.*?)</script>', pages[f"{prefix}quizzes/engineer/index.md"]).group(1))["questions"]
        assert len(mixed) == 40 and len({q["kind"] for q in mixed}) == 4
    assert set(quiz.counts()) == {"numbers", "scenario", "rules", "hand-written"}


def test_every_role_quiz_is_valid_and_links_to_a_real_anchor(repo_kb):
    for role in repo_kb.roles:
        quiz = build_quiz(repo_kb, role, seed=7)
        ids = [q.question.id for q in quiz.questions]
        assert len(ids) == len(set(ids)), f"duplicate question ids in {role.id}"
        for item in quiz.questions:
            q = item.question
            Question.model_validate(q.model_dump())  # the same rules as hand-written questions
            if q.procedure is None:  # on the role's own duties: an item of its own role file
                assert q.anchor in role.items and item.link == f"roles/{role.id}/", (role.id, q.id)
            else:
                procedure = repo_kb.procedure_by_id[q.procedure]
                assert role.id in procedure.roles
                assert q.anchor is None or q.anchor in anchors_of(procedure), (q.id, q.anchor)
            assert q.explanation.zh and q.explanation.en
            if q.type == "choice":
                assert len(q.choices) >= 3 and sum(c.correct for c in q.choices) == 1


# --- a question exists only when its wrong choices could be believed (issue 18) ---


def test_scenario_and_rule_wrong_choices_are_the_items_own_mistakes(repo_kb):
    """Never a sentence lifted from another procedure ("Start with a sincere apology..." offered for a
    work-order question): a scenario's or rule's wrong choices are the mistakes written for it."""
    checked = {"scenario": 0, "rules": 0}
    for role, quiz in all_quizzes(repo_kb):
        for item in quiz.questions:
            if item.kind not in checked:
                continue
            q = item.question
            procedure = repo_kb.procedure_by_id[q.procedure]
            source = next(x for x in (*procedure.exceptions, *procedure.rules) if x.id == q.anchor)
            wrong = [c.text for c in q.choices if not c.correct]
            assert wrong and all(w in source.mistakes for w in wrong), q.id
            if item.kind == "rules":  # required among ways of falling short, forbidden among allowed acts
                asked = ("ask of you?" if source.own else "require?") if source.kind == "always" else "forbid?"
                assert q.prompt.en.endswith(asked), q.id
            checked[item.kind] += 1
    assert checked["scenario"] >= 80 and checked["rules"] >= 2 * 3  # the engineer asks two rules as generated


def test_no_wrong_choice_is_something_the_content_says_to_do(repo_kb):
    """A wrong choice that is a step, an exception's action or an always-rule anywhere in the
    knowledge base could be defended as right (the same remedy, the next resort)."""
    right = right_texts(repo_kb)
    checked = 0
    for role, quiz in all_quizzes(repo_kb):
        for item in quiz.questions:
            for choice in item.question.choices:
                if not choice.correct:
                    assert choice.text.en not in right, (role.id, item.question.id, choice.text.en)
                    checked += 1
    assert checked >= 3 * 300


def test_an_exception_or_rule_without_mistakes_is_not_asked_by_generation(repo_kb):
    quiz = build_quiz(repo_kb, repo_kb.role_by_id["engineer"])
    generated = {(i.question.procedure, i.question.anchor) for i in quiz.questions if i.kind in ("scenario", "rules")}
    bare = {(p.id, x.id) for p in repo_kb.procedures for x in (*p.exceptions, *p.rules) if not x.mistakes}
    assert bare and not generated & bare
    assert ("running-late", "late-under-15") in bare  # one of ours the source says otherwise: not asked


def test_no_question_gives_itself_away(repo_kb):
    """Generated and hand-written alike: the key not far longer than every wrong choice nor far
    shorter than their average, not alone in repeating the question's words."""
    for role, quiz in all_quizzes(repo_kb, seeds=(0,)):
        for item in quiz.questions:
            assert give_aways(item.question) == [], (role.id, item.question.id, give_aways(item.question))


def test_the_give_away_check_catches_a_long_key_a_short_key_a_majority_key_and_an_echoing_key():
    def question(prompt: str, key: str, *wrong: str) -> Question:
        return Question(id="q", procedure="p", prompt=Text(zh=prompt, en=prompt), explanation=Text(zh="因", en="Because"),
                        choices=[{"text": {"zh": key, "en": key}, "correct": True}, *({"text": {"zh": w, "en": w}} for w in wrong)])
    long_key = question("What do you do?", "Apologise, explain why you are late, ask for understanding and offer a small gift.",
                        "Say nothing.", "Leave.", "Call the centre.")
    assert any("times as long" in r for r in give_aways(long_key))
    short_key = question("What do you do?", "Take a loaner unit.", "Ask before you set off whether they want a loaner, and bring one if so.",
                         "Confirm on the visit that it must go, then have the clerk send a loaner out.",
                         "Bring parts for the likeliest fix, and ask the centre for a loaner if it fails.")
    assert any("average length" in r for r in give_aways(short_key))
    one_part_changed = question("Who gets the card, and when?", "The outlet clerk, the same day, in person",
                                "The centre clerk, the same day, in person", "The outlet clerk, the next day, in person",
                                "The outlet clerk, the same day, by post")
    assert any("most like the others" in r for r in give_aways(one_part_changed))
    grid = question("Who gets the card, and when?", "The outlet clerk, the same day", "The centre clerk, the same day",
                    "The outlet clerk, the next morning", "The centre clerk, the next morning")
    assert give_aways(grid) == []  # two by two: every part is in half the choices, so no majority points at the key
    short_words = question("Which report?", "日报", "周报汇总", "月度总结", "季度报表")
    assert give_aways(short_words) == []  # a few characters shorter is no tell
    echo = question("The customer wants an invoice but you have none with you. What do you do?",
                    "Agree when the customer gets the invoice you have none of with you.", "Give a receipt instead.", "Post a card.", "Leave it.")
    assert any("repeats the question" in r for r in give_aways(echo))
    fair = question("What do you do?", "Charge the lower of the two.", "Charge the higher of the two.", "Charge the average.")
    assert give_aways(fair) == []


def test_the_give_away_check_catches_the_answer_held_in_a_wrong_choice_or_made_of_two():
    """A wrong choice that says all the answer says (the same act, or the act and more) is as right
    as the key, and a key that is two wrong choices put together is the one to pick; both by content
    words (Chinese: characters but particles), numbers in order."""
    def question(key: str, *wrong: str, zh: tuple[str, ...] = ()) -> Question:
        texts = zh or (key, *wrong)
        return Question(id="q", procedure="p", prompt=Text(zh="怎么办？", en="What do you do?"), explanation=Text(zh="因", en="Because"),
                        choices=[{"text": {"zh": z, "en": e}, "correct": i == 0} for i, (z, e) in enumerate(zip(texts, (key, *wrong)))])
    more = question("Report it to the centre.", "Report it to the centre and act on its instructions.", "Settle it.")
    assert give_aways(more) == ["en: choice [1] holds every content word of the answer (the same act, or the act and more)"]
    same = question("Report to the centre and act on its instructions.", "Settle it with the customer yourself.", "Ask the manager what to do.",
                    zh=("报告中心，按中心的指示办。", "自己处理。", "按中心指示办，报告中心。"))
    assert give_aways(same) == ["zh: choice [2] holds every content word of the answer (the same act, or the act and more)"]
    both = question("Apologise to the customer and rebook the visit.", "Apologise to the customer.", "Rebook the visit with the customer.",
                    "Leave a message note.", zh=("向用户道歉，并改约上门时间。", "向用户道歉。", "改约上门时间。", "留下留言条。"))
    assert {"zh: the answer is choices [1] and [2] put together", "en: the answer is choices [1] and [2] put together"} <= set(give_aways(both))
    fair = question("Two rounds of three light taps", "Three rounds of two light taps", "One round of three light taps",
                    zh=("轻敲两轮，每轮3下", "轻敲三轮，每轮2下", "轻敲一轮，每轮3下"))
    assert give_aways(fair) == []
    order = question("The clerk who sent it first, then the customer", "The customer first, then the clerk who sent it",
                     "The clerk who sent it, then the manager", zh=("先问派工的信息员，再问用户", "先问用户，再问派工的信息员", "先问派工的信息员，再问经理"))
    assert give_aways(order) == []  # where the answer says an order, the same words in another order say another thing
    half = question("Apologise and pay the full value of the damage.", "Apologise and waive the repair charge instead.",
                    "Pay half the value of the damage.", "Waive the repair charge and pay half the value of the damage.")
    assert give_aways(half) == []  # near misses share words with the key; only one holding all of it gives it away


def test_a_generated_question_whose_mistake_holds_its_answer_is_dropped(tmp_path):
    def edit(root):
        path = root / "procedures" / "on-site-conduct.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("      - {zh: 报告中心，由中心决定赔不赔。", "      - {zh: 向用户道歉，并按价赔偿，再报告中心。, en: 'Apologise to the customer, pay the "
                                     "full value of the damage, and report it to the centre.'}\n      - {zh: 报告中心，由中心决定赔不赔。"),
                        encoding="utf-8")
    kb = load(write_content(tmp_path, edit))
    role = kb.role_by_id["engineer"]
    assert "damage-caused" in {i.question.anchor for i in build_quiz(load(FIXTURE), role).questions}
    assert "damage-caused" not in {i.question.anchor for i in build_quiz(kb, role).questions}


def test_a_hand_written_question_that_gives_its_answer_away_is_an_error_at_its_line(tmp_path):
    def edit(root):
        path = root / "quizzes" / "engineer.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("{zh: 错误 ~一, en: wrong ~one}", "{zh: 正确 ~一, en: right ~one}"), encoding="utf-8")
    result = run("validate", "--root", str(write_content(tmp_path, edit)))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "quizzes/engineer.yml:5:5: error: question 'specials' gives its answer away: en: choice [1] holds every content word of the answer (the same act, or the act and more); "
        "reword the choices so that a trainee who does not know the job could pick any of them",
        "quizzes/engineer.yml:5:5: error: question 'specials' gives its answer away: zh: choice [1] holds every content word of the answer (the same act, or the act and more); "
        "reword the choices so that a trainee who does not know the job could pick any of them",
        "2 errors, 0 warnings in 12 files",
    ]


def test_a_generated_question_that_gives_itself_away_is_dropped(fixture_kb):
    from generator.quiz.questions import generated_questions

    role = fixture_kb.role_by_id["engineer"]
    generated = {q.anchor: q for _, q in generated_questions(fixture_kb, role, 0)}
    assert give_aways(generated["phone-unanswered"])  # its answer is three times as long as its mistakes
    assert "phone-unanswered" not in {i.question.anchor for i in build_quiz(fixture_kb, role).questions}
    assert "procedures/door-knocking/#phone-unanswered  [exception]" in run(
        "quiz", "--root", str(FIXTURE), "--role", "engineer", "--lang", "en", "--coverage").stdout


@pytest.mark.parametrize("lang", LANGS)
def test_the_key_is_neither_systematically_the_longest_nor_the_shortest_choice(repo_kb, lang):
    """With four choices a key longest (or shortest) by chance is one question in four; a key that is
    the longest in most questions, or the shortest (the bare act beside wrong ones that add a step),
    tells a trainee which to pick."""
    for role in repo_kb.roles:
        choices = [i.question for i in build_quiz(repo_kb, role).questions if i.question.type == "choice"]
        key = [len(q.choices[q.right].text.get(lang)) for q in choices]
        wrong = [[len(c.text.get(lang)) for c in q.choices if not c.correct] for q in choices]
        longest = sum(k > max(w) for k, w in zip(key, wrong))
        shortest = sum(k < min(w) for k, w in zip(key, wrong))
        assert longest <= 0.4 * len(choices), f"{role.id}: the key is the longest choice in {longest} of {len(choices)} questions"
        assert shortest <= 0.4 * len(choices), f"{role.id}: the key is the shortest choice in {shortest} of {len(choices)} questions"


def test_generated_prompts_name_the_phase_not_a_procedure(repo_kb):
    """The whole quiz is read at once, and a procedure's title may name the answer of a question beside
    it (赠送小礼品和服务名片 beside "you are late: what do you do?"): a generated prompt sets its scene
    by the phase of the visit."""
    phases = {lang: {p.title.get(lang) for p in repo_kb.phases.phases} for lang in LANGS}
    generated = 0
    for role in repo_kb.roles:
        for item in build_quiz(repo_kb, role).questions:
            if item.kind == "hand-written":
                continue
            generated += 1
            for lang, separator in (("zh", "："), ("en", ": ")):
                prompt = item.question.prompt.get(lang)
                assert prompt.split(separator)[0] in phases[lang], (role.id, item.question.id, prompt)
    assert generated >= 35


def test_the_key_is_spread_evenly_over_the_places(repo_kb):
    """A trainee who always picks A (or the place that came up least) gains nothing: in every role's
    quiz, whatever the seed, no place holds the key more than once more often than any of the first
    three (the fourth is rarer where questions have three choices). Chance alone put 12 of 25 of a quiz's keys at A."""
    for seed in (0, 1, 7391):
        for role in repo_kb.roles:
            questions = [i.question for i in build_quiz(repo_kb, role, seed).questions if i.question.type == "choice"]
            places = [sum(q.right == p for q in questions) for p in range(4)]
            assert max(places) - min(places[:3]) <= 1, (role.id, seed, places)


def test_a_number_questions_key_is_not_systematically_the_smallest_value(repo_kb):
    """A trainee who always picks the smallest (or the largest) number gets under half of the
    number questions right. Wrong values taken nearest first put the key at the bottom of the
    list in 5 of 12 engineer number questions and never at the top; the rule now draws, per
    number, how many wrong values lie below the key (none only where nothing smaller fits)."""
    ranks = []
    for role in repo_kb.roles:
        for item in build_quiz(repo_kb, role, 0).questions:
            if item.kind == "numbers":
                values = [int(re.match(r"\d+", c.text.en).group()) for c in item.question.choices]
                ranks.append(sum(v < values[item.question.right] for v in values))
    assert len(ranks) >= 6, ranks
    assert ranks.count(0) < len(ranks) / 2 and ranks.count(3) < len(ranks) / 2, ranks
    assert {1, 2, 3} <= set(ranks), ranks  # the key is found above one, two and three wrong values


def test_a_fact_is_asked_once_per_quiz(repo_kb):
    """No item asked twice (true/false and "which breaks", a term both ways), no number twice (5–10
    minutes early in two procedures, less and more than 15 minutes late), no two questions whose
    answers say the same in either language (content words); a hand-written question replaces the
    generated ones on its item."""
    kb = repo_kb
    for role, quiz in all_quizzes(kb, seeds=(0,)):
        items, keys, values = [], [], []
        for item in quiz.questions:
            q = item.question
            if q.procedure is not None and q.anchor is not None:
                procedure = kb.procedure_by_id[q.procedure]
                holder = next((h.id for h in (*procedure.steps, *procedure.exceptions) if q.anchor in {m.id for m in h.timings}), q.anchor)
                items.append((q.procedure, holder if item.kind == "hand-written" else q.anchor))
            if q.type == "choice" and item.kind != "numbers":  # two facts may be the same number (2 hours)
                keys += [(lang, content_words(q.choices[q.right].text.get(lang), lang).gist) for lang in LANGS]
            if item.kind == "numbers":
                measure = next(m for m in kb.procedure_by_id[q.procedure].measures() if m.id == q.anchor)
                values.append((q.procedure, measure.kind, measure.amount))
        assert len(items) == len(set(items)), (role.id, [x for x in items if items.count(x) > 1])
        assert len(keys) == len(set(keys)), (role.id, [k for k in keys if keys.count(k) > 1])
        assert len(values) == len(set(values)), (role.id, values)
    engineer = build_quiz(kb, kb.role_by_id["engineer"])
    anchors = [i.question.anchor for i in engineer.questions]
    assert "knock-twice" in anchors and not {"taps-per-round", "rounds"} & set(anchors)  # the hand-written knock replaces them
    assert anchors.count("arrive-early") == 1
    assert [i.question.anchor for i in engineer.questions if i.kind == "numbers" and i.question.procedure == "running-late"] == ["phone-ahead", "late-under"]


def test_a_generated_question_whose_answer_an_earlier_one_gives_is_dropped(tmp_path):
    """"Report to the centre and act on its instructions" once answered six questions: a trainee who
    learnt it passed them all. The second question with an answer saying the same (content words, in
    either language: here the Chinese only) is dropped, and the coverage report lists it."""
    def edit(root):
        path = root / "procedures" / "on-site-conduct.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("rules:\n", """  - id: floor-scratched
    when: {zh: 把产品搬回原位时划坏了地板, en: You scratch the floor putting the product back}
    then: {zh: 按价赔偿，并向用户道歉。, en: Say sorry and pay what the repair of the floor costs.}
    mistakes:
      - {zh: 用抹布擦一擦，不必提起。, en: Wipe it with your cloth and say nothing.}
      - {zh: 请用户找物业处理。, en: Ask the customer to take it up with the building manager.}
rules:\n""", 1), encoding="utf-8")
    root = write_content(tmp_path, edit)
    kb = load(root)
    anchors = [i.question.anchor for i in build_quiz(kb, kb.role_by_id["engineer"]).questions]
    assert "damage-caused" in anchors and "floor-scratched" not in anchors
    coverage = run("quiz", "--root", str(root), "--role", "engineer", "--lang", "en", "--coverage").stdout
    assert "procedures/on-site-conduct/#floor-scratched  [exception]" in coverage


# --- numbers ---


def test_number_choices_share_the_answers_unit_and_shape_and_none_is_defensible(repo_kb):
    """Minutes among minutes, ranges among ranges, near the answer; never a value a related number of
    the role makes defensible (inside a range holding the answer) or one between two thresholds of the
    same procedure (tuning is free within 1 month, charged after 3: nothing is said of 2)."""
    seen = 0
    for role, quiz in all_quizzes(repo_kb, seeds=(0,)):
        real = [m for p in repo_kb.procedures_of(role) for m in p.measures()]
        for item in quiz.questions:
            if item.kind != "numbers":
                continue
            seen += 1
            q = item.question
            measure = next(m for m in real if m.id == q.anchor)
            answer = measure.amount
            for choice in q.choices:
                numbers = tuple(int(n) for n in re.findall(r"\d+", choice.text.en))
                unit = re.sub(r"[\d–\s]+", " ", choice.text.en).strip().removesuffix("s")
                assert unit == re.sub(r"[\d–\s]+", " ", q.choices[q.right].text.en).strip().removesuffix("s"), q.id
                assert len(numbers) == (2 if isinstance(answer, tuple) else 1), q.id
                low, high = numbers[0], numbers[-1]
                if choice.correct:
                    continue
                ratio = ((low + high) / 2) / ((answer[0] + answer[1]) / 2 if isinstance(answer, tuple) else answer)
                assert 1 / 25 <= ratio <= 25, (q.id, choice.text.en)
                for other in real:
                    if isinstance(other.amount, tuple) and other.kind == measure.kind:
                        o_low, o_high = other.amount
                        a_low, a_high = answer if isinstance(answer, tuple) else (answer, answer)
                        if o_low <= a_high and a_low <= o_high:  # a range that holds the answer
                            assert high < o_low or low > o_high, (q.id, choice.text.en, other.id)
    # three more numbers are hand-written: their generated choices were defensible (3 h), unbelievable, or
    # each the missing value of the other's (tuning free within 1 month among 1, 6, 12, 24; charged after 3 among 3, 6, 12, 24)
    assert seen >= 7
    software = build_quiz(repo_kb, repo_kb.role_by_id["engineer"])
    tuning = [i.question for i in software.questions if i.question.procedure == "software-fees"]
    assert len(tuning) == 2 and not any(c.text.en == "2 months" for q in tuning for c in q.choices)


def test_numbers_are_formatted_per_language(fixture_kb):
    quiz = build_quiz(fixture_kb, fixture_kb.role_by_id["engineer"])
    early = next(i.question for i in quiz.questions if i.question.anchor == "arrive-early")
    right = early.choices[early.right].text
    assert (right.zh, right.en) == ("5–10分钟", "5–10 minutes")  # as the content writes it: no space in Chinese
    covers = next(i.question for i in quiz.questions if i.question.anchor == "spare-covers")
    assert sorted(c.text.en for c in covers.choices) == ["1 pair", "2 pairs", "3 pairs", "4 pairs"]  # not the taps' or rounds' counts
    assert covers.choices[covers.right].text.zh == "1副"
    # 60 minutes and 1 hour are the same value in other units: neither stands among the other's choices.
    for item in quiz.questions:
        if item.kind == "numbers":
            values = [c.text.en for c in item.question.choices]
            assert not {"60 minutes", "1 hour"} <= set(values)


def test_a_number_someone_else_keeps_is_not_asked_of_the_engineer(repo_kb):
    """"Every day the outlet clerk reconciles...": the clerk's number, asked in the clerk's words."""
    anchors = {i.question.anchor for i in build_quiz(repo_kb, repo_kb.role_by_id["engineer"]).questions}
    assert not {"outlet-reconciliation", "centre-reconciliation"} & anchors
    assert "call-back-delay" in anchors  # spoken to the engineer's procedure: asked


# --- order ---


def test_no_question_asks_an_order(repo_kb, fixture_kb):
    """Which stage of the visit comes next is common sense (you knock before you go in), and the
    order of steps within a procedure is rarely the source's: neither is asked."""
    for kb in (repo_kb, fixture_kb):
        for role, quiz in all_quizzes(kb, seeds=(0,)):
            for item in quiz.questions:
                assert item.kind in ("numbers", "scenario", "rules", "hand-written"), item.uid
                assert not re.search(r"comes next|下一项|after “", item.question.prompt.en + item.question.prompt.zh, re.IGNORECASE), item.uid


# --- every role's own job ---


@pytest.mark.parametrize("role_id, size", [("manager", 22), ("information-clerk", 20), ("support-agent", 20)])
def test_the_manager_clerk_and_support_agent_are_asked_about_their_own_job(repo_kb, role_id, size):
    """The manager, clerk and support agent are asked about their own duties and their part of a
    case, in their words, never the engineer's steps: every question is written for them and cites
    their own role file or a procedure of theirs, and no choice is procedure text (the engineer's
    misconduct as distractors, the engineer's lateness rules as questions). At least half ask their
    own work: an item of their role file, or a procedure they perform first (the support agent's
    complaints, survey calls and daily log)."""
    role = repo_kb.role_by_id[role_id]
    quiz = build_quiz(repo_kb, role)
    assert len(quiz.questions) >= size
    assert set(quiz.counts()) == {"hand-written"}
    procedure_texts = right_texts(repo_kb) | {r.text.en for p in repo_kb.procedures for r in p.rules}
    own_work = 0
    for item in quiz.questions:
        q = item.question
        if q.procedure is None:
            assert q.anchor in role.items
            own_work += 1
        else:
            assert q.procedure in role.procedures
            own_work += repo_kb.procedure_by_id[q.procedure].roles[0] == role.id
        assert not {c.text.en for c in q.choices} & procedure_texts, q.id
    assert own_work >= len(quiz.questions) // 2


@pytest.mark.parametrize("role_id", ["manager", "information-clerk"])
def test_the_manager_and_clerk_are_asked_their_own_part_of_a_procedure(repo_kb, role_id):
    """A question the manager or clerk answers from a procedure asks the part that procedure gives the
    role: an exception handed to it, or a step, exception or rule whose text names it ("由售后经理亲自上门",
    "网点信息员每天都和维修人员对一次账"), never one of the engineer's own acts; the rest of its quiz is
    answered by its own role file."""
    role = repo_kb.role_by_id[role_id]
    titles = {t.zh for t in (role.title, *role.other_titles)}
    names = titles | {t.removeprefix("售后") for t in titles}  # the procedures say 信息员, 售后经理
    procedure_questions = 0
    for item in build_quiz(repo_kb, role).questions:
        q = item.question
        if q.procedure is None:
            assert q.anchor in role.items, (role_id, q.id)
            continue
        procedure_questions += 1
        procedure = repo_kb.procedure_by_id[q.procedure]
        part = next(x for x in (*procedure.steps, *procedure.exceptions, *procedure.rules) if x.id == q.anchor)
        handed = getattr(part, "escalate_to", None) == role_id
        text = "".join(t.zh for t in (getattr(part, "text", None), getattr(part, "when", None), getattr(part, "then", None)) if t)
        assert handed or any(name in text for name in names), (role_id, q.id, q.anchor)
    assert procedure_questions >= 2


def test_exceptions_handed_to_a_role_are_asked_of_it(repo_kb):
    asked = {role.id: {(i.question.procedure, i.question.anchor) for i in build_quiz(repo_kb, role).questions} for role in repo_kb.roles}
    for role in repo_kb.roles:
        for procedure in repo_kb.procedures_of(role):
            for exc in procedure.exceptions:
                if exc.escalate_to == role.id and procedure.roles[0] != role.id:
                    assert (procedure.id, exc.id) in asked[role.id], (role.id, exc.id)
    manager = {i.question.anchor: i.question for i in build_quiz(repo_kb, repo_kb.role_by_id["manager"]).questions}
    assert {"apology-refused", "still-refused"} <= set(manager)
    assert "What do you do?" in manager["apology-refused"].prompt.en and "engineer" in manager["apology-refused"].prompt.en


def test_a_case_that_names_its_own_source_section_is_cited_by_it(repo_kb):
    """A question on an exception cites the exception's section when it names one (the refused entry
    is ⑶ 三.3(3) of a procedure citing ⑶ 三.3(2)–(5)), else the procedure's."""
    manager = repo_kb.role_by_id["manager"]
    by_anchor = {i.question.anchor: i.question for i in build_quiz(repo_kb, manager).questions}
    assert repo_kb.procedure_by_id["door-exceptions"].source == "⑶ 三.3(2)–(5)"
    assert cited_source(repo_kb, manager, by_anchor["still-refused"]) == "⑶ 三.3(3)"
    assert cited_source(repo_kb, manager, by_anchor["apology-refused"]) == repo_kb.procedure_by_id["running-late"].source


def test_questions_on_a_role_s_duties_have_their_own_page_category_and_key_section(fixture_kb, tmp_path):
    manager = fixture_kb.role_by_id["manager"]
    quiz = build_quiz(fixture_kb, manager)
    assert [(i.question.id, i.link) for i in quiz.questions] == [("coach-the-team", "roles/manager/")]
    pages = render_quiz_pages(fixture_kb, {"manager": quiz})
    assert "quizzes/manager/duties.md" in pages and "en/quizzes/manager/duties.md" in pages
    assert "](../../roles/manager.md)" in pages["en/quizzes/manager/key.md"]
    assert "## The role's duties" in pages["en/quizzes/manager/key.md"]
    assert "$CATEGORY: $course$/After-sales service manager/The role's duties" in render_gift(fixture_kb, quiz, "en")
    sample = run("quiz", "--root", str(FIXTURE), "--role", "manager", "--lang", "en", "--sample", "1")
    assert sample.stdout.splitlines()[-1] == "   Source: roles/manager/ · §2, posting 1"


# --- validation ---


def write_content(tmp_path: Path, edit) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    edit(root)
    return root


def test_mistakes_need_two_and_differ_from_the_answer(tmp_path):
    def edit(root):
        path = root / "procedures" / "on-site-conduct.yml"
        text = path.read_text(encoding="utf-8")
        text = text.replace("      - {zh: 报告中心，由中心决定赔不赔。, en: 'Report it to the centre, which decides whether to pay.'}\n", "")
        text = text.replace("      - {zh: 用自带的抹布擦干净用户家的地板。", "      - {zh: 使用用户家的洗手间、毛巾等物品。")
        path.write_text(text, encoding="utf-8")
    result = run("validate", "--root", str(write_content(tmp_path, edit)))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(re.match(r"procedures/on-site-conduct\.yml:\d+:5: error: exceptions\[0\]: .*one wrong choice makes no question; give at least 2, or none", line) for line in lines), lines
    assert any(re.match(r"procedures/on-site-conduct\.yml:\d+:5: error: rules\[1\]: .*mistakes\[1\] reads the same as text in zh", line) for line in lines), lines


def test_a_question_on_the_role_s_duties_names_one_of_its_items(tmp_path):
    def misspelt(root):
        path = root / "quizzes" / "manager.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("anchor: lead-team", "anchor: lead-teem"), encoding="utf-8")
    def missing(root):
        path = root / "quizzes" / "manager.yml"
        path.write_text(path.read_text(encoding="utf-8").replace("    anchor: lead-team\n", ""), encoding="utf-8")
    result = run("validate", "--root", str(write_content(tmp_path / "a", misspelt)))
    assert (result.returncode, result.stdout.splitlines()[0]) == (1, "quizzes/manager.yml:5:5: error: questions[0].anchor: unknown item of "
                                                                    "roles/manager.yml (a responsibility, requirement or KPI) 'lead-teem' (did you mean 'lead-team'?)")
    result = run("validate", "--root", str(write_content(tmp_path / "b", missing)))
    assert (result.returncode, result.stdout.splitlines()[0]) == (1, "quizzes/manager.yml:4:5: error: questions[0]: name the `procedure` that answers "
                                                                    "the question, or (a question on the role's own duties) the role's item as `anchor`")


# --- coverage ---


def test_coverage_lists_what_no_question_asks_and_the_facts_the_review_missed_are_asked(repo_kb):
    from generator.quiz.coverage import unasked

    result = run("quiz", "--role", "engineer", "--lang", "en", "--coverage")
    assert result.returncode == 0 and result.stderr == ""
    total, missing = unasked(repo_kb, build_quiz(repo_kb, repo_kb.role_by_id["engineer"]))
    lines = result.stdout.splitlines()
    assert lines[0] == f"Service engineer: {total - len(missing)} of {total} things to know are asked; no question asks these:"
    assert len(lines) == 2 + len(missing)
    assert "procedures/door-knocking/#never-pound  [rule] Pound on the door or knock without pause." in lines
    listed = {line.split("  ")[0] for line in lines[2:]}
    # The review found nobody asked which work-order fields to verify, borrowing a stool, charging the
    # lower of schedule and warranty card, and the 3-hour call-back after an uncertain repair.
    for anchor in ("verify-work-order/#check-fields", "on-site-conduct/#avoid-borrowing",
                   "out-of-warranty-fees/#schedule-and-card-differ", "call-back/#call-back-delay"):
        assert f"procedures/{anchor}" not in listed, anchor
    # A number two procedures share is one fact, and an item asked counts with its numbers.
    assert "procedures/on-the-road/#arrive-early" not in listed and "procedures/door-knocking/#taps-per-round" not in listed
    manager = run("quiz", "--role", "manager", "--lang", "zh", "--coverage").stdout.splitlines()
    assert manager[0].startswith("售后服务经理：应知的") and any(line.startswith("roles/manager/  [职责] ") for line in manager)


def test_explanations_say_whose_words_they_quote(repo_kb):
    """The explanations once labelled our paraphrase "原文" / "The procedure says"."""
    for role, quiz in all_quizzes(repo_kb, seeds=(0,)):
        for item in quiz.questions:
            explanation = item.question.explanation
            assert "原文" not in explanation.zh and "The procedure says" not in explanation.en, item.question.id
            if item.kind == "numbers":
                assert "本知识库" in explanation.zh and "this knowledge base's" in explanation.en



# --- outputs, validation and the command line ---


def test_generation_is_deterministic_for_a_seed(fixture_kb):
    role = fixture_kb.role_by_id["engineer"]
    first = render_gift(fixture_kb, build_quiz(fixture_kb, role, seed=3), "zh")
    again = render_gift(load(FIXTURE), build_quiz(load(FIXTURE), role, seed=3), "zh")
    other = render_gift(fixture_kb, build_quiz(fixture_kb, role, seed=4), "zh")
    assert first == again
    assert first != other


def test_hand_written_questions_are_in_the_quiz(fixture_kb):
    quiz = build_quiz(fixture_kb, fixture_kb.role_by_id["engineer"])
    hand = [i.question.id for i in quiz.questions if i.kind == "hand-written"]
    assert hand == ["specials", "phone-when-no-answer"]
    assert quiz.counts()["numbers"] >= 8


def overlay(tmp_path: Path, scenario: str) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "tests" / "fixtures" / scenario, root, dirs_exist_ok=True)
    return root


def test_broken_questions_are_reported_at_their_line(tmp_path):
    result = run("validate", "--root", str(overlay(tmp_path, "quiz-broken")))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "quizzes/engineer.yml:4:5: error: questions[0]: no choice is marked `correct: true`; mark the one right answer",
        "quizzes/engineer.yml:12:5: error: questions[1]: choices [0], [2] are all marked correct; mark exactly one",
        "quizzes/engineer.yml:20:5: error: questions[2]: choices [1] and [2] read the same in en ('B'); every choice must differ",
        "quizzes/engineer.yml:28:5: error: questions[3]: a choice question needs at least 3 choices, found 2",
        "quizzes/engineer.yml:35:5: error: questions[4]: a true-false question needs `answer: true` or `answer: false`",
        "5 errors, 0 warnings in 12 files",
    ]


def test_questions_must_point_at_real_things(tmp_path):
    result = run("validate", "--root", str(overlay(tmp_path, "quiz-bad-refs")))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "quizzes/engineer.yml:6:5: error: questions[0].anchor: unknown id in procedures/door-knocking.yml 'knock-thrice' (did you mean 'knock-twice'?)",
        "quizzes/engineer.yml:12:5: error: questions[1].procedure: unknown procedure 'door-knoking' (did you mean 'door-knocking'?)",
        "quizzes/enginer.yml:1:1: error: no role 'enginer' (did you mean 'engineer'?); name the file after the role whose quiz it extends",
        "3 errors, 0 warnings in 13 files",
    ]


def test_question_rules_hold_for_generated_questions_too():
    text = Text(zh="甲", en="A")
    with pytest.raises(ValueError, match="at least 3 choices"):
        Question(id="q", procedure="p", prompt=text, explanation=text,
                 choices=[{"text": text, "correct": True}, {"text": {"zh": "乙", "en": "B"}}])


def test_cli_writes_gift_and_markdown(tmp_path):
    out = tmp_path / "engineer.en.gift"
    result = run("quiz", "--root", str(FIXTURE), "--role", "engineer", "--lang", "en", "--format", "gift", "--seed", "2", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {out}: ")
    assert "$CATEGORY: $course$/Service engineer/Arriving on time" in out.read_text(encoding="utf-8")
    key = tmp_path / "key.md"
    assert run("quiz", "--root", str(FIXTURE), "--role", "engineer", "--lang", "zh", "--format", "md", "--out", str(key)).returncode == 0
    text = key.read_text(encoding="utf-8")
    assert text.startswith("# 服务工程师：测验答案")
    assert "**5–10分钟** ✔" in text


def test_cli_rejects_an_unknown_role(tmp_path):
    result = run("quiz", "--root", str(FIXTURE), "--role", "enginer", "--out", str(tmp_path / "x.gift"))
    assert result.returncode == 1
    assert result.stderr.strip() == "error: --role: unknown role 'enginer' (did you mean 'engineer'?); roles: engineer, manager"
    assert not (tmp_path / "x.gift").exists()


def test_answer_key_page_links_every_question_to_its_procedure(fixture_kb):
    quiz = build_quiz(fixture_kb, fixture_kb.role_by_id["engineer"])
    key = render_quiz_pages(fixture_kb, build_site_quizzes(fixture_kb))["en/quizzes/engineer/key.md"]
    assert key.count("](../../procedures/") == len(quiz.questions)
    assert "](../../procedures/door-knocking.md#no-answer)" in key
    assert '](engineer-answer-key.pdf)' in key and '](engineer-moodle.gift)' in key  # beside key.md: MkDocs checks them


def test_quiz_page_data_cannot_break_out_of_its_script(fixture_kb):
    page = render_quiz_pages(fixture_kb, build_site_quizzes(fixture_kb))["quizzes/engineer/index.md"]
    payload = re.search(r'class="kb-quiz-data">(.*?)</script>', page).group(1)
    assert "<" not in payload and "&" not in payload
    data = json.loads(payload)
    specials = next(q for q in data["questions"] if q["id"] == "hand-written/specials")
    assert "a < b & c" in specials["prompt"]
    assert specials["link"] == "../../procedures/door-knocking/#no-answer"


def test_markdown_key_and_pdf_key_agree(fixture_kb, tmp_path):
    from generator.pdf import render_documents
    from generator.quiz.answer_key import answer_key_document

    quiz = build_quiz(fixture_kb, fixture_kb.role_by_id["engineer"])
    pdf = tmp_path / "key.pdf"
    pdf.write_bytes(render_documents([answer_key_document(fixture_kb, quiz, "zh", "key.pdf")], cache_dir=tmp_path / "cache")["key.pdf"])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "KB-Sans" in fonts and "DejaVu" not in fonts  # the print subset, no fallback font
    assert "服务工程师 — 测验答案" in text
    assert f"{len(quiz.questions)} 题" in text
    assert "5–10分钟 ✓" in text
    assert "procedures/punctuality/#arrive-early" in text
    md = render_answer_key(fixture_kb, quiz, "zh")
    assert md.count("✔") + md.count("**答案") == len(quiz.questions)


def test_role_page_quiz_is_a_sample_of_every_kind(repo_kb):
    from generator.quiz.pages import ROLE_QUIZ_SIZE
    from generator.quiz.questions import sample_quiz

    quiz = build_quiz(repo_kb, repo_kb.role_by_id["engineer"])
    mixed = sample_quiz(quiz, ROLE_QUIZ_SIZE)
    assert len(mixed.questions) == ROLE_QUIZ_SIZE < len(quiz.questions)
    assert set(mixed.counts()) == set(quiz.counts())  # every kind represented
    order = [q.question.id for q in quiz.questions]
    assert [q.question.id for q in mixed.questions] == [i for i in order if i in {q.question.id for q in mixed.questions}]
    assert sample_quiz(quiz, ROLE_QUIZ_SIZE) == mixed  # deterministic
    small = build_quiz(repo_kb, repo_kb.role_by_id["manager"])  # the support agent's quiz outgrew it (issue 19)
    assert len(small.questions) < ROLE_QUIZ_SIZE
    assert sample_quiz(small, ROLE_QUIZ_SIZE) is small


def test_a_hand_written_id_equal_to_a_generated_one_keeps_its_own_slot_and_sampling_ends(fixture_kb):
    """A hand-written question may take the id of a generated one: both stay, each with its own id,
    and sampling one question short of the whole quiz finishes (it used to loop forever)."""
    import dataclasses
    import signal

    from generator.quiz.questions import sample_quiz

    role = fixture_kb.role_by_id["engineer"]
    generated = next(item.question for item in build_quiz(fixture_kb, role).questions if item.kind == "numbers")
    twin = Question(id=generated.id, procedure=generated.procedure, type="true-false", answer=True,
                    prompt=Text(zh="题", en="Question"), explanation=Text(zh="因为", en="Because"))
    kb = dataclasses.replace(fixture_kb, hand_written={role.id: (*fixture_kb.hand_written[role.id], twin)})
    quiz = build_quiz(kb, role)
    uids = [item.uid for item in quiz.questions]
    assert len(set(uids)) == len(uids) == len(build_quiz(fixture_kb, role).questions) + 1
    assert sum(item.question.id == generated.id for item in quiz.questions) == 2

    signal.alarm(20)  # a hang fails the test instead of the whole run
    try:
        for size in (len(uids) - 1, len(uids) - 2, 1):
            sample = sample_quiz(quiz, size)
            assert len(sample.questions) == size
            assert len({item.uid for item in sample.questions}) == size
    finally:
        signal.alarm(0)
    gift = render_gift(kb, quiz, "en")
    assert gift.count(f"::hand-written/{generated.id}::") == 1 and gift.count(f"::numbers/{generated.id}::") == 1


def test_number_questions_are_the_timings_own_questions(repo_kb):
    measures = {(p.id, m.id): m for p in repo_kb.procedures for m in p.measures()}
    assert all(m.ask is not None for m in measures.values()), "every timing in the content carries its question"
    asked = 0
    for role, quiz in all_quizzes(repo_kb, seeds=(0,)):
        for item in quiz.questions:
            if item.kind != "numbers":
                continue
            q = item.question
            measure = measures[(q.procedure, q.anchor)]
            title = repo_kb.phase_by_id[repo_kb.procedure_by_id[q.procedure].phase].title
            assert q.prompt.zh == f"{title.zh}：{measure.ask.zh}" and q.prompt.zh.endswith("？")
            assert q.prompt.en == f"{title.en}: {measure.ask.en}" and q.prompt.en.endswith("?")
            for choice in q.choices:  # Chinese prints numbers as the content writes them: 2小时, not 2 小时
                assert not re.search(r"\d ", choice.text.zh), choice.text.zh
            asked += 1
    assert asked >= 7  # arrive-early, the no-test call-back and both tuning windows are hand-written


def test_a_timing_without_its_question_is_asked_grammatically(fixture_kb):
    quiz = build_quiz(fixture_kb, fixture_kb.role_by_id["engineer"])
    late = next(i.question for i in quiz.questions if i.question.anchor == "late-notice")
    assert late.prompt.en == "Prepare and travel: Choose the right number: how far ahead to warn the customer that you may be late."
    assert late.prompt.zh == "准备出发：可能迟到时至少提前多久通知用户？"
    spare = next(i.question for i in quiz.questions if i.question.anchor == "spare-covers")
    assert spare.prompt.zh == "准备出发：备用鞋套的数量是多少？"


def test_a_timing_question_must_read_as_a_question(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(FIXTURE, root)
    path = root / "procedures" / "punctuality.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("        what: {zh: 应提前多久到达用户家, en: how early to arrive}\n",
                        "        what: {zh: 应提前多久到达用户家, en: how early to arrive}\n        ask: {zh: 应提前多久到达用户家, en: how early to arrive}\n")
    path.write_text(text, encoding="utf-8")
    result = run("validate", "--root", str(root))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "procedures/punctuality.yml:19:9: error: steps[0].timings[0].ask: `ask` is the question a quiz asks about this number: "
        "end the Chinese with a full-width question mark '？' and start the English with a capital letter and end it with '?'")


def rule_statements(quiz):
    """(first word, rule text as stated, answer) of every true/false rule statement."""
    for item in quiz.questions:
        q = item.question
        if item.kind == "rules" and q.type == "true-false":
            word, text = re.match(r".*?True or false\? (Always|Never): (.*)$", q.prompt.en).groups()
            yield word, text, q.answer


def test_markdown_answer_keys_carry_no_html_entities(repo_kb, fixture_kb):
    for role in repo_kb.roles:
        for lang in ("zh", "en"):
            key = render_answer_key(repo_kb, build_quiz(repo_kb, role), lang)
            assert not re.search(r"&#?\w+;", key), re.search(r".*&#?\w+;.*", key).group(0)
    assert "customer's" in render_answer_key(repo_kb, build_quiz(repo_kb, repo_kb.role_by_id["engineer"]), "en")
    key = render_answer_key(fixture_kb, build_quiz(fixture_kb, fixture_kb.role_by_id["engineer"]), "en")
    assert 'a < b & c "quotes"' in key


def test_cli_sample_prints_questions_with_answers_and_sources():
    result = run("quiz", "--root", str(FIXTURE), "--role", "engineer", "--lang", "en", "--sample", "3", "--seed", "2")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == """\
Service engineer: 3 of 18 questions picked at random (seed 2)

1. [numbers] Prepare and travel: Choose the right number: how soon to call back to confirm a new time.
   A. 48 hours
   B. 8 hours
   C. 24 hours ✔
   D. 12 hours
   Source: procedures/punctuality/#call-back-within · §3, II.2

2. [scenario] The service: You are not sure what is causing the fault. What do you do?
   A. Repair it for the most common cause of such a fault, test it briefly, and tell the customer that it will go back to the workshop for a full instrument check only if the fault comes back.
   B. Replace the parts most likely to be at fault, one after another, until the product works, and charge only for the part that fixed it.
   C. Tell the customer you could find nothing wrong, ask them to keep using the product, and have them phone again if the fault comes back.
   D. Explain that the product needs a full check with test instruments and take it back to the workshop, following the pull-back repair procedure. ✔
   Source: procedures/diagnosis/#cause-unclear · §3, IV.2(1)

3. [scenario] The service: The part you brought on the strength of the phone description is wrong or faulty, or you did not bring the part you need. What do you do?
   A. Ask the customer to buy the right part themselves from a shop and to phone you once they have it, so that you can come back and fit it.
   B. Tell the customer the work order named the wrong part, so the mistake is not yours, and ask them to take it up with the service centre so that it can send someone else again with the right part.
   C. Apologise and explain that you chose the parts from the symptoms described on the phone. If the customer has time, go and fetch the right part straight away; if not, agree a reasonable new time to come back. ✔
   D. Fit the closest part you have with you so that the product works for now, and tell the customer you will swap in the right one on a later visit.
   Source: procedures/diagnosis/#wrong-or-missing-part · §3, IV.2(1)
"""
    again = run("quiz", "--root", str(FIXTURE), "--role", "engineer", "--lang", "zh", "--sample", "1000")
    assert again.returncode == 0 and again.stdout.startswith("服务工程师：随机抽取18题（共18题，随机种子0）\n\n1. [")
    assert again.stdout.count("出处：procedures/") == 18


def test_cli_sample_needs_a_positive_number_and_no_out_file(tmp_path):
    zero = run("quiz", "--root", str(FIXTURE), "--role", "engineer", "--sample", "0")
    assert zero.returncode == 2 and zero.stdout == ""
    assert zero.stderr.splitlines()[-1] == ("python -m generator quiz: error: argument --sample: "
                                            "'0' is not a number of questions: give a whole number from 1, e.g. 100")
    both = run("quiz", "--root", str(FIXTURE), "--role", "engineer", "--sample", "3", "--out", str(tmp_path / "q.gift"))
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    assert not (tmp_path / "q.gift").exists()


def test_what_we_teach_instead_is_not_cited_to_the_source(repo_kb, tmp_path):
    """A question answered by a step, exception or rule of ours (own: true), or by a role item of ours,
    says so in its explanation (a rule's prompt names whose rule it is), and the spot check names no
    source section for it; everything the source says keeps the source's citation, in the reader's
    form."""
    from generator.quiz.questions import answered_by_ours
    from generator.quiz.spot_check import render_spot_check

    marks = {"zh": re.compile(r"（(本知识库补充|据⑶ [^）]+，岗位分工为本知识库补充)）$"),
             "en": re.compile(r" \((Added by this knowledge base|From §3, .+; the role's part added by this knowledge base)\.\)$")}
    def marked(item) -> bool:
        return all(mark.search(item.question.explanation.get(lang)) for lang, mark in marks.items())
    ours = 0
    for role, quiz in all_quizzes(repo_kb, seeds=(0,)):
        for item in quiz.questions:
            assert marked(item) == answered_by_ours(repo_kb, role, item.question), (role.id, item.question.id)
            ours += marked(item)
    assert ours >= 2  # the clerk's and the manager's KPIs of ours
    # A role item of ours that builds on a section names it: the source says the centre calls an
    # unsure repair back after 3 hours; that the centre clerk sees to it is ours.
    clerk = repo_kb.role_by_id["information-clerk"]
    quiz = build_quiz(repo_kb, clerk)
    call_back = next(item for item in quiz.questions if item.question.anchor == "call-back-uncertain-repairs")
    assert call_back.question.explanation.zh.endswith("（据⑶ 七.1，岗位分工为本知识库补充）")
    assert call_back.question.explanation.en.endswith(" (From §3, VII.1; the role's part added by this knowledge base.)")
    for lang, cited in (("zh", "⑶ 七.1 · 岗位分工为本知识库补充"), ("en", "§3, VII.1 · the role's part added by this knowledge base")):
        lines = render_spot_check(repo_kb, quiz, lang, len(quiz.questions)).splitlines()
        index = next(i for i, line in enumerate(lines) if ("3小时" if lang == "zh" else "3 hours") in line and "✔" in line)
        assert lines[next(i for i in range(index, len(lines)) if "roles/information-clerk/" in lines[i])].endswith(cited)
    quiz = build_quiz(repo_kb, repo_kb.role_by_id["engineer"])
    by_anchor = {item.question.anchor: item for item in quiz.questions}
    for anchor in ("late-under", "cause-unclear", "apology-refused", "never-blame-workload"):
        assert not marked(by_anchor[anchor]), anchor
    for lang in LANGS:
        lines = render_spot_check(repo_kb, quiz, lang, len(quiz.questions)).splitlines()
        cited = {line.split("#", 1)[1].split(" · ")[0]: line.rsplit(" · ", 1)[1] for line in lines if "procedures/" in line and "#" in line}
        assert cited["late-under"] == cited["never-blame-workload"] == format_source("⑶ 三.3(1)", lang)

    def ours_rule(root):  # the fixture's always-rule on borrowing, made ours
        path = root / "procedures" / "on-site-conduct.yml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("      en: Ask the customer before you borrow or move any of their things.\n",
                                     "      en: Ask the customer before you borrow or move any of their things.\n    own: true\n"), encoding="utf-8")
    kb = load(write_content(tmp_path, ours_rule))
    quiz = build_quiz(kb, kb.role_by_id["engineer"])
    rule = next(item for item in quiz.questions if item.question.anchor == "always-ask-before-borrowing")
    assert marked(rule)
    assert "本知识库" in rule.question.prompt.zh and "this knowledge base" in rule.question.prompt.en
    assert "服务规范" not in rule.question.prompt.zh and "service standard" not in rule.question.prompt.en
    for lang, source in (("zh", "本知识库补充"), ("en", "Added by this knowledge base")):
        lines = render_spot_check(kb, quiz, lang, len(quiz.questions)).splitlines()
        cited = {line.split("#", 1)[1].split(" · ")[0]: line.rsplit(" · ", 1)[1] for line in lines if "procedures/" in line and "#" in line}
        assert cited["always-ask-before-borrowing"] == source
