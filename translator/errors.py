"""Errors a user can act on. Each carries a one-line message; front ends print it as is."""


class TranslatorError(Exception):
    """Base class: a clear, one-line, user-facing problem (CLI exit code ``exit_code``)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(TranslatorError):
    """The input itself is unusable (binary, not UTF-8, unreadable)."""

    exit_code = 2


class ModelError(TranslatorError):
    """A model package is missing, corrupt, or cannot be installed."""


class IndexUnreachable(ModelError):
    """The Argos package index or a download could not be reached."""


class GlossaryError(TranslatorError):
    """A glossary file is malformed, conflicting, for another pair, or not found."""

    exit_code = 2


class GlossaryTooLarge(GlossaryError):
    """An upload with more bytes or entries than the server takes."""


class GlossaryPairUnknown(GlossaryError):
    """Neither the glossary file's name nor its contents say which language pair it is for."""


class UndeterminedLanguage(TranslatorError):
    """The source language of a text with letters cannot be told; the caller must name it."""


class UnsupportedPair(TranslatorError):
    """No installed package (direct or via a pivot) translates this pair."""


class NotFound(TranslatorError):
    """No article, version, segment or API key goes by that id, slug or language."""


class Conflict(TranslatorError):
    """The request clashes with what is stored: a slug in use, or an edit of a segment that
    changed since it was read (``current`` then holds the segment as it is now)."""

    def __init__(self, message: str, current: object | None = None) -> None:
        super().__init__(message)
        self.current = current


class InvalidRequest(TranslatorError):
    """A request the store cannot carry out as asked (a bad status, an empty text, ...)."""

    exit_code = 2


class DatabaseError(TranslatorError):
    """The article database cannot be opened or reached."""


class Overloaded(TranslatorError):
    """The engine's queue is full: the server is busy, the client should retry later."""


class Cancelled(TranslatorError):
    """The request was given up (its client disconnected) before its sentences were done."""
