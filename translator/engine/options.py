"""Engine settings, from arguments or the ``TRANSLATOR_*`` settings."""

from dataclasses import dataclass

from translator.settings import load_settings


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
        """``TRANSLATOR_BEAM_SIZE``/``_THREADS``/``_BATCH_SIZE`` (or defaults), then overrides."""
        settings = load_settings()
        values: dict[str, int | str] = {
            "beam_size": settings.beam_size,
            "intra_threads": settings.threads,
            "max_batch_size": settings.batch_size,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
