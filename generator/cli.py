"""Command line: parses arguments and delegates. Every command loads the knowledge base the same way.

Exit codes: 0 success (warnings allowed), 1 content problems, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .files import write_atomic
from .knowledge import KnowledgeBase, load_knowledge_base
from .problems import Report


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    return args.run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Build the after-sales knowledge base from roles/ and procedures/.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example:\n  python -m generator validate --strict",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = _command(sub, "validate", "check every content file and report all problems",
                 "python -m generator validate --root . --format github", run_validate)
    p.add_argument("--strict", action="store_true", help="treat warnings (e.g. missing English) as errors")
    p.add_argument("--format", choices=["text", "github"], default="text", help="text: path:line:col: ...; github: workflow commands")

    p = _command(sub, "schema", "write the JSON Schema of every content file kind",
                 "python -m generator schema --out schema", run_schema, root=False)
    p.add_argument("--out", type=Path, default=Path("schema"), help="folder to write *.schema.json into (default: schema)")

    p = _command(sub, "build", "validate, then build the whole site (pages and every download) into a folder",
                 "python -m generator build --out site", run_build)
    p.add_argument("--out", type=Path, default=Path("site"), help="folder to write the site into (default: site)")
    p.add_argument("--config", type=Path, default=None, help="mkdocs.yml to use (default: ROOT/mkdocs.yml, else ./mkdocs.yml)")

    p = _command(sub, "quiz", "write one role's quiz in one language as a Moodle GIFT file or a Markdown answer key, "
                 "or print a random sample of its questions with their answers for a spot check",
                 "python -m generator quiz --role engineer --lang zh --format gift --out engineer.zh.gift\n"
                 "  python -m generator quiz --role engineer --lang en --sample 100 --seed 1", run_quiz)
    p.add_argument("--role", required=True, help="id of the role whose quiz to write, e.g. engineer")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the questions (default: zh)")
    p.add_argument("--format", choices=["gift", "md"], default="gift", help="with --out: gift, a Moodle import file; md, an answer key for trainers")
    p.add_argument("--seed", type=int, default=0, help="seed for choosing and ordering the choices, and for --sample's pick (default: 0); same seed, same output")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="file to write ('-' for standard output)")
    target.add_argument("--sample", type=_positive, metavar="N",
                        help="print N questions picked at random, each with its answer and the procedure anchor and source section that answer it")

    p = _command(sub, "posting", "write a job posting for a role (Markdown, text, DOCX or JSON-LD), checked for discriminatory wording",
                 "python -m generator posting manager --lang zh --format docx --city 杭州 --salary 6000-9000 --out manager.docx",
                 run_posting)
    p.add_argument("role", metavar="ROLE-ID", help="id of the role the vacancy is drawn from")
    p.add_argument("--lang", choices=["zh", "en"], default=None, help="language of the posting (default: zh)")
    p.add_argument("--format", choices=["md", "txt", "docx", "jsonld"], default="md",
                   help="md: Markdown; txt: plain text for boards that strip formatting; docx: Word; jsonld: schema.org JobPosting")
    p.add_argument("--out", type=Path, default=None, metavar="FILE", help="file to write (default: standard output; required for docx)")
    p.add_argument("--config", type=Path, default=None, metavar="FILE", help="posting.yml holding any of these options; options given here win")
    p.add_argument("--city", default=None, help="where the job is (default: the city of the role's pay data)")
    p.add_argument("--salary", default=None, metavar="MIN-MAX", help="pay range, e.g. 6000-9000 (default: the role's pay data)")
    p.add_argument("--currency", default=None, metavar="CODE", help="ISO currency code of --salary (default: CNY)")
    p.add_argument("--period", default=None, choices=["hour", "day", "week", "month", "year"], help="what --salary is paid per (default: month)")
    p.add_argument("--headcount", default=None, metavar="N", help="number of openings")
    p.add_argument("--valid-through", default=None, metavar="YYYY-MM-DD", help="last day to apply (default: 30 days after --today)")
    p.add_argument("--employment-type", default=None, choices=["FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"],
                   help="schema.org employment type (default: FULL_TIME)")
    p.add_argument("--contact", default=None, help="how to apply: an address, phone number or e-mail")
    p.add_argument("--organization", default=None, help="the hiring organisation's name (required for jsonld)")

    p = _command(sub, "check-posting", "report discriminatory or exclusionary wording in a posting (Markdown or text)",
                 "python -m generator check-posting draft.md --lang zh", run_check_posting, root=False)
    p.add_argument("file", type=Path, metavar="FILE", help="the posting to check")
    p.add_argument("--lang", choices=["zh", "en"], default=None, help="check with one language's rules only (default: both)")

    p = _command(sub, "checklist", "render one printable checklist as an A4 PDF",
                 "python -m generator checklist door-knocking --lang en --out door-knocking.pdf", run_checklist)
    p.add_argument("name", metavar="NAME", help="a procedure id, field-card, kit or training-<role-id>")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the checklist (default: zh)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf", help="PDF file to write")

    p = _command(sub, "scorm", "write a role's SCORM 1.2 package: its learning path and quiz, for a learning management system",
                 "python -m generator scorm --role engineer --lang zh --out engineer-scorm-zh.zip --mastery 80", run_scorm)
    p.add_argument("--role", required=True, help="id of the role whose training to package, e.g. engineer")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the package (default: zh)")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.zip", help="zip file to write")
    p.add_argument("--mastery", type=_percent, default=None, metavar="PERCENT",
                   help="quiz score in percent needed to pass (adlcp:masteryscore; default: 80)")

    return parser


def _command(sub, name: str, help_text: str, example: str, run, root: bool = True) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help_text, description=help_text[0].upper() + help_text[1:] + ".",
                       epilog=f"Example:\n  {example}", formatter_class=argparse.RawDescriptionHelpFormatter)
    if root:
        p.add_argument("--root", type=Path, default=Path("."), help="folder holding roles/ and procedures/ (default: .)")
        p.add_argument("--today", type=dt.date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                       help="date to judge review deadlines against (default: today)")
    p.set_defaults(run=run)
    return p


def load_or_report(args: argparse.Namespace, strict: bool = False) -> KnowledgeBase | None:
    """Load the knowledge base for a command; on errors print them all and return None."""
    kb, report = load_knowledge_base(args.root, strict=strict, today=args.today)
    if kb is None:
        print_report(report, "text")
    return kb


def write_out(path: Path, data: str | bytes) -> bool:
    """Write a command's --out file whole or not at all; a failure is one line on stderr, not a traceback."""
    try:
        write_atomic(path, data)
    except OSError as err:
        print(f"error: --out: cannot write {path}: {err.strerror}", file=sys.stderr)
        return False
    return True


def print_report(report: Report, style: str) -> None:
    stream = sys.stdout if style == "github" else sys.stderr
    print(report.format(style), file=stream)


def run_validate(args: argparse.Namespace) -> int:
    kb, report = load_knowledge_base(args.root, strict=args.strict, today=args.today)
    print(report.format(args.format))
    return 0 if kb is not None else 1


def run_schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.out):
        print(f"wrote {path}")
    return 0


def run_build(args: argparse.Namespace) -> int:
    kb, report = load_knowledge_base(args.root, today=args.today)
    if report.problems:
        print_report(report, "text")
    if kb is None:
        return 1  # nothing written: the previous site stays as it was
    from mkdocs.exceptions import MkDocsException

    from .site.build import build_site

    try:
        config = args.config or next((p for p in (args.root / "mkdocs.yml", Path("mkdocs.yml")) if p.is_file()), Path("mkdocs.yml"))
        build_site(config, args.out, root=args.root, kb=kb)
    except MkDocsException as err:
        print(f"error: site build failed: {err}", file=sys.stderr)
        return 1
    print(f"built {args.out}")
    return 0


def run_quiz(args: argparse.Namespace) -> int:
    kb = load_or_report(args)
    if kb is None:
        return 1
    from .problems import suggest
    from .quiz import build_quiz
    from .quiz.answer_key import render_answer_key
    from .quiz.gift import render_gift
    from .quiz.spot_check import render_spot_check

    role = kb.role_by_id.get(args.role)
    if role is None:
        print(f"error: --role: unknown role '{args.role}'{suggest(args.role, kb.role_by_id)}; roles: {', '.join(kb.role_by_id)}", file=sys.stderr)
        return 1
    quiz = build_quiz(kb, role, args.seed)
    if args.sample is not None:
        sys.stdout.write(render_spot_check(kb, quiz, args.lang, args.sample))
        return 0
    text = render_gift(kb, quiz, args.lang) if args.format == "gift" else render_answer_key(kb, quiz, args.lang)
    if str(args.out) == "-":
        sys.stdout.write(text)
        return 0
    if not write_out(args.out, text):
        return 1
    counts = ", ".join(f"{kind} {n}" for kind, n in quiz.counts().items())
    print(f"wrote {args.out}: {len(quiz.questions)} questions ({counts})")
    return 0


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number of questions: give a whole number from 1, e.g. 100")
    return int(value)


def _percent(value: str) -> int:
    if not value.isdigit() or int(value) > 100:
        raise argparse.ArgumentTypeError(f"'{value}' is not a pass mark: give a whole percentage from 0 to 100, e.g. 80")
    return int(value)


def run_scorm(args: argparse.Namespace) -> int:
    kb = load_or_report(args)
    if kb is None:
        return 1
    from .problems import suggest
    from .scorm.package import build_package
    from .training import PASS_PERCENT

    role = kb.role_by_id.get(args.role)
    if role is None:
        print(f"error: --role: unknown role '{args.role}'{suggest(args.role, kb.role_by_id)}; roles: {', '.join(kb.role_by_id)}", file=sys.stderr)
        return 1
    if not kb.procedures_of(role):
        print(f"error: --role: role '{args.role}' performs no procedures, so it has nothing to learn; "
              f"list its procedures in roles/{args.role}.yml", file=sys.stderr)
        return 1
    data = build_package(kb, role, args.lang, PASS_PERCENT if args.mastery is None else args.mastery)
    if not write_out(args.out, data):
        return 1
    print(f"wrote {args.out}: {len(kb.learning_path(role))} procedures and the quiz, {len(data):,} bytes")
    return 0


def run_posting(args: argparse.Namespace) -> int:
    from .posting import document, vacancy

    try:
        options = _posting_options(args)
    except vacancy.PostingError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    kb = load_or_report(args)
    if kb is None:
        return 1
    report = Report()
    try:
        role = vacancy.find_role(kb, args.role)
        config = vacancy.load_posting_config(args.config, report) if args.config else None
        chosen = None if report.errors else vacancy.resolve_vacancy(role, options, args.today or dt.date.today(), config, report)
        if chosen is None:
            report.files = 1
            print_report(report, "text")
            return 1
        problems = document.check_vacancy(chosen)
        if problems:
            for problem in problems:
                print(f"error: {problem}", file=sys.stderr)
            print(f"error: posting not written: {len(problems)} discriminatory phrase(s); drop or reword those items", file=sys.stderr)
            return 1
        data = document.render_posting(chosen, args.format)
    except vacancy.PostingError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if args.out is None:
        sys.stdout.write(data.decode("utf-8"))
    elif write_out(args.out, data):
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        return 1
    return 0


def _posting_options(args: argparse.Namespace):
    """CLI values checked and typed; a mistake raises PostingError with a one-line message."""
    from .posting.vacancy import Options, PostingError, parse_salary

    if args.format == "docx" and args.out is None:
        raise PostingError("--format docx needs --out FILE (a Word file cannot go to the terminal)")
    headcount = valid_through = None
    if args.headcount is not None:
        if not args.headcount.isdigit() or int(args.headcount) < 1:
            raise PostingError(f"--headcount '{args.headcount}' is not a number of openings: give a whole number from 1, e.g. --headcount 2")
        headcount = int(args.headcount)
    if args.valid_through is not None:
        try:
            valid_through = dt.date.fromisoformat(args.valid_through)
        except ValueError:
            raise PostingError(f"--valid-through '{args.valid_through}' is not a date: give YYYY-MM-DD, e.g. --valid-through 2027-01-31") from None
    currency = args.currency.upper() if args.currency else None
    if currency is not None and not (len(currency) == 3 and currency.isascii() and currency.isalpha()):
        raise PostingError(f"--currency '{args.currency}' is not an ISO 4217 code: give three letters, e.g. --currency CNY")
    return Options(lang=args.lang, city=args.city, salary=parse_salary(args.salary) if args.salary else None,
                   currency=currency, period=args.period, headcount=headcount, valid_through=valid_through,
                   employment_type=args.employment_type, contact=args.contact, organization=args.organization)


def run_check_posting(args: argparse.Namespace) -> int:
    from .posting.wording import check_file

    try:
        findings = check_file(args.file, args.lang)
    except FileNotFoundError:
        print(f"error: {args.file}: no such file", file=sys.stderr)
        return 1
    except ValueError as err:
        print(f"error: {args.file}: {err}", file=sys.stderr)
        return 1
    for finding in findings:
        print(finding.format(str(args.file)))
    count = len(findings)
    print(f"{count} warning{'s' * (count != 1)} in {args.file}" if count else f"ok: {args.file}: no discriminatory wording found",
          file=sys.stderr)
    return 1 if findings else 0

def run_checklist(args: argparse.Namespace) -> int:
    kb = load_or_report(args)
    if kb is None:
        return 1
    from .checklists import checklist_names, render_checklist
    from .pdf import FontError, PrintError
    from .problems import suggest

    names = checklist_names(kb)
    if args.name not in names:
        print(f"error: unknown checklist '{args.name}'{suggest(args.name, names)}; "
              f"give a procedure id, field-card, kit or training-<role-id>", file=sys.stderr)
        return 1
    try:
        pdf = render_checklist(kb, args.name, args.lang)
    except (PrintError, FontError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if not write_out(args.out, pdf):
        return 1
    print(f"wrote {args.out}")
    return 0
