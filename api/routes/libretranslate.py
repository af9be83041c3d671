"""LibreTranslate-compatible endpoints: /translate, /detect, /languages (same shapes, same codes,
same error strings; fields from the query string, a form or JSON; codes in any case).

Unlike LibreTranslate, a mixed batch is detected item by item, and ``glossary`` names a glossary.
"""

from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator, BaseModel, Discriminator, Field, Tag

from api.body import openapi_body, read_body
from api.deps import SettingsDep, WriteGuard
from api.errors import GUARDED, STORED, ApiError, responses
from api.libre import detect_installed, installed, translate_libre
from api.serving import translate_served
from translator.engine.protocol import EngineProvider
from translator.glossary import library
from translator.languages import available_languages
from translator.pipeline import AUTO, DEFAULT_GLOSSARY
from translator.settings import Settings
from translator.store.models import Text
from translator.texts import TextResult

router = APIRouter(tags=["LibreTranslate-compatible"])


def _q_kind(value: Any) -> str:
    return "texts" if isinstance(value, list) else "text"


# A text or a batch; the tag names the branch in errors ("q.texts.1: ..."), not pydantic's own
Texts = Annotated[
    Annotated[Text, Tag("text")] | Annotated[list[Text], Tag("texts")],
    Discriminator(_q_kind),
]
LanguageCode = Annotated[Text, AfterValidator(lambda code: code.strip().lower())]
M = TypeVar("M", bound=BaseModel)


class TranslateRequest(BaseModel):
    q: Texts = Field(description="Text, or a list of texts, to translate.")
    source: LanguageCode = Field(AUTO, description="Source language code, or auto.")
    target: LanguageCode = Field(description="Target language code.")
    format: Literal["text", "html"] = "text"
    alternatives: int = Field(0, ge=0, le=10, description="Alternative translations wanted.")
    api_key: Text | None = None
    glossary: Text | None = Field(None, description="Glossary name (extension); none = default.")
    names: bool = Field(
        True,
        description="Extension: names the glossary lacks kept in the national romanisation, in"
        " the nominative (Ukrainian sources); false leaves them to the model.",
    )


class DetectRequest(BaseModel):
    q: Text = Field(description="Text whose language to detect.")
    api_key: Text | None = None


class Detected(BaseModel):
    confidence: float = Field(description="0–100.")
    language: str


class TranslateResponse(BaseModel):
    translatedText: str | list[str]  # LibreTranslate's field name
    detectedLanguage: Detected | list[Detected] | None = None
    alternatives: list[str] | list[list[str]] | None = None


class LanguageOut(BaseModel):
    code: str
    name: str
    targets: list[str]


async def translate_body(request: Request) -> TranslateRequest:
    return await _read(request, TranslateRequest)


async def detect_body(request: Request) -> DetectRequest:
    return await _read(request, DetectRequest)


async def _read(request: Request, model: type[M]) -> M:
    """``read_body``, its errors in LibreTranslate's words where it has some."""
    try:
        return await read_body(request, model)
    except RequestValidationError as exc:
        message = _libre_message(exc.errors()[0])
        if message is None:
            raise
        raise ApiError(400, message) from None


def _libre_message(error: Any) -> str | None:
    loc, kind = tuple(error.get("loc", ())), error.get("type")
    if len(loc) != 1:
        return None
    name = loc[0]
    if kind == "missing":
        return f"Invalid request: missing {name} parameter"
    if name == "alternatives" and kind == "int_parsing":
        return "Invalid request: alternatives parameter is not a number"
    if name == "alternatives" and kind == "less_than_equal":
        return f"Invalid request: alternatives parameter must be <= {error['ctx']['le']}"
    if name == "format" and kind == "literal_error":
        return f"{error['input']} format is not supported"
    return None


@router.post(
    "/translate",
    response_model=TranslateResponse,
    response_model_exclude_none=True,
    dependencies=[WriteGuard],
    openapi_extra=openapi_body(TranslateRequest),
    responses=responses(400, *GUARDED, *STORED),
)
async def translate(
    request: Request,
    body: Annotated[TranslateRequest, Depends(translate_body)],
    limits: SettingsDep,
) -> dict[str, Any]:
    """Translate text (or a batch of texts); `source: auto` detects each text's language."""
    texts = body.q if isinstance(body.q, list) else [body.q]
    _check_limits(texts, limits)

    def work(engines: EngineProvider) -> list[TextResult]:
        choice = library.choose(body.glossary or DEFAULT_GLOSSARY)
        html = body.format == "html"
        return translate_libre(
            texts, body.target, body.source, body.alternatives, choice, html, body.names, engines
        )

    results = await translate_served(request, work)
    batch = isinstance(body.q, list)
    out: dict[str, Any] = {
        "translatedText": [r.text for r in results] if batch else results[0].text
    }
    if body.source == AUTO:
        found = [
            {"confidence": round(r.confidence * 100, 2), "language": r.language} for r in results
        ]
        out["detectedLanguage"] = found if batch else found[0]
    if body.alternatives:
        alternatives = [r.alternatives for r in results]
        out["alternatives"] = alternatives if batch else alternatives[0]
    return out


@router.post(
    "/detect",
    response_model=list[Detected],
    dependencies=[WriteGuard],
    openapi_extra=openapi_body(DetectRequest),
    responses=responses(400, *GUARDED, *STORED),
)
def detect_language(
    body: Annotated[DetectRequest, Depends(detect_body)], limits: SettingsDep
) -> list[dict[str, Any]]:
    """Detect the language of a text: always an installed language (confidence 0 when the
    text is too short to tell)."""
    _check_limits([body.q], limits)
    result = detect_installed(body.q, installed())
    return [{"confidence": round(result.confidence * 100, 2), "language": result.language}]


@router.get("/languages", response_model=list[LanguageOut])
def languages() -> list[dict[str, Any]]:
    """Languages of the installed models, each with the targets it can be translated into."""
    return [
        {"code": lang.code, "name": lang.name, "targets": lang.targets}
        for lang in available_languages()
    ]


def _check_limits(texts: list[str], limits: Settings) -> None:
    if not any(t.strip() for t in texts):
        raise ApiError(400, "Invalid request: missing q parameter")
    if limits.batch_limit and len(texts) > limits.batch_limit:
        raise ApiError(
            400,
            f"Invalid request: request ({len(texts)}) exceeds batch limit ({limits.batch_limit})",
        )
    chars = sum(len(t) for t in texts)
    if limits.char_limit and chars > limits.char_limit:
        raise ApiError(
            400, f"Invalid request: request ({chars}) exceeds text limit ({limits.char_limit})"
        )
