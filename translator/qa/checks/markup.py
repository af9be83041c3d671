"""Checks for markup the pipeline or the model left in the translation."""

import re
from collections import Counter

from translator.qa.base import Check, QAUnit

# Placeholder and markup shapes: bracketed tokens ⟦0⟧ ⟨1⟩ and their stray halves, __T0__,
# XML/HTML tags (XLIFF <x id="1"/>, the model's <unk>), {{name}} and {0}, printf %s %d %1$s
# %(name)s. A percent sign before a space or a word ("5 % of", "5%discount") is no placeholder.
_DEBRIS = re.compile(
    r"⟦[^⟦⟧]*⟧|⟨[^⟨⟩]*⟩|[⟦⟧⟨⟩]"
    r"|__[A-Za-z]*[0-9]+__"
    r"|</?[A-Za-z][\w:.-]*(?:\s[^<>]*)?/?>"
    r"|\{\{[^{}]*\}\}|\{[0-9]+\}"
    r"|%(?:[0-9]+\$|\(\w+\))?[-+#0]*[0-9]*(?:\.[0-9]+)?[sdif](?![A-Za-z])"
)


class PlaceholderDebrisCheck(Check):
    """Placeholders or tags in the translation that the source does not have."""

    id = "placeholder_debris"
    name = "Leftover placeholders or markup"
    description = (
        "The translation contains placeholder or markup tokens (⟦0⟧, ⟨1⟩, __T0__, <x id=…/>, "
        "{{…}}, %s) that the source does not have."
    )

    def check(self, unit: QAUnit) -> bool:
        """Flag a token occurring more often in the target than in the source."""
        source = Counter(_DEBRIS.findall(unit.source))
        return bool(Counter(_DEBRIS.findall(unit.target)) - source)
