"""LibreTranslate's service endpoints: /health, /frontend/settings, /spec and /suggest (off)."""

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlmodel import Session

from api.deps import SettingsDep
from api.errors import STORED, ApiError, responses
from api.routes.files import supported_suffixes
from translator.languages import available_languages
from translator.store import keys
from translator.store.db import get_engine

router = APIRouter(tags=["LibreTranslate-compatible"])

FRONTEND_TIMEOUT = 500  # ms a web page waits after typing before it translates (LibreTranslate's)
PREFERRED_TARGET = "en"


class Health(BaseModel):
    status: Literal["ok"] = "ok"


class LanguageRef(BaseModel):
    code: str
    name: str


class FrontendLanguages(BaseModel):
    source: LanguageRef
    target: LanguageRef


class FrontendSettings(BaseModel):
    """LibreTranslate's field names and meanings; -1 is no limit."""

    charLimit: int = Field(description="Characters per request (-1: no limit).")
    frontendTimeout: int
    apiKeys: bool = Field(description="Whether the server has API keys.")
    keyRequired: bool = Field(description="Whether /translate and /detect need a key now.")
    suggestions: bool
    filesTranslation: bool
    supportedFilesFormat: list[str]
    language: FrontendLanguages = Field(description="The default source and target.")


@router.get("/health", response_model=Health)
def health() -> Health:
    """Whether the server answers."""
    return Health()


@router.get("/frontend/settings", response_model=FrontendSettings, responses=responses(*STORED))
def frontend_settings(settings: SettingsDep) -> FrontendSettings:
    """The limits and defaults a LibreTranslate web page reads."""
    with Session(get_engine()) as session:
        key_required = keys.writes_need_key(session, settings.open_access)
    codes = {language.code: language.name for language in available_languages()}
    target = PREFERRED_TARGET if PREFERRED_TARGET in codes or not codes else min(codes)
    return FrontendSettings(
        charLimit=settings.char_limit or -1,
        frontendTimeout=FRONTEND_TIMEOUT,
        apiKeys=True,
        keyRequired=key_required,
        suggestions=False,
        filesTranslation=True,
        supportedFilesFormat=supported_suffixes(),
        language=FrontendLanguages(
            source=LanguageRef(code="auto", name="Auto Detect"),
            target=LanguageRef(code=target, name=codes.get(target, "English")),
        ),
    )


@router.get("/spec", include_in_schema=False)
def spec(request: Request) -> dict[str, Any]:
    """The OpenAPI document (LibreTranslate's address for it)."""
    return request.app.openapi()


@router.post("/suggest", responses=responses(403))
def suggest() -> None:
    """Suggestions are not taken: always 403."""
    raise ApiError(403, "Suggestions are disabled on this server.")
