"""Text constants shared across the package: the Cyrillic script, apostrophes, language subtags."""

# The Unicode blocks of the Cyrillic script: Cyrillic with Cyrillic Supplement, Extended-C,
# Extended-A (combining letters) and Extended-B.
CYRILLIC_RANGES: tuple[tuple[str, str], ...] = (
    ("\u0400", "\u052f"),
    ("\u1c80", "\u1c8f"),
    ("\u2de0", "\u2dff"),
    ("\ua640", "\ua69f"),
)
CYRILLIC_CLASS = "".join(f"{first}-{last}" for first, last in CYRILLIC_RANGES)  # inside [...]
CYRILLIC = frozenset(
    chr(code) for first, last in CYRILLIC_RANGES for code in range(ord(first), ord(last) + 1)
)

# The apostrophe and the characters typed for it: ’ (U+2019, the typographic apostrophe),
# ʼ (U+02BC, the modifier letter Unicode recommends), ‘ (U+2018, a common mistype) and `.
APOSTROPHE = "'"
APOSTROPHE_VARIANTS = "\u2019\u02bc\u2018`"
APOSTROPHES = APOSTROPHE + APOSTROPHE_VARIANTS


def primary_subtag(code: str) -> str:
    """The primary subtag of a language code, lower-cased: ``en-GB``, ``pt_BR``, ``EN`` -> ``en``,
    ``pt``."""
    return code.strip().lower().replace("_", "-").split("-", 1)[0]
