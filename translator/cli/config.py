"""``translator config``: the effective settings and where each came from; and the check that
every command runs first, so that a bad ``TRANSLATOR_*`` value stops it with one line."""

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit

import typer

from translator.cli.common import guarded, print_json
from translator.settings import Settings, env_name, env_text, load_settings

SettingValue = str | int | float | bool | list[str] | None


@dataclass(frozen=True)
class EffectiveSetting:
    """A setting as the tool uses it: its variable, value and source (environment or default)."""

    name: str
    value: SettingValue
    source: str


@guarded
def check_settings() -> None:
    """Before any command: a bad ``TRANSLATOR_*`` value is a one-line error (exit 2)."""
    load_settings()


@guarded
def config_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the effective settings (TRANSLATOR_* variables) and where each came from."""
    settings = effective_settings()
    if as_json:
        print_json([asdict(setting) for setting in settings])
        return
    width = max(len(setting.name) for setting in settings)
    for setting in settings:
        line = f"{setting.name:<{width}}  {setting.source:<11}  {env_text(setting.value)}"
        print(line.rstrip())


def effective_settings() -> list[EffectiveSetting]:
    """Every setting in declaration order; the state folder and database as resolved, and any
    password inside a URL replaced by ``***``."""
    from translator.home import home
    from translator.store.db import database_url

    settings = load_settings()
    resolved: dict[str, SettingValue] = {"home": str(home()), "database_url": database_url()}
    return [
        EffectiveSetting(
            name=env_name(field),
            value=_hide_password(resolved.get(field, _plain(getattr(settings, field)))),
            source="environment" if field in settings.model_fields_set else "default",
        )
        for field in Settings.model_fields
    ]


def _plain(value: Path | SettingValue) -> SettingValue:
    return str(value) if isinstance(value, Path) else value


def _hide_password(value: SettingValue) -> SettingValue:
    if not isinstance(value, str) or "://" not in value:
        return value
    parts = urlsplit(value)
    if parts.password is None:
        return value
    user, _, host = parts.netloc.rpartition("@")
    name = user.partition(":")[0]
    return urlunsplit(parts._replace(netloc=f"{name}:***@{host}"))
