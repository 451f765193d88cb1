"""Words the quiz outputs put around the content, in both languages."""

from ..model import Text

LABELS = {
    "quiz": Text(zh="测验", en="Quiz"),
    "answer_key": Text(zh="测验答案", en="Quiz answer key"),
    "questions": Text(zh="题", en="questions"),
    "seed": Text(zh="随机种子", en="seed"),
    "answer": Text(zh="答案", en="Answer"),
    "why": Text(zh="解析", en="Why"),
    "see": Text(zh="查看规范", en="See the procedure"),
    "true": Text(zh="对", en="True"),
    "false": Text(zh="错", en="False"),
    "check": Text(zh="提交", en="Check"),
    "right": Text(zh="回答正确。", en="Right."),
    "wrong": Text(zh="回答错误。正确答案：{answer}", en="Wrong. The right answer: {answer}"),
    "score": Text(zh="得分", en="Score"),
    "answered": Text(zh="已答", en="answered"),
    "done": Text(zh="全部答完。", en="All answered."),
    "retake": Text(zh="重新测验（打乱顺序）", en="Retake (shuffled)"),
    "noscript": Text(zh="测验需要启用 JavaScript。", en="The quiz needs JavaScript."),
    "intro": Text(
        zh="题目由上门服务规范自动生成，每题答完后显示解析和规范原文链接。答题进度保存在本浏览器中。",
        en="The questions are generated from the service procedures. After each answer you see why, with a link to the procedure. Your progress is kept in this browser.",
    ),
    "downloads": Text(zh="下载", en="Downloads"),
    "pdf": Text(zh="答案 PDF（打印用）", en="Answer key PDF (for printing)"),
    "gift": Text(zh="Moodle 题库（GIFT 格式）", en="Moodle question bank (GIFT)"),
    "kinds": Text(zh="题型", en="Kinds"),
    "sequence": Text(zh="顺序", en="sequence"),
    "numbers": Text(zh="数字", en="numbers"),
    "scenario": Text(zh="情境", en="scenario"),
    "rules": Text(zh="规则", en="rules"),
    "glossary": Text(zh="术语", en="glossary"),
    "hand-written": Text(zh="人工编写", en="hand-written"),
    "whole_role": Text(zh="综合测验", en="Mixed quiz"),
    "mixed_intro": Text(zh="本页从各阶段抽取题目，覆盖每种题型；各阶段的测验包含该阶段的全部题目：",
                        en="This page mixes questions of every kind from all phases; each phase quiz holds all of that phase's questions:"),
}


def label(name: str, lang: str) -> str:
    return LABELS[name].get(lang)
