"""A glossary: source terms and their required target terms, for one language pair."""

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    """One term: ``source`` (as written in the source language) → ``target``.

    ``line`` is where it came from in its file (1-based; 0 when built in code).
    """

    source: str
    target: str
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class Glossary:
    """Entries for ``source_lang`` → ``target_lang``, in file order."""

    name: str
    source_lang: str
    target_lang: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the entries (not of the file), for provenance."""
        digest = hashlib.sha256(f"{self.source_lang}\t{self.target_lang}\n".encode())
        for entry in self.entries:
            digest.update(f"{entry.source}\t{entry.target}\t{entry.note}\n".encode())
        return digest.hexdigest()
