"""Quality checks on translated segments, modelled on Weblate's checks.

Each check is a small :class:`~translator.qa.base.Check` with an ``id``, a ``name``, a
``description`` and one ``check`` method; :data:`CHECKS` is the one registry, in report order.
Checks run independently of each other, so an empty translation also fails, for example,
``numbers`` when its source has numbers.
"""

from translator.qa.base import Check, QAUnit
from translator.qa.checks.content import EmptyCheck, LengthRatioCheck, SameCheck, ScriptCheck
from translator.qa.checks.markup import PlaceholderDebrisCheck
from translator.qa.checks.numbers import NumbersCheck
from translator.qa.checks.punctuation import DoubleSpaceCheck, EndPunctuationCheck, QuotesCheck
from translator.qa.checks.terms import TermsCheck

__all__ = ["CHECKS", "Check", "QAUnit", "describe", "run_checks"]

CHECKS: list[Check] = [
    SameCheck(),
    EmptyCheck(),
    NumbersCheck(),
    EndPunctuationCheck(),
    QuotesCheck(),
    LengthRatioCheck(),
    TermsCheck(),
    PlaceholderDebrisCheck(),
    DoubleSpaceCheck(),
    ScriptCheck(),
]


def run_checks(unit: QAUnit) -> list[str]:
    """The ids of the checks ``unit`` fails, in :data:`CHECKS` order."""
    return [check.id for check in CHECKS if check.check(unit)]


def describe() -> list[dict[str, str]]:
    """Every check's ``id``, ``name`` and ``description``, in :data:`CHECKS` order."""
    return [
        {"id": check.id, "name": check.name, "description": check.description} for check in CHECKS
    ]
