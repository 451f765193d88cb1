"""Command line: parses arguments and delegates. Every command loads the knowledge base the same way.

Exit codes: 0 success (warnings allowed), 1 content problems, 2 wrong usage, 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .files import UnsafeOutput, write_atomic
from .knowledge import KnowledgeBase, load_knowledge_base
from .model.validation import format_path
from .problems import Problem, Report, suggest


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return args.run(args)
    except KeyboardInterrupt:  # Ctrl-C: what was being written is discarded, as on any failure
        print("error: interrupted; no output was replaced", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    from .posting.document import FORMATS as POSTING_FORMATS
    from .site import ENGINES

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
                 "python -m generator build --out site\n  python -m generator build --engine zensical --out site", run_build)
    p.add_argument("--out", type=Path, default=Path("site"), help="folder to write the site into (default: site)")
    p.add_argument("--config", type=Path, default=None, help="mkdocs.yml to use (default: ROOT/mkdocs.yml, else ./mkdocs.yml)")
    p.add_argument("--no-downloads", dest="downloads", action="store_false",
                   help="do not render the PDFs (a quick preview); the pages say they were not built")
    p.add_argument("--engine", choices=ENGINES, default="mkdocs",
                   help="mkdocs: MkDocs with Material (default); zensical: Zensical, from the same pages (pip install -e '.[zensical]')")

    p = _command(sub, "pages", "write every page of the site, per language, as plain Markdown with the files it needs and "
                 "an mkdocs.yml, for any site engine of the MkDocs family",
                 "python -m generator pages --out pages --no-downloads", run_pages)
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder to write into: DIR/zh/ and DIR/en/, each mkdocs.yml, docs/ and overrides/")
    p.add_argument("--config", type=Path, default=None, help="mkdocs.yml to use (default: ROOT/mkdocs.yml, else ./mkdocs.yml)")
    p.add_argument("--no-downloads", dest="downloads", action="store_false",
                   help="do not render the PDFs; the pages say they were not built")

    p = _command(sub, "quiz", "write one role's quiz in one language as a Moodle GIFT file or a Markdown answer key, "
                 "or print a random sample of its questions with their answers for a spot check",
                 "python -m generator quiz --role engineer --lang zh --format gift --out engineer.zh.gift\n"
                 "  python -m generator quiz --role engineer --lang en --sample 100 --seed 1\n"
                 "  python -m generator quiz --role manager --coverage", run_quiz)
    p.add_argument("--role", required=True, help="id of the role whose quiz to write, e.g. engineer")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the questions (default: zh)")
    p.add_argument("--format", choices=["gift", "md"], default="gift", help="with --out: gift, a Moodle import file; md, an answer key for trainers")
    p.add_argument("--seed", type=int, default=0, help="seed for choosing and ordering the choices, and for --sample's pick (default: 0); same seed, same output")
    target = p.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, help="file to write ('-' for standard output)")
    target.add_argument("--sample", type=_positive, metavar="N",
                        help="print N questions picked at random, each with its answer and the procedure anchor and source section that answer it")
    target.add_argument("--coverage", action="store_true",
                        help="print what the role must know that no question asks (steps, exceptions, rules, numbers, duties)")

    p = _command(sub, "posting", "write a job posting for a role (Markdown, text, DOCX or JSON-LD), checked for discriminatory wording",
                 "python -m generator posting manager --lang zh --format docx --city 杭州 --salary 6000-9000 --out manager.docx",
                 run_posting)
    p.add_argument("role", metavar="ROLE-ID", help="id of the role the vacancy is drawn from")
    p.add_argument("--format", choices=POSTING_FORMATS, default="md",
                   help="md: Markdown; txt: plain text for boards that strip formatting; docx: Word; jsonld: schema.org JobPosting")
    p.add_argument("--out", type=Path, default=STDOUT, metavar="FILE", help="file to write (default: '-', standard output; docx needs a file)")
    p.add_argument("--config", type=Path, default=None, metavar="FILE", help="posting.yml holding any of the options below; options given here win")
    for option in POSTING_OPTIONS:
        p.add_argument(option.flag, default=None, action="append" if option.repeat else "store", metavar=option.metavar, help=option.help)
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


def find_role(kb: KnowledgeBase, role_id: str):
    """The role named by --role; an unknown one is a one-line error with a suggestion (and None)."""

    role = kb.role_by_id.get(role_id)
    if role is None:
        print(f"error: --role: unknown role '{role_id}'{suggest(role_id, kb.role_by_id)}; roles: {', '.join(kb.role_by_id)}", file=sys.stderr)
    return role


def load_or_report(args: argparse.Namespace, strict: bool = False) -> KnowledgeBase | None:
    """Load the knowledge base for a command; on errors print them all and return None."""
    kb, report = load_knowledge_base(args.root, strict=strict, today=args.today)
    if kb is None:
        print_report(report, "text")
    return kb


STDOUT = Path("-")


def is_stdout(path: Path) -> bool:
    return str(path) == "-"


def refuse_stdout(path: Path, what: str, example: str) -> bool:
    """A binary file cannot go to a terminal: False, with a one-line message, when `path` is '-'."""
    if is_stdout(path):
        print(f"error: --out -: {what} cannot go to standard output; give a file name, e.g. --out {example}", file=sys.stderr)
        return False
    return True


def refuse_folder_to_stdout(path: Path, what: str, example: str) -> bool:
    """A command that writes a folder cannot write it to a terminal: False, with a one-line message, for '-'."""
    if is_stdout(path):
        print(f"error: --out -: {what} cannot go to standard output; give a folder, e.g. --out {example}", file=sys.stderr)
        return False
    return True


def write_out(path: Path, data: str | bytes) -> bool:
    """Write a command's --out: '-' is standard output (text only); a file is written whole or not at
    all, and a failure is one line on stderr, not a traceback."""
    if is_stdout(path):
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        return True
    try:
        write_atomic(path, data)
    except (UnsafeOutput, OSError) as err:
        print_out_error(err, path, named=True)
        return False
    return True


def print_out_error(err: UnsafeOutput | OSError, out: Path, named: bool = False) -> None:
    """One line for an --out that cannot be written: refused by files.py, or by the system. `named`:
    say `out` itself, not the file inside it the system names (a file output's temporary file)."""
    if isinstance(err, UnsafeOutput):
        print(f"error: --out: {err}", file=sys.stderr)
    else:
        print(f"error: --out: cannot write {out if named else err.filename or out}: {err.strerror}", file=sys.stderr)


def print_report(report: Report, style: str) -> None:
    stream = sys.stdout if style == "github" else sys.stderr
    print(report.format(style), file=stream)


def run_validate(args: argparse.Namespace) -> int:
    kb, report = load_knowledge_base(args.root, strict=args.strict, today=args.today)
    print(report.format(args.format))
    return 0 if kb is not None else 1


def run_schema(args: argparse.Namespace) -> int:
    if not refuse_folder_to_stdout(args.out, "a schema file per content kind", "schema"):
        return 1
    from .schema import write_schemas

    try:
        written = write_schemas(args.out)
    except (UnsafeOutput, OSError) as err:
        print_out_error(err, args.out)
        return 1
    for path in written:
        print(f"wrote {path}")
    return 0


def run_build(args: argparse.Namespace) -> int:
    if not refuse_folder_to_stdout(args.out, "a whole site", "site"):
        return 1
    kb, report = load_knowledge_base(args.root, today=args.today)
    if report.problems:
        print_report(report, "text")
    if kb is None:
        return 1  # nothing written: the previous site stays as it was
    from mkdocs.exceptions import MkDocsException

    from .site.build import SiteBuildError, build_site

    try:
        build_site(find_site_config(args), args.out, kb, root=args.root, downloads=args.downloads, engine=args.engine)
    except (MkDocsException, SiteBuildError) as err:
        print(f"error: site build failed: {err}", file=sys.stderr)
        return 1
    except (UnsafeOutput, OSError) as err:
        print_out_error(err, args.out)
        return 1
    print(f"built {args.out}")
    return 0


def run_pages(args: argparse.Namespace) -> int:
    if not refuse_folder_to_stdout(args.out, "a folder of pages", "pages"):
        return 1
    kb, report = load_knowledge_base(args.root, today=args.today)
    if report.problems:
        print_report(report, "text")
    if kb is None:
        return 1
    from .files import discard_staging, prepare_site_folder, swap_in_site
    from .pdf import FontError, PrintError
    from .site.docs import SiteConfigError, list_copied_folders, load_language_configs, render_sources, write_project
    from .wording import LANGS

    config_file = find_site_config(args)
    try:
        configs = load_language_configs(config_file)
        staging = prepare_site_folder(args.out, protected=[args.root, config_file, Path.cwd()], sources=list_copied_folders(configs))
        try:
            sources = render_sources(kb, pdfs=args.downloads)
            for lang in LANGS:
                if lang in configs:
                    write_project(staging / lang, sources, lang, configs[lang])
        except BaseException:
            discard_staging(staging)
            raise
        swap_in_site(staging, args.out)
    except SiteConfigError as err:
        print(f"error: --config: {err}", file=sys.stderr)
        return 1
    except (PrintError, FontError) as err:
        print(f"error: printable documents: {err}", file=sys.stderr)
        return 1
    except (UnsafeOutput, OSError) as err:
        print_out_error(err, args.out)
        return 1
    print(f"wrote {args.out}: {', '.join(f'{lang}/' for lang in LANGS if lang in configs)}")
    return 0


def find_site_config(args: argparse.Namespace) -> Path:
    """--config, else ROOT/mkdocs.yml, else ./mkdocs.yml."""
    return args.config or next((p for p in (args.root / "mkdocs.yml", Path("mkdocs.yml")) if p.is_file()), Path("mkdocs.yml"))


def run_quiz(args: argparse.Namespace) -> int:
    kb = load_or_report(args)
    if kb is None:
        return 1
    from .quiz import build_quiz
    from .quiz.answer_key import render_answer_key
    from .quiz.coverage import render_coverage
    from .quiz.gift import render_gift
    from .quiz.spot_check import render_spot_check

    role = find_role(kb, args.role)
    if role is None:
        return 1
    quiz = build_quiz(kb, role, args.seed)
    if args.sample is not None:
        sys.stdout.write(render_spot_check(kb, quiz, args.lang, args.sample))
        return 0
    if args.coverage:
        sys.stdout.write(render_coverage(kb, quiz, args.lang))
        return 0
    text = render_gift(kb, quiz, args.lang) if args.format == "gift" else render_answer_key(kb, quiz, args.lang)
    if not write_out(args.out, text):
        return 1
    if is_stdout(args.out):
        return 0
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
    from .scorm.package import build_package
    from .training import PASS_PERCENT

    role = find_role(kb, args.role)
    if role is None:
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

    if args.format == "docx" and not refuse_stdout(args.out, "a Word file", f"{args.role}.docx"):
        return 1
    kb = load_or_report(args)
    if kb is None:
        return 1
    today = args.today or dt.date.today()
    options, flags = posting_options(args)
    report, option_errors = Report(), []
    try:
        role = vacancy.find_role(kb, args.role)
        read = vacancy.read_posting_config(args.config, options, flags, today, report, option_errors)
        chosen = vacancy.resolve_vacancy(role, read[0], today, read[1], report) if read else None
        if chosen is None:
            for line in option_errors:
                print(f"error: {line}", file=sys.stderr)
            if report.problems:
                report.files = 1
                print_report(report, "text")
            return 1
        phrases = document.check_vacancy(chosen)
        if phrases:
            for phrase in phrases:  # HR's own lines from posting.yml at their place in it, the rest by name
                place = vacancy.place_in_file(phrase.path, flags, read[1])
                if place:
                    line = f", line {phrase.line}" if phrase.line else ""
                    print(Problem(read[1].rel, *place, "error", f"{format_path(phrase.path)}{line}: {phrase.message}").format(),
                          file=sys.stderr)
                else:
                    print(f"error: {phrase.where}: {phrase.message}", file=sys.stderr)
            print(f"error: posting not written: {len(phrases)} discriminatory phrase(s); drop or reword those items", file=sys.stderr)
            return 1
        data = document.render_posting(chosen, args.format)
    except vacancy.PostingError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    if not write_out(args.out, data):
        return 1
    if not is_stdout(args.out):
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


@dataclass(frozen=True)
class PostingOption:
    """A posting option on the command line and where its value goes in posting.yml's data."""

    flag: str
    path: tuple[str, ...]
    help: str
    metavar: str | None = None
    repeat: bool = False  # given once per line; the lines replace the file's list


POSTING_OPTIONS = (
    PostingOption("--lang", ("lang",), "language of the posting: zh or en (default: zh)", "zh|en"),
    PostingOption("--city", ("city",), "where the job is (default: the city of the role's pay data)"),
    PostingOption("--salary", ("salary",), "pay range, e.g. 6000-9000, or one figure (default: the role's pay data)", "MIN-MAX"),
    PostingOption("--currency", ("salary", "currency"), "ISO 4217 currency code of the pay (default: CNY)", "CODE"),
    PostingOption("--period", ("salary", "period"), "what the pay is per: hour, day, week, month or year (default: month)", "PERIOD"),
    PostingOption("--headcount", ("headcount",), "number of openings", "N"),
    PostingOption("--valid-through", ("valid_through",), "last day to apply (default: 30 days after --today)", "YYYY-MM-DD"),
    PostingOption("--employment-type", ("employment_type",), "schema.org employment type: FULL_TIME, PART_TIME, CONTRACTOR, "
                  "TEMPORARY, INTERN, VOLUNTEER, PER_DIEM or OTHER (default: FULL_TIME)", "TYPE"),
    PostingOption("--contact", ("contact",), "how to apply: an address, phone number or e-mail", "TEXT"),
    PostingOption("--organization", ("organization",), "the hiring organisation's name (required for jsonld)", "NAME"),
    PostingOption("--introduction", ("introduction",), "a few lines about the employer, shown before the duties", "TEXT"),
    PostingOption("--responsibility", ("responsibilities", "own"), "a responsibility of your own, after the chosen ones (repeat for more)",
                  "TEXT", repeat=True),
    PostingOption("--requirement", ("requirements", "own"), "a requirement of your own, after the chosen ones (repeat for more)",
                  "TEXT", repeat=True),
)
_PAY_RANGE = re.compile(r"\s*([^-–~]+?)\s*(?:[-–~]\s*(.+?)\s*)?")


def posting_options(args: argparse.Namespace) -> tuple[dict, dict]:
    """The posting options given, as the data posting.yml would hold, and where each one went.

    Nothing is checked here: the posting config model judges these values as it judges the file's.
    """
    data: dict = {}
    flags: dict = {}
    for option in POSTING_OPTIONS:
        value = getattr(args, option.flag[2:].replace("-", "_"))
        if value is None:
            continue
        if option.flag == "--salary":
            match = _PAY_RANGE.fullmatch(value.replace(",", ""))
            low, high = (match[1], match[2] or match[1]) if match else (value, value)
            value = {"min": low, "max": high}
            flags.update({("salary", "min"): option.flag, ("salary", "max"): option.flag})
        else:
            flags[option.path] = option.flag
        node = data
        for key in option.path[:-1]:
            node = node.setdefault(key, {})
        if isinstance(value, dict):
            node.setdefault(option.path[-1], {}).update(value)
        else:
            node[option.path[-1]] = value
    return data, flags


def run_check_posting(args: argparse.Namespace) -> int:
    from .posting.wording import check_file

    if args.file.exists() and not args.file.is_file():
        kind = "a folder" if args.file.is_dir() else "a special file (device, pipe or socket)"
        print(f"error: {args.file}: is {kind}; give the posting's file (Markdown or plain text)", file=sys.stderr)
        return 1
    try:
        findings = check_file(args.file, args.lang)
    except FileNotFoundError:
        print(f"error: {args.file}: no such file", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {args.file}: cannot read it: {err.strerror}", file=sys.stderr)
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
    if not refuse_stdout(args.out, "a PDF", f"{args.name}.pdf"):
        return 1
    kb = load_or_report(args)
    if kb is None:
        return 1
    from .checklists import checklist_names, render_checklist
    from .pdf import FontError, PrintError

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
