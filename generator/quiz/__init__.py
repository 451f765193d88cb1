"""Quizzes: a role's questions, generated from the procedures and written by hand (questions.py), what
they leave unasked (coverage.py), and their outputs: the Moodle GIFT export (gift.py), the answer
keys as Markdown and PDF (answer_key.py), the interactive site pages (pages.py) and the site
downloads (downloads.py)."""

from .questions import KINDS, Quiz, QuizQuestion, build_quiz

__all__ = ["KINDS", "Quiz", "QuizQuestion", "build_quiz"]
