"""Strict models of the content files. Unknown keys are errors; instances are immutable."""

from .common import DURATION_UNITS, Change, DocumentControl, Measure, ReviewNote, Slug, Text, version_key
from .procedure import KIND_GROUPS, Exception_, Procedure, ProcedureKind, Rule, Step
from .quiz import Choice, Question, Questions, give_aways
from .reference import BiasedExample, BiasedWording, Glossary, Kit, KitItem, Phase, Phases, Tag, Tags, Term, Variant
from .role import Item, Kpi, OccupationalCode, PayPoint, Role, WorkingHours

__all__ = [
    "DURATION_UNITS", "KIND_GROUPS", "BiasedExample", "BiasedWording", "Change", "Choice", "DocumentControl", "Exception_", "Glossary",
    "Item", "Kit", "KitItem", "Kpi", "Measure", "OccupationalCode", "PayPoint", "Phase", "Phases", "Procedure", "ProcedureKind",
    "Question", "Questions", "ReviewNote", "Role", "Rule", "Slug", "Step", "Tag", "Tags", "Term", "Text", "Variant", "WorkingHours", "give_aways", "version_key",
]
