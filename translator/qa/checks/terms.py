"""Checks against the glossary."""

from translator.qa.base import Check, QAUnit


class TermsCheck(Check):
    """Glossary terms the source called for that the translation lacks."""

    id = "terms"
    name = "Missing glossary terms"
    description = "Glossary target terms expected from the source are missing from the translation."

    def check(self, unit: QAUnit) -> bool:
        """Flag a unit with missing terms (found by :mod:`translator.glossary.enforce`)."""
        return bool(unit.missing_terms)
