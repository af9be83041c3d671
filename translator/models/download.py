"""Fetch a URL to a file in chunks, reporting progress; fail with one clear line."""

import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from translator.errors import IndexUnreachable

Progress = Callable[[int, int | None], None]
TIMEOUT_SECONDS = 30
CHUNK = 1 << 16


def fetch(url: str, dest: Path, progress: Progress | None = None) -> Path:
    """Download ``url`` into ``dest`` (written to ``dest.part`` first, renamed when complete)."""
    partial = dest.with_name(dest.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_SECONDS) as response:
            total = response.headers.get("Content-Length")
            expected = int(total) if total and total.isdigit() else None
            done = 0
            with partial.open("wb") as out:
                while chunk := response.read(CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, expected)
        if expected is not None and done != expected:
            raise IndexUnreachable(f"download of {url} stopped after {done} of {expected} bytes")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        partial.unlink(missing_ok=True)
        reason = getattr(exc, "reason", exc)
        raise IndexUnreachable(f"cannot download {url}: {reason}") from exc
    except IndexUnreachable:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(dest)
    return dest
