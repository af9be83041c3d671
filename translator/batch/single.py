"""One file translated on its own, bytes in and bytes out (an upload, a job's item).

The batch run does the work, from a temporary folder whose manifest is thrown away with it;
an error names the file by its given name, not by the temporary path.
"""

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from translator.batch.paths import Planned
from translator.batch.report import Row, Status
from translator.batch.run import BatchOptions, run_batch


@dataclass(frozen=True)
class SingleFile:
    """A file's report row and, unless it failed (or was stopped), its translation."""

    row: Row
    output: bytes | None


def translate_single(
    name: str, data: bytes, options: BatchOptions, stop: Callable[[], bool] = lambda: False
) -> SingleFile:
    """Translate the file ``name`` holding ``data``; ``stop`` is asked after each window."""
    with tempfile.TemporaryDirectory(prefix="translate-file-") as scratch:
        source = Path(scratch) / "in" / name
        source.parent.mkdir()
        source.write_bytes(data)
        target = Path(scratch) / "out" / name
        planned = Planned(source, target, target.parent, name)
        result = run_batch([planned], options, stop=stop)
        if not result.rows:
            return SingleFile(Row(name, name, Status.FAILED, error="stopped"), None)
        [row] = result.rows
        row = replace(
            row,
            input=name,
            output=name,
            error=row.error.replace(str(source), name) if row.error else row.error,
        )
        done = row.status == Status.DONE and target.is_file()
        return SingleFile(row, target.read_bytes() if done else None)
