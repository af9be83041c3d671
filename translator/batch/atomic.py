"""Write a file whole or not at all: a temporary file in the same folder, renamed into place."""

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Make ``path`` hold ``data``: a reader or a crash sees the old file or the new, never half.

    ``durable``: flush the data to the disk before the rename, so that a power cut cannot leave
    the new name on an empty file. A caller writing many files can pass False and call
    ``os.sync()`` once before it records them (a killed process loses nothing either way: the
    data is in the kernel's cache)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
