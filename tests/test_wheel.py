"""The built wheel, installed into a fresh virtual environment outside the checkout, works.

The wheel is built from a copy of the working tree (so the checkout stays clean) without network
or build isolation, then installed with ``--no-deps --no-index`` into a venv made
``--without-pip``; a ``.pth`` file lends it this environment's dependencies (not the editable
install of the checkout: paths named in a ``.pth`` file are not scanned for further ``.pth``
files). Every command runs the venv's own ``translator`` from a temporary folder.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import zipfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import UK_EN
from translator.store import db

ROOT = Path(__file__).parent.parent
PACKAGES = ("translator", "api")
NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".translator-home",
    ".schemathesis",
)
UK = "Верховна Рада ухвалила закон.\n"
PIP = ("-m", "pip", "--disable-pip-version-check", "--no-input")


@dataclass(frozen=True)
class Installed:
    """The source it was built from, the wheel and its venv; ``run`` executes from a temp folder."""

    source: Path
    wheel: Path
    venv: Path
    workdir: Path
    database: Path
    env: dict[str, str]

    def run(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args,
            input=input,
            cwd=self.workdir,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def translator(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        result = self.run(str(self.venv / "bin" / "translator"), *args, input=input)
        assert result.returncode == 0, result.stderr
        return result


def _check(*args: str | Path) -> None:
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    wheels = base / "wheels"
    build = ("wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", wheels, source)
    _check(sys.executable, *PIP, *build)
    (wheel,) = wheels.glob("translator-*.whl")

    venv = base / "venv"
    _check(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    _check(sys.executable, *PIP, "--python", python, "install", "--no-deps", "--no-index", wheel)
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_path(kind) for kind in ("purelib", "platlib"))
    (Path(purelib) / "_test_dependencies.pth").write_text("\n".join(ours) + "\n")

    workdir = base / "work"
    workdir.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TRANSLATOR_", "PYTHON", "VIRTUAL_ENV"))
    }
    env["TRANSLATOR_HOME"] = str(base / "home")
    database = base / "articles.db"
    env["TRANSLATOR_DATABASE_URL"] = f"sqlite:///{database}"
    return Installed(
        source=source, wheel=wheel, venv=venv, workdir=workdir, database=database, env=env
    )


def test_the_installed_package_is_imported_not_the_checkout(installed: Installed) -> None:
    code = "import api, translator; print(translator.__file__); print(api.__file__)"
    result = installed.run(str(installed.venv / "bin" / "python"), "-c", code)
    assert result.returncode == 0, result.stderr
    for module in result.stdout.splitlines():
        assert Path(module).is_relative_to(installed.venv), module


def test_the_wheel_ships_every_package_file_the_glossaries_and_the_migrations(
    installed: Installed,
) -> None:
    shipped = set(zipfile.ZipFile(installed.wheel).namelist())
    tree = [
        path.relative_to(installed.source).as_posix()
        for package in PACKAGES
        for path in (installed.source / package).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    assert sorted(set(tree) - shipped) == []
    glossaries = {
        f"translator/glossaries_data/{path.name}"
        for path in (installed.source / "glossaries").iterdir()
    }
    assert "translator/glossaries_data/ukraine-news.uk-en.tsv" in glossaries
    assert sorted(glossaries - shipped) == []
    assert "translator/store/migrations/script.py.mako" in shipped


def test_glossary_list_shows_the_shipped_glossary(installed: Installed) -> None:
    rows = json.loads(installed.translator("glossary", "list", "--json").stdout)
    shipped = [row for row in rows if row["name"] == "ukraine-news"]
    assert [(r["source_lang"], r["target_lang"], r["origin"]) for r in shipped] == [
        ("uk", "en", "shipped")
    ]
    assert Path(shipped[0]["path"]).is_relative_to(installed.venv)


def test_translate_uses_the_default_glossary(installed: Installed) -> None:
    installed.translator("models", "install", str(UK_EN))
    result = installed.translator("translate", "--from", "uk", input=UK)
    assert result.stdout == "Verkhovna Rada ухвалила закон.\n"


def test_db_upgrade_finds_the_migrations(installed: Installed) -> None:
    installed.translator("db", "upgrade")
    with closing(sqlite3.connect(installed.database)) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == db.head_revision()
