"""The wording check: discriminatory or exclusionary requirements in a posting, line by line.

The rules are our own table of patterns per language, each with its category, what is wrong and a
neutral alternative. They look for the kinds of wording (an age band, a gender, a look, a voice),
not for known sentences, so new phrasings are caught too. Job-related needs (a driving licence,
an electrician's certificate, travel, a language the job is done in) are deliberately not matched.

The posting builder page runs the same table in the browser: `browser_rules` hands it over as data
and generator/assets/posting-builder.js applies it the way `check_text` does. So that one pattern
means the same in both engines, patterns keep to what Python's `re` and JavaScript's RegExp read
alike (see PORTABLE_SYNTAX), are compiled ASCII-only (\\b, \\w, \\d and case folding as in JavaScript
without the u flag), and both sides check the same normalised line (`normalise`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..characters import REFUSED_PATTERN, visible
from ..markup import browser_rules as markup_rules
from ..loader import decode_text


@dataclass(frozen=True)
class Rule:
    lang: str
    category: str
    pattern: re.Pattern[str]
    problem: str  # what is wrong, in English like every tool message
    alternative: str  # a neutral way to say what is needed, in the rule's language


@dataclass(frozen=True, order=True)
class Finding:
    line: int
    col: int
    text: str
    rule: Rule

    def format(self, path: str) -> str:
        return (f"{path}:{self.line}:{self.col}: warning: {self.rule.category}: '{visible(self.text)}': "
                f"{self.rule.problem}; instead: {self.rule.alternative}")


_PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|"
              "海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古?|广西|西藏|宁夏|新疆|香港|澳门|本省|本市|本地|外省|外地")
_ETHNIC_GROUPS = "汉|回|藏|维吾尔|蒙古|壮|满|苗|彝|土家|朝鲜|少数民"
# 年龄 and 性别 said to be no requirement: 不限性别, 不论年龄, 无性别要求, 性别不限, 性别无要求, and with the other
# one beside it (不限年龄、性别, 年龄性别不限, 性别和年龄均不限). {} is the other word.
_NOT_LIMITED_BEFORE = "(?<!不限)(?<!不论)(?<!不分)(?<!无)(?<!不限{0})(?<!不限{0}[、和与及/])"
_NOT_LIMITED_AFTER = r"[\s:：]{{0,5}}(?:[、和与及/]?\s{{0,5}}{0}\s{{0,5}})?(?:均|都)?(?:不限|无要求|无限制|不作要求)"

# (category, pattern, problem, alternative). Order matters only for overlaps: the first match wins.
_ZH = [
    ("age", r"(?:年龄[\s:：]{0,5}(?:要求|限|在)?[\s:：]{0,5})?\d{2}\s{0,5}(?:周?岁)?\s{0,5}[-—–~～至到]\s{0,5}\d{2}\s{0,5}周?岁|\d{2}\s{0,5}周?岁(?:以下|以上|以内|之间|左右)?(?:优先)?",
     "an age limit excludes people for their age", "写明岗位需要的经验或能力，如“三年以上售后服务经验”"),
    ("age", rf"{_NOT_LIMITED_BEFORE.format('性别')}年龄(?!{_NOT_LIMITED_AFTER.format('性别')})", "an age requirement excludes people for their age",
     "删去年龄要求，写明岗位需要的经验"),
    ("age", r"[5-9]0后|[0-2]0后|95后|85后|\d{4}\s{0,5}年(?:以)?后出生|出生于\s{0,5}\d{4}",
     "a birth cohort is an age limit", "删去出生年代，写明岗位需要的经验"),
    ("age", r"年轻(?:化|有为|有活力)?|青年|(?:仅限|只招|限)应届",
     "youth is an age proxy", "写明工作内容需要的能力，如“能适应上门服务的工作节奏”"),
    ("age", r"年富力强|成熟稳重", "maturity is an age proxy", "写明岗位需要的经验，如“有三年以上上门服务经验”"),
    ("gender", rf"{_NOT_LIMITED_BEFORE.format('年龄')}性别(?!{_NOT_LIMITED_AFTER.format('年龄')})", "a gender requirement excludes people for their sex",
     "删去性别要求"),
    ("gender", r"(?:仅限|只招|限|要求)(?:男|女)|(?<!不)(?<![男女])(?:男|女)(?:性|士|生)(?:优先)?(?!不限)|(?<![男女])(?:男|女)优先|帅哥|美女|小哥|小姐姐|小妹",
     "gendered wording excludes people for their sex", "用中性称谓，如“售后服务人员”“应聘者”"),
    ("marital-status", r"已婚|未婚|已育|未育|婚育|单身|宝妈|宝爸|二胎|无孩|有孩子|没有孩子|家庭稳定",
     "marital or parental status is not a job requirement", "删去婚育要求；如需加班或出差，写明工作安排"),
    ("looks", r"相貌|容貌|貌美|五官端正|品貌端正|长相|颜值|外貌|身材|气质佳|形象气质|形象(?:好|佳|端正|良好)|漂亮|帅气|(?:附|提供)(?:近期)?(?:全身|生活|个人)?(?:照片|照)|(?:无|没有|不得有)(?:纹身|文身)|(?:不留|不蓄|不得留|刮净)(?:胡须|胡子)",
     "looks are not a job requirement", "写明与用户打交道需要的表现，如“按公司规范着装，举止得体”"),
    ("height", r"身高(?:[\s:：]{0,5}(?:要求|在)?[\s:：]{0,5}\d{3}\s{0,5}(?:cm|CM|厘米|公分)(?:以上|以下)?)?|\d{3}\s{0,5}(?:cm|CM|厘米|公分)(?:以上|以下)?", "height is not a job requirement",
     "若工作确需，写明具体任务，如“能登梯安装壁挂式空调”"),
    ("voice", r"声音(?:甜美|好听|悦耳|洪亮|清脆|柔和)|(?:甜美|好听|悦耳)(?:的)?(?:声音|嗓音)?|嗓音|声线", "voice quality excludes people for how they sound",
     "写明沟通要求，如“能通过电话清楚、耐心地解答用户问题”"),
    ("health", r"身体健康|健康状况良好|无(?:重大|传染性?)?疾病|无病史|乙肝[^，。；,;]{0,6}(?:勿|不[要收录招]|免谈|除外)|(?:无|非)乙肝|HIV|艾滋|无残疾|残疾人?(?:勿|不)|身体素质好|体格(?:健壮|强壮)|身强(?:体|力)壮|体能好|体力好|无不良嗜好",
     "health or habits unrelated to the job exclude people", "只写岗位确需的身体要求，如“能搬运20公斤以内的设备”"),
    ("household-registration", r"(?:本地|本市|本省|城镇|农村)?(?:户口|户籍)|常住人口", "household registration (户口) is not a job requirement",
     "删去户口要求；如需住得近，写明工作地点和上门区域"),
    ("birthplace", rf"(?:{_PROVINCES})(?:籍|人)(?:优先)?|籍贯|出生地|老乡", "birthplace is not a job requirement",
     "删去籍贯要求；如需熟悉当地，写明“熟悉杭州城区道路”等具体能力"),
    ("ethnicity", rf"(?:{_ETHNIC_GROUPS})族|民族\s{0,5}[:：](?!\s{0,5}不限)|民族要求", "ethnicity is not a job requirement", "删去民族要求"),
    ("nationality", r"国籍|中国籍|外籍|限(?:中国|本国)人|华人", "nationality is not a job requirement",
     "如需工作许可，写明“须具备在中国工作的合法资格”"),
    ("native-speaker", r"母语|口音|(?:标准|地道)普通话|普通话标准", "native-speaker or accent demands exclude people for where they grew up",
     "写明语言能力，如“能用普通话与用户流利沟通”"),
]

_EN = [
    ("age", r"\bage\s{0,5}[:：]|\b(?:aged?|ages)\s{0,5}[:：]?\s{0,5}(?:between\s{0,5}|from\s{0,5})?\d{2}\s{0,5}(?:-|–|—|to|and)\s{0,5}\d{2}\b|\b\d{2}\s{0,5}(?:-|–|—|to)\s{0,5}\d{2}\s{0,5}(?:years?[- ]old|yrs?\b)|\b(?:no older than|not older than|younger than|older than|maximum age(?: of)?|max\.? age)\s{0,5}\d{2}\b|\b(?:under|below|over|above)\s{0,5}\d{2}(?![,.]?\d)(?:\s{0,5}(?:years?|yrs?)[- ](?:old|of age)|(?=\s{0,5}(?:[.,;:)]|$|preferred|only|welcome)))|\bage (?:limit|requirement|range)\b|\bborn (?:after|before|in) \d{4}\b",
     "an age limit excludes people for their age", "state the experience the job needs, e.g. 'three years in after-sales service'"),
    ("age", r"\b(?:young|youthful|younger)\b|\brecent (?:college |university )?graduates?\b|\bdigital natives?\b|\b(?:no more than|at most|maximum of|max\.?) \d{1,9} years'? (?:of )?experience\b",
     "youth and capped experience are age proxies", "state the skills the job needs; set a minimum, not a maximum, experience"),
    ("age", r"\bmature\b", "maturity is an age proxy", "state the experience the job needs, e.g. 'three years in after-sales service'"),
    ("gender", r"\b(?:male|female|males|females|man|woman|men|women|boys?|girls?|guys?|lady|ladies|gentlemen|gentleman|he|she|him|his|hers|himself|herself|he/she|s/he)\b",
     "gendered wording excludes people for their sex", "use neutral wording: 'you', 'they', 'the engineer', 'candidates'"),
    ("gender", r"\b(?:sales|repair|service|fore|chair|handy|crafts|delivery|work)(?:man|men)\b",
     "a gendered job title excludes people for their sex", "use a neutral title: 'salesperson', 'technician', 'chair', 'lead'"),
    ("marital-status", r"\b(?:un)?married\b|\b(?:is|are|be) single\b|\bsingle (?:applicants|candidates|people)\b|\b(?:no|without) (?:children|kids)\b|\bchildless\b|\bmothers?\b|\bfathers?\b|\bpregnan\w{0,40}|\bmarital\b|\bfamily status\b|\bfamily planning\b",
     "marital or parental status is not a job requirement", "leave it out; if the job needs overtime or travel, state the schedule"),
    ("voice", r"\b(?:sweet|pleasant|nice|lovely|soft|attractive|good|warm|sounding)(?:(?:,\s{0,5}|\s{1,5}and\s{1,5}|\s{1,5}or\s{1,5}|[- ])(?:sweet|pleasant|nice|lovely|soft|attractive|good|warm|sounding)){0,4}[- ]voiced?\b|\bvoice (?:quality|requirements?)\b",
     "voice quality excludes people for how they sound", "state the communication the job needs, e.g. 'explains clearly and patiently on the phone'"),
    ("looks", r"\b(?:good|nice|pleasant|attractive|pleasing|neat)[- ](?:looking|appearance|looks)\b|\b(?:good|nice|pleasant|attractive)-?looking\b|\battractive\b|\bbeautiful\b|\bhandsome\b|\bpretty\b|\bphysical appearance\b|\bpresentable\b|\bregular features\b|\b(?:good|nice|pleasant) (?:image|bearing)\b|\b(?:appearance|looks) (?:required|preferred|is important)\b|\bphoto(?:graph)? (?:required|attached|with (?:your )?(?:cv|application))\b|\b(?:attach|include|send) (?:a |your )?(?:recent )?photo|\bclean[- ]?shaven\b|\bno (?:beards?|facial hair|(?:visible )?tattoos?)\b",
     "looks are not a job requirement", "describe the conduct the job needs, e.g. 'wears the company uniform and keeps a tidy appearance at work'"),
    ("height", r"(?<!at )(?<!at a )\bheight\b|\btall\b|\bshort stature\b|\b\d{3}\s?cm\b|\b\d'\s?\d{1,2}\"?",
     "height is not a job requirement", "if the work needs it, name the task, e.g. 'able to install wall-mounted units from a ladder'"),
    ("health", r"\b(?:good|excellent|perfect|sound) (?:physical |mental )?health\b|\bhealthy\b|\bno (?:bad habits|disabilit\w{1,40}|medical (?:conditions?|history)|illness\w{0,40}|chronic \w{1,40})\b|\bable-bodied\b|\bphysically (?:fit|strong|robust)\b|\bphysical fitness\b|\b(?:good|strong) physique\b|\bnon-?smokers?\b|\bHIV\b|\bhepatitis\b[^.;,]{0,25}\b(?:need not apply|not accepted|excluded)|\bno hepatitis\b|\bhepatitis[- ]free\b|\bfree (?:of|from) (?:disease|illness)\b",
     "health or habits unrelated to the job exclude people", "name only what the job needs, e.g. 'able to carry equipment up to 20 kg'"),
    ("household-registration", r"\bhukou\b|\bhousehold registration\b|\b(?:local|city) (?:residence )?registration\b|\blocals? only\b|\blocal residents? only\b",
     "household registration (hukou) is not a job requirement", "leave it out; if travel time matters, state where the job is and the area it covers"),
    ("birthplace", r"\bborn (?:in|here|locally)\b|\bbirthplace\b|\bplace of birth\b|\bnatives? of\b|\bhometown\b",
     "birthplace is not a job requirement", "name the knowledge the job needs, e.g. 'knows the roads of central Hangzhou'"),
    ("ethnicity", r"\b(?:ethnicity|race|ethnic origin|ethnic background)\s{0,5}[:：]|\bcaucasian\b|\b(?:white|black|asian|han|han chinese)(?: candidates| applicants| people| persons| staff)? (?:only|preferred)\b",
     "ethnicity is not a job requirement", "leave it out"),
    ("nationality", r"\bnationality\b|\bcitizens? only\b|\bcitizenship\b|\b\w{1,40} nationals? only\b|\bmust be (?:a |an )?\w{1,40} (?:citizen|national)\b",
     "nationality is not a job requirement", "if a work permit is needed, say 'must be eligible to work in China'"),
    ("native-speaker", r"\bnative(?:[- ]level)?(?: \w{1,40})? speakers?\b|\bnative (?:english|chinese|mandarin|cantonese|speaker|tongue|fluency)\b|\bmother tongue\b|\bfirst language\b|\bno (?:foreign )?accent\b|\baccent[- ]free\b|\b(?:neutral|standard) accent\b",
     "native-speaker or accent demands exclude people for where they grew up", "state the level needed, e.g. 'fluent spoken English (CEFR C1)'"),
]

# What a rule says is wrong, for the Chinese builder page (the command line speaks English).
PROBLEMS_ZH = {
    "age": "年龄限制会因年龄排斥求职者", "gender": "性别要求或带性别的称谓会因性别排斥求职者",
    "marital-status": "婚育状况不是岗位要求", "looks": "外貌不是岗位要求", "height": "身高不是岗位要求",
    "voice": "对声音的要求会因嗓音排斥求职者", "health": "与岗位无关的健康或习惯要求会排斥求职者",
    "household-registration": "户口不是岗位要求", "birthplace": "籍贯不是岗位要求", "ethnicity": "民族不是岗位要求",
    "nationality": "国籍不是岗位要求", "native-speaker": "母语或口音要求会因成长地排斥求职者",
}
RULES: tuple[Rule, ...] = tuple(
    Rule(lang, category, re.compile(pattern, re.ASCII | re.IGNORECASE), problem, alternative)
    for lang, table in (("zh", _ZH), ("en", _EN))
    for category, pattern, problem, alternative in table
)
LANGS = ("zh", "en")

# An unbounded repeat (*, +, {n,}) lets a failing match scan on to the end of the line from every
# starting point: "good good good ..." took seconds. With every repeat bounded, each starting point
# costs at most a constant, so the check stays linear in the text, in both engines.
UNBOUNDED_REPEAT = re.compile(r"(?<!\\)[*+]|\{\d+,\}")

# Constructs Python's re and JavaScript's RegExp (without the u flag) read differently, or only one
# of them reads: named groups and inline flags, \A \Z \z \G, possessive and atomic groups,
# conditionals, comments, \N{...} and \p{...}, Unicode classes. Rules use none of them.
PORTABLE_SYNTAX = re.compile(r"\(\?P|\(\?[aiLmsux-]|\(\?#|\(\?\(|\(\?>|\\[AZzGNpPQE]|[*+?}][+]|\[\[:|\\[0-9]")

# Before matching, both engines see the same line: full-width letters and digits (２２－４５岁) as
# ASCII and every Unicode space as a plain space, one for one, so columns stay true; characters
# beyond the BMP (one code point in Python, two code units in JavaScript) as U+FFFD.
HALF_WIDTH = (0xFF01, 0xFF5E, 0xFEE0)  # first, last, offset
SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\x85\x1c\x1d\x1e\x1f"
_NORMAL = {**{code: code - HALF_WIDTH[2] for code in range(HALF_WIDTH[0], HALF_WIDTH[1] + 1)}, **{ord(c): 0x20 for c in SPACES}}
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def normalise(line: str) -> str:
    return _ASTRAL.sub("\ufffd", line.translate(_NORMAL))


def browser_rules() -> dict:
    """The rule table and the normalisation as plain data for the builder page, the characters no
    text may hold (characters.py; the page reads the pattern with the `u` flag), and what a posting's
    text may not hold besides: raw HTML and links the site would not keep (markup.browser_rules)."""
    return {
        "rules": [{"lang": r.lang, "category": r.category, "pattern": r.pattern.pattern, "problem": r.problem,
                   "problemZh": PROBLEMS_ZH[r.category], "alternative": r.alternative} for r in RULES],
        "halfWidth": list(HALF_WIDTH), "spaces": SPACES, "refused": REFUSED_PATTERN, "text": markup_rules(),
    }


# Lines as an editor counts them (\n, \r\n, \r), so that path:line:col opens at the finding;
# str.splitlines would also break at \x1c-\x1e, \x85 and \u2028 and count lines nobody sees.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines[-1] == "" else lines


def check_text(text: str, lang: str | None = None) -> list[Finding]:
    """Every discriminatory phrase in `text`; `lang` limits the rules to one language (default: both)."""
    rules = [r for r in RULES if lang in (None, r.lang)]
    findings = []
    for number, line in enumerate(split_lines(text), start=1):
        normal = normalise(line)
        # Which characters an earlier rule's finding holds: a mark per character keeps the overlap
        # test proportional to the match, however many findings the line has.
        taken = bytearray(len(normal))
        for rule in rules:
            for match in rule.pattern.finditer(normal):
                start, end = match.span()
                if start == end or 1 in taken[start:end]:
                    continue
                taken[start:end] = b"\x01" * (end - start)
                findings.append(Finding(number, start + 1, line[start:end], rule))
    return sorted(findings)


def check_file(path: Path, lang: str | None = None) -> list[Finding]:
    """Read a Markdown or text posting and check it. Raises ValueError for unreadable encodings."""
    return check_text(decode_text(path.read_bytes()), lang)
