"""`translator models`: install from a file or a (loopback) index, list, remove, bad packages."""

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EN_DE, UK_EN, Invoke


def installed_dirs(home: Path) -> list[str]:
    root = home / "packages"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def test_install_from_file_then_list(cli: Invoke, home: Path) -> None:
    result = cli("models", "install", str(UK_EN))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("installed uk→en (")
    listed = json.loads(cli("models", "list", "--json").stdout)
    assert [(m["from"], m["to"]) for m in listed] == [("uk", "en")]
    assert listed[0]["path"] == str(home / "packages" / "translate-uk_en")
    assert cli("models", "list").stdout.startswith("uk\ten\t")


def test_reinstall_replaces_the_pair(cli: Invoke, home: Path) -> None:
    cli("models", "install", str(UK_EN))
    cli("models", "install", str(EN_DE))
    again = cli("models", "install", str(UK_EN))
    assert again.exit_code == 0
    assert installed_dirs(home) == ["translate-en_de", "translate-uk_en"]


def test_list_when_nothing_installed(cli: Invoke) -> None:
    assert cli("models", "list", "--json").stdout == "[]\n"
    assert "no models installed" in cli("models", "list").stdout


def test_remove(cli: Invoke, home: Path) -> None:
    cli("models", "install", str(UK_EN))
    result = cli("models", "remove", "uk", "en")
    assert (result.exit_code, result.stdout) == (0, "removed uk→en\n")
    assert installed_dirs(home) == []
    again = cli("models", "remove", "uk", "en")
    assert (again.exit_code, again.stderr) == (1, "error: no installed model for uk→en\n")


def _bad_package(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.argosmodel"
    if kind == "random-bytes":
        path.write_bytes(os.urandom(4096))
    elif kind == "truncated":
        path.write_bytes(UK_EN.read_bytes()[: UK_EN.stat().st_size // 2])
    elif kind == "not-argos":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("notes/readme.txt", "hello")
    elif kind == "two-folders":
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("a/metadata.json", "{}")
            zf.writestr("b/metadata.json", "{}")
    elif kind == "bad-weights":
        with zipfile.ZipFile(UK_EN) as src, zipfile.ZipFile(path, "w") as dst:
            for item in src.infolist():
                data = src.read(item)
                dst.writestr(item, b"garbage" * 10 if item.filename.endswith("model.bin") else data)
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("random-bytes", "not an Argos model package (not a zip archive)"),
        ("truncated", "not an Argos model package (not a zip archive)"),
        ("not-argos", "metadata.json is missing or unreadable"),
        ("two-folders", "expected one top-level folder"),
        ("bad-weights", "the CTranslate2 model does not load"),
    ],
)
def test_bad_package_is_refused_and_leaves_nothing(
    cli: Invoke, home: Path, tmp_path: Path, kind: str, message: str
) -> None:
    cli("models", "install", str(EN_DE))
    result = cli("models", "install", str(_bad_package(tmp_path, kind)))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert installed_dirs(home) == ["translate-en_de"]


def test_install_missing_file(cli: Invoke) -> None:
    result = cli("models", "install", "nowhere.argosmodel")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: nowhere.argosmodel: no such file")


def test_index_unreachable_says_how_to_install_from_file(
    cli: Invoke, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATOR_PACKAGE_INDEX", "http://127.0.0.1:9/")
    for args in (("models", "install", "uk", "en"), ("models", "available")):
        result = cli(*args)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1
        assert "the Argos package index is unreachable" in result.stderr
        assert "translator models install FILE.argosmodel" in result.stderr
    assert installed_dirs(home) == []


@pytest.fixture
def loopback_index(tmp_path: Path) -> Iterator[str]:
    """An Argos-format index with the uk→en test package, served on 127.0.0.1."""
    served = tmp_path / "served"
    served.mkdir()
    shutil.copy(UK_EN, served / "uk_en.argosmodel")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args, directory=str(served))

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with zipfile.ZipFile(UK_EN) as package:
        (metadata_name,) = [n for n in package.namelist() if n.endswith("/metadata.json")]
        entry = json.loads(package.read(metadata_name))
    entry["links"] = [base + "missing.argosmodel", base + "uk_en.argosmodel"]
    (served / "index.json").write_text(json.dumps([entry]))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def test_install_from_index_downloads_and_installs(
    cli: Invoke, home: Path, loopback_index: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATOR_PACKAGE_INDEX", loopback_index)
    available = json.loads(cli("models", "available", "--json").stdout)
    assert [(p["from"], p["to"]) for p in available] == [("uk", "en")]
    result = cli("models", "install", "uk", "en")
    assert result.exit_code == 0, result.output
    assert installed_dirs(home) == ["translate-uk_en"]
    assert not any((home / "cache").glob("*.argosmodel*"))
    missing = cli("models", "install", "uk", "fr")
    assert missing.exit_code == 1
    assert missing.stderr == "error: the Argos index has no uk→fr package (it has: uk→en)\n"


def test_ensure_prefers_installed_then_env_file(
    cli: Invoke, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATOR_PACKAGE_INDEX", "http://127.0.0.1:9/")
    offline = cli("models", "ensure", "uk", "en")
    assert offline.exit_code == 1
    assert offline.stderr.startswith(
        "error: no uk→en model installed, $TRANSLATOR_MODEL is not set"
    )
    monkeypatch.setenv("TRANSLATOR_MODEL", str(UK_EN))
    assert cli("models", "ensure", "uk", "en").stdout.startswith("installed uk→en")
    assert cli("models", "ensure", "uk", "en").stdout == ""


def test_state_stays_under_translator_home(tmp_path: Path) -> None:
    """A real process with HOME elsewhere: only TRANSLATOR_HOME gets written."""
    fake_home, state = tmp_path / "user", tmp_path / "state"
    fake_home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ARGOS_"))}
    env.update(HOME=str(fake_home), TRANSLATOR_HOME=str(state))
    cli = [sys.executable, "-m", "translator.cli"]
    subprocess.run([*cli, "models", "install", str(UK_EN)], env=env, check=True)
    text = "Київ — столиця України.\n"
    done = subprocess.run(
        [*cli, "translate", "--to", "en", "--no-glossary", "-"],
        input=text,
        text=True,
        env=env,
        check=True,
        capture_output=True,
    )
    assert done.stdout == text
    assert list(fake_home.iterdir()) == []
    assert (state / "packages" / "translate-uk_en").is_dir()


def test_importing_the_cli_loads_nothing_heavy() -> None:
    code = (
        "import sys, translator.cli.main;"
        "print(sorted(m for m in ('ctranslate2','langdetect','tokenize_uk','argostranslate',"
        "'sentencepiece','pymorphy3','torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout == "[]\n"
