"""Names the generator gives its own outputs where content ids also become names.

A procedure's page is `procedures/<id>/` and its checklist `checklists/<id>.pdf`; the field card, the
kit list and the training records share that folder, and `index` is the page of a folder itself.
The site's top-level pages and sections are reserved too, so a procedure id never reads as one of
them in a command line or a link. A role names folders (`roles/`, `postings/`, `training/`,
`quizzes/`) beside their index pages; a phase names a page beside each role's answer key and its quiz on
the role's own duties, and a slot in the browser's storage beside the whole-role quiz's. tests/test_site.py checks these lists
against a real build.
"""

from __future__ import annotations

FIELD_CARD = "field-card"
KIT = "kit"
TRAINING_PREFIX = "training-"
FOLDER_INDEX = "index"
QUIZ_KEY = "key"  # quizzes/<role-id>/key/: the answer key, beside a quiz page per phase
MIXED_QUIZ = "mixed"  # the whole-role quiz's best score in the browser, beside one per phase
QUIZ_DUTIES = "duties"  # quizzes/<role-id>/duties/: the questions on the role's own duties, beside the phases'
SITE_TOP_LEVEL = (
    "index", "glossary", "kit", "tags", "phases", "roles", "procedures", "checklists", "quizzes", "postings",
    "training", "changes",
    "search", "assets", "stylesheets", "javascripts", "en", "sitemap", "404",
    "pagefind", "search-words", "manifest", "icons", "sw", "precache", "offline",  # search and the offline web app
)


def collision(item_id: str, kind: str = "procedure") -> str | None:
    """What a procedure, role or phase id would collide with, or None when it is free."""
    if kind == "role":
        return "the index pages of postings/ and roles/" if item_id == FOLDER_INDEX else None
    if kind == "phase":
        return {
            FOLDER_INDEX: "the page of the phases/ folder itself",
            QUIZ_KEY: "each role's quiz answer key, quizzes/<role-id>/key/",
            MIXED_QUIZ: "the whole-role quiz's best score kept in the browser (kb-quiz-best/<role-id>/mixed)",
            QUIZ_DUTIES: "each role's quiz on its own duties, quizzes/<role-id>/duties/",
        }.get(item_id)
    if item_id in (FIELD_CARD, KIT):
        return f"the download checklists/{item_id}.pdf"
    if item_id.startswith(TRAINING_PREFIX):
        return f"the training records checklists/{TRAINING_PREFIX}<role-id>.pdf"
    if item_id == FOLDER_INDEX:
        return "the page of the procedures/ folder itself"
    if item_id in SITE_TOP_LEVEL:
        return f"the site's own '{item_id}' section"
    return None
