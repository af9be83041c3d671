"""One settings model: ``translator config``, bad values stop every command and the server, and
the README's settings table and command reference cannot drift from the code."""

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup

from tests.conftest import Invoke
from translator.cli.main import app
from translator.engine.options import EngineOptions
from translator.settings import Settings, SettingsError, env_name, env_text, load_settings

README = Path(__file__).parent.parent / "README.md"
NUMERIC = [
    name for name, field in Settings.model_fields.items() if field.annotation in (int, float)
]
EXPECTS = {
    int: "a valid integer, unable to parse string as an integer",
    float: "a valid number, unable to parse string as a number",
}


@pytest.fixture
def clean(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Only TRANSLATOR_HOME set among the settings' variables."""
    for field in Settings.model_fields:
        if field != "home":
            monkeypatch.delenv(env_name(field), raising=False)
    return home


def test_config_prints_effective_settings_and_sources(
    cli: Invoke, clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRANSLATOR_DATABASE_URL", "postgresql://news:s3cret@db.example:5432/news")
    monkeypatch.setenv("TRANSLATOR_BEAM_SIZE", "6")
    monkeypatch.setenv("TRANSLATOR_OPEN_ACCESS", "true")
    monkeypatch.setenv("TRANSLATOR_CORS_V1_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("TRANSLATOR_RATE_LIMIT", "")  # empty: unset
    result = cli("config")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"TRANSLATOR_HOME                  environment  {clean}\n"
        "TRANSLATOR_DATABASE_URL          environment  "
        "postgresql+psycopg://news:***@db.example:5432/news\n"
        "TRANSLATOR_MODEL                 default\n"
        "TRANSLATOR_PACKAGE_INDEX         default\n"
        "TRANSLATOR_BEAM_SIZE             environment  6\n"
        "TRANSLATOR_THREADS               default      0\n"
        "TRANSLATOR_BATCH_SIZE            default      32\n"
        "TRANSLATOR_CHAR_LIMIT            default      50000\n"
        "TRANSLATOR_BATCH_LIMIT           default      100\n"
        "TRANSLATOR_RATE_LIMIT            default      0\n"
        "TRANSLATOR_RATE_CLIENTS          default      10000\n"
        "TRANSLATOR_DB_POOL_SIZE          default      8\n"
        "TRANSLATOR_DB_POOL_OVERFLOW      default      8\n"
        "TRANSLATOR_DB_POOL_TIMEOUT       default      5.0\n"
        "TRANSLATOR_DB_BUSY_TIMEOUT       default      5.0\n"
        "TRANSLATOR_GLOSSARY_MAX_BYTES    default      2000000\n"
        "TRANSLATOR_GLOSSARY_MAX_ENTRIES  default      10000\n"
        "TRANSLATOR_MAX_BODY_BYTES        default      5000000\n"
        "TRANSLATOR_OPEN_ACCESS           environment  true\n"
        "TRANSLATOR_PUBLIC_URL            default\n"
        "TRANSLATOR_RETRY_AFTER           default      2\n"
        "TRANSLATOR_TRUST_PROXY           default      false\n"
        "TRANSLATOR_CORS_ORIGINS          default      *\n"
        "TRANSLATOR_CORS_V1_ORIGINS       environment  https://a.example,https://b.example\n"
        "TRANSLATOR_BATCHING              default      true\n"
        "TRANSLATOR_BATCH_WAIT_MS         default      5.0\n"
        "TRANSLATOR_BATCH_TOKENS          default      4096\n"
        "TRANSLATOR_BATCH_QUEUE           default      2000\n"
        "TRANSLATOR_JOB_WORKERS           default      1\n"
        "TRANSLATOR_JOB_WAIT              default      120.0\n"
        "TRANSLATOR_MAX_QUEUED_JOBS       default      50\n"
    )
    assert "s3cret" not in result.output


def test_config_json(cli: Invoke, clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSLATOR_PACKAGE_INDEX", "https://mirror:pw@argos.example/index")
    monkeypatch.setenv("TRANSLATOR_DB_POOL_TIMEOUT", "2.5")
    result = cli("config", "--json")
    assert result.exit_code == 0, result.output
    settings = {item["name"]: item for item in json.loads(result.stdout)}
    assert list(settings) == [env_name(field) for field in Settings.model_fields]
    assert settings["TRANSLATOR_HOME"] == {
        "name": "TRANSLATOR_HOME",
        "value": str(clean),
        "source": "environment",
    }
    assert settings["TRANSLATOR_DATABASE_URL"] == {
        "name": "TRANSLATOR_DATABASE_URL",
        "value": f"sqlite:///{clean / 'translator.db'}",
        "source": "default",
    }
    assert settings["TRANSLATOR_PACKAGE_INDEX"]["value"] == "https://mirror:***@argos.example/index"
    assert settings["TRANSLATOR_DB_POOL_TIMEOUT"]["value"] == 2.5
    assert settings["TRANSLATOR_MODEL"]["value"] is None
    assert settings["TRANSLATOR_TRUST_PROXY"] == {
        "name": "TRANSLATOR_TRUST_PROXY",
        "value": False,
        "source": "default",
    }
    assert settings["TRANSLATOR_CORS_ORIGINS"]["value"] == ["*"]


def test_every_numeric_setting_is_covered() -> None:
    assert {"beam_size", "threads", "batch_size", "rate_limit", "db_pool_timeout"} <= set(NUMERIC)


@pytest.mark.parametrize("field", NUMERIC)
def test_a_bad_numeric_value_stops_any_command(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, field: str
) -> None:
    monkeypatch.setenv(env_name(field), "four")
    result = cli("detect", "Верховна Рада ухвалила закон.")
    expects = EXPECTS[Settings.model_fields[field].annotation]  # type: ignore[index]
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {env_name(field)}: Input should be {expects} (got 'four')\n"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "TRANSLATOR_RATE_LIMIT",
            "10/min",
            "Input should be a valid integer, unable to parse string as an integer",
        ),
        ("TRANSLATOR_BEAM_SIZE", "0", "Input should be greater than or equal to 1"),
        ("TRANSLATOR_THREADS", "-1", "Input should be greater than or equal to 0"),
        ("TRANSLATOR_DB_POOL_TIMEOUT", "0", "Input should be greater than 0"),
        (
            "TRANSLATOR_OPEN_ACCESS",
            "maybe",
            "Input should be a valid boolean, unable to interpret input",
        ),
    ],
)
def test_an_out_of_range_value_names_what_it_expects(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    result = cli("glossary", "list")
    assert result.exit_code == 2
    assert result.stderr == f"error: {name}: {message} (got {value!r})\n"


def test_the_engine_no_longer_ignores_a_bad_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSLATOR_BEAM_SIZE", "four")
    with pytest.raises(SettingsError, match=r"^TRANSLATOR_BEAM_SIZE: Input should be a valid"):
        EngineOptions.from_env()
    monkeypatch.setenv("TRANSLATOR_BEAM_SIZE", "6")
    monkeypatch.setenv("TRANSLATOR_THREADS", "3")
    assert EngineOptions.from_env(intra_threads=2) == EngineOptions(
        beam_size=6, intra_threads=2, max_batch_size=32
    )


def test_settings_are_parsed_once_per_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRANSLATOR_BATCH_SIZE", "16")
    first = load_settings()
    assert load_settings() is first
    assert first.batch_size == 16
    monkeypatch.setenv("TRANSLATOR_BATCH_SIZE", "8")
    assert load_settings().batch_size == 8
    monkeypatch.delenv("TRANSLATOR_BATCH_SIZE")
    assert load_settings().batch_size == 32


def test_the_server_refuses_to_start_with_a_bad_value(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.app import create_app

    line = "TRANSLATOR_RATE_LIMIT: Input should be a valid integer, unable to parse string as an "
    line += "integer (got '10/min')"
    monkeypatch.setenv("TRANSLATOR_RATE_LIMIT", "10/min")
    with pytest.raises(SettingsError) as raised:
        create_app()
    assert str(raised.value) == line
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    done = subprocess.run(
        [sys.executable, "-m", "translator.cli", "serve", "--port", str(port)],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"error: {line}\n")


def test_readme_settings_table_matches_the_model() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| variable | default | meaning |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append(tuple(cell.strip() for cell in line.strip("|").split(" | ")))
    expected = []
    for field, info in Settings.model_fields.items():
        default = env_text(info.default)
        expected.append(
            (f"`{env_name(field)}`", f"`{default}`" if default else "—", info.description)
        )
    table = "\n".join(f"| {' | '.join(row)} |" for row in expected)
    assert rows == expected, f"the README's settings table should read:\n{table}"


def _reference_lines() -> list[str]:
    """The README's command reference, one command per item (continuations joined, comments cut)."""
    text = README.read_text(encoding="utf-8").split("\n## Command line\n", 1)[1]
    block = text.split("```bash\n", 1)[1].split("```", 1)[0]
    commands: list[str] = []
    for raw in block.splitlines():
        line = raw.split("  #", 1)[0].rstrip()
        if line.startswith("translator "):
            commands.append(line)
        elif line:
            commands[-1] += " " + line.strip()
    return commands


@pytest.mark.parametrize("line", _reference_lines())
def test_readme_command_reference_matches_help(line: str) -> None:
    """Every command and ``--option`` the reference names exists (typer's click API)."""
    words = line.split()[1:]
    group = command = typer.main.get_command(app)
    while isinstance(command, TyperGroup):
        assert words, f"{line}: {command.name} needs a subcommand"
        assert words[0] in command.commands, f"{line}: no command {words[0]!r}"
        group, command = command, command.commands[words.pop(0)]
    assert isinstance(group, TyperGroup)
    for index, part in enumerate(" ".join(words).split(" | ")):
        first = part.split()[0] if part.split() else ""
        if index and re.fullmatch(r"[a-z][a-z-]*", first):
            assert first in group.commands, f"{line}: no command {first!r}"
            command = group.commands[first]
        known = {name for param in command.params for name in [*param.opts, *param.secondary_opts]}
        unknown = set(re.findall(r"--[a-z][a-z-]*", part)) - known
        assert not unknown, f"{line}: {command.name} has no option {sorted(unknown)}"
