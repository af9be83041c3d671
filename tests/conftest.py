"""Shared fixtures: a temporary TRANSLATOR_HOME, the CLI runner, the test model packages."""

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from translator.cli.main import app

FIXTURES = Path(__file__).parent / "fixtures"
UK_EN = FIXTURES / "uk_en_copy.argosmodel"
RU_EN = FIXTURES / "ru_en_copy.argosmodel"
EN_DE = FIXTURES / "en_de_copy.argosmodel"
EXAMPLES = Path(__file__).parent.parent / "examples"

Invoke = Callable[..., Result]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty TRANSLATOR_HOME for this test (not created: the tool creates what it needs)."""
    path = tmp_path / "home"
    monkeypatch.setenv("TRANSLATOR_HOME", str(path))
    monkeypatch.delenv("TRANSLATOR_MODEL", raising=False)
    monkeypatch.delenv("TRANSLATOR_PACKAGE_INDEX", raising=False)
    return path


@pytest.fixture
def cli(home: Path) -> Invoke:
    """Run the real CLI in-process: ``cli("models", "list", input=...)``."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return invoke


@pytest.fixture
def uk_en(cli: Invoke) -> None:
    """The uk→en copy model, installed the way a user does it."""
    result = cli("models", "install", str(UK_EN))
    assert result.exit_code == 0, result.output
