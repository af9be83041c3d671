"""Engine settings, from arguments or ``TRANSLATOR_*`` environment variables."""

import os
from dataclasses import dataclass


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip().isdigit() else default


@dataclass(frozen=True)
class EngineOptions:
    """How CTranslate2 runs: beam size, threads, batch size, device, compute type."""

    beam_size: int = 4
    intra_threads: int = 0
    inter_threads: int = 1
    max_batch_size: int = 32
    device: str = "cpu"
    compute_type: str = "auto"

    @classmethod
    def from_env(cls, **overrides: int | str | None) -> "EngineOptions":
        """Defaults, then ``TRANSLATOR_BEAM_SIZE``/``_THREADS``/``_BATCH_SIZE``, then overrides."""
        values: dict[str, int | str] = {
            "beam_size": _env_int("TRANSLATOR_BEAM_SIZE", cls.beam_size),
            "intra_threads": _env_int("TRANSLATOR_THREADS", cls.intra_threads),
            "max_batch_size": _env_int("TRANSLATOR_BATCH_SIZE", cls.max_batch_size),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
