"""LibreTranslate for ``bench/serve.py`` (bench only): its venv, its home, its command line.

* :func:`ensure_venv`: ``bench/.cache/lt-venv``, created if missing with ``python -m venv``,
  then ``pip install torch==2.13.0`` first (the CPU build this machine's pip finds; otherwise pip
  would pull a 5.6 GB CUDA build as LibreTranslate's dependency), then
  ``pip install 'libretranslate==1.9.*' onnx`` (``onnx`` in the same resolve, so it keeps
  LibreTranslate's ``numpy<2``; only ``bench/lt_splitter.py`` uses it).
* :func:`prepare`: a home in the bench's temporary folder (``HOME``, ``XDG_*``, ``TMPDIR``,
  ``ARGOS_PACKAGES_DIR``), the bench's ``.argosmodel`` unpacked into its Argos package folder,
  plus ``minisbd/uk.onnx`` in the package (``bench/lt_splitter.py``) for its sentence splitter.
* :func:`command`: ``bench/lt_launch.py`` (boot patched out, loopback-only) with LibreTranslate's
  arguments.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bench.engine import log

BENCH = Path(__file__).resolve().parent
VENV = BENCH / ".cache" / "lt-venv"
PYTHON = VENV / "bin" / "python"
LAUNCHER = BENCH / "lt_launch.py"
SPLITTER = BENCH / "lt_splitter.py"
TORCH = "torch==2.13.0"
LIBRETRANSLATE = "libretranslate==1.9.*"
VERSIONS = ("libretranslate", "argos-translate-lt", "ctranslate2", "minisbd", "onnxruntime")
XDG = ("data", "config", "cache")
READY = "import libretranslate.main, onnx, minisbd"


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    return done.stdout


def ensure_venv() -> bool:
    """Make :data:`VENV` ready (reused when it is); whether this call created it."""
    created = not PYTHON.exists()
    if created:
        base = getattr(sys, "_base_executable", sys.executable)
        log(f"creating {VENV} (torch, then LibreTranslate: a few minutes)")
        _run([base, "-m", "venv", str(VENV)])
    ready = subprocess.run([str(PYTHON), "-c", READY], capture_output=True, check=False)
    if ready.returncode != 0:
        pip = [str(PYTHON), "-m", "pip", "install", "--quiet"]
        _run([*pip, TORCH])
        _run([*pip, LIBRETRANSLATE, "onnx"])
        _run([str(PYTHON), "-c", READY])
    return created


def versions() -> dict[str, str]:
    """The versions of LibreTranslate and its engine in :data:`VENV`."""
    code = (
        "import importlib.metadata as m, json, sys; "
        "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    )
    found: dict[str, str] = json.loads(_run([str(PYTHON), "-c", code, *VERSIONS]))
    return found


@dataclass(frozen=True)
class Home:
    """LibreTranslate's state folders in the bench's temporary folder, and its environment."""

    root: Path
    env: dict[str, str]

    @property
    def splitter(self) -> Path:
        return self.root / "splitter" / "uk.onnx"


@dataclass(frozen=True)
class EngineSettings:
    """What argos-translate-lt reads from the environment LibreTranslate runs in."""

    beam_size: int
    batch_size: int
    intra_threads: int
    inter_threads: int


def prepare(root: Path, archive: Path, threads: int) -> Home:
    """LibreTranslate's home under ``root``: the package unpacked, with its MiniSBD splitter."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "LT_"))}
    env |= {
        "HOME": str(root / "home"),
        "TMPDIR": str(root / "tmp"),
        "ARGOS_PACKAGES_DIR": str(root / "argos-packages"),
        "ARGOS_INTRA_THREADS": str(threads),
        "ARGOS_INTER_THREADS": "1",
        "PYTHONUNBUFFERED": "1",
    }
    env |= {f"XDG_{kind.upper()}_HOME": str(root / "xdg" / kind) for kind in XDG}
    for name in ("HOME", "TMPDIR", "ARGOS_PACKAGES_DIR"):
        Path(env[name]).mkdir(parents=True, exist_ok=True)
    home = Home(root, env)
    with zipfile.ZipFile(archive) as zf:
        package = zf.namelist()[0].split("/", 1)[0]
        zf.extractall(env["ARGOS_PACKAGES_DIR"])
    _run([str(PYTHON), str(SPLITTER), "build", str(home.splitter)])
    sbd = Path(env["ARGOS_PACKAGES_DIR"]) / package / "minisbd"
    sbd.mkdir()
    shutil.copy(home.splitter, sbd / "uk.onnx")
    return home


def engine_settings(home: Home) -> EngineSettings:
    """argos-translate-lt's settings in ``home``'s environment (its beam size: the default)."""
    code = (
        "import json; from argostranslate import settings as s; print(json.dumps(["
        "s.beam_size, s.batch_size, s.intra_threads, s.inter_threads]))"
    )
    beam, batch, intra, inter = json.loads(_run([str(PYTHON), "-c", code], env=home.env))
    return EngineSettings(beam, batch, intra, inter)


def sentence_counts(home: Home, texts: list[str]) -> list[int]:
    """How many sentences LibreTranslate's splitter (the package's MiniSBD) finds in each text."""
    listing = home.root / "texts.json"
    listing.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    counts: list[int] = json.loads(
        _run([str(PYTHON), str(SPLITTER), "count", str(home.splitter), str(listing)], home.env)
    )
    return counts


def command(host: str, port: int, threads: int) -> list[str]:
    """LibreTranslate through the launcher; ``--threads`` is waitress' request threads."""
    return [
        str(PYTHON),
        str(LAUNCHER),
        "--host",
        host,
        "--port",
        str(port),
        "--threads",
        str(threads),
        "--load-only",
        "uk,en",
    ]
