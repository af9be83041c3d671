"""Accept-Language negotiation (RFC 9110): which version a reader gets."""

import pytest

from translator.negotiate import negotiate

CASES = [
    # available, Accept-Language, source, served
    (["en", "de"], None, "uk", "uk"),
    (["en", "de"], "", "uk", "uk"),
    (["en", "de"], "de", "uk", "de"),
    (["en", "de"], "fr, de;q=0.5, en;q=0.8", "uk", "en"),
    (["en", "de"], "en-GB", "uk", "en"),  # a more specific range falls back to its language
    (["en", "de"], "EN-us;q=0.9, de;q=0.8", "uk", "en"),
    (["en"], "en-GB, en;q=0", "uk", "uk"),  # q=0 on the language itself excludes it
    (["en", "de"], "en;q=0, *", "uk", "uk"),  # * gives the source first among equals
    (["en", "de"], "en;q=0, uk;q=0, *", "uk", "de"),
    (["en", "de"], "*;q=0", "uk", "uk"),  # nothing acceptable: the source
    (["en", "de"], "uk, en", "uk", "uk"),
    (["en", "de"], "de;q=0.5, en;q=0.5", "uk", "de"),  # ties: first listed
    (["en", "de"], "fr", "uk", "uk"),
    (["en", "de"], "de;q=2, en;q=0.1", "uk", "en"),  # malformed weight: range ignored
    (["en", "de"], "de ; q = 0.7 , en;q=0.6", "uk", "de"),
    (["pt"], "pt_BR", "uk", "pt"),
    (["en-GB", "en"], "en-gb", "uk", "en-GB"),
    (["en-GB"], "en", "uk", "en-GB"),  # a language range covers its regional tags
    (["en", "de"], "@@, de", "uk", "de"),
]


@pytest.mark.parametrize(("available", "header", "source", "served"), CASES)
def test_negotiate(available: list[str], header: str | None, source: str, served: str) -> None:
    assert negotiate(available, header, source) == served
