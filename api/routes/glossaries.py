"""Native API: list, upload and delete glossaries."""

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Response, status
from pydantic import AfterValidator, BaseModel, Field

from api.deps import SessionDep, SettingsDep, WriteGuard
from api.errors import GUARDED, IDEMPOTENCY, STORED, responses
from translator.glossary import library
from translator.store import idempotency
from translator.store.models import Text

router = APIRouter(prefix="/v1/glossaries", tags=["glossaries"])
SCOPE_UPLOAD = "POST /v1/glossaries"


class GlossaryOut(BaseModel):
    name: str
    source_lang: str
    target_lang: str
    entries: int
    origin: Literal["shipped", "imported"]


def _file_name(name: str) -> str:
    """``name`` if it fits in a file name (its UTF-8 has at most 100 bytes)."""
    if len(name.encode()) > 100:
        raise ValueError("a glossary name has at most 100 bytes in UTF-8")
    return name


class GlossaryUpload(BaseModel):
    name: Annotated[str, AfterValidator(_file_name)] = Field(pattern=r"^\w[\w-]*$", max_length=100)
    source_lang: str = Field(pattern=r"^[a-z]{2,3}$")
    target_lang: str = Field(pattern=r"^[a-z]{2,3}$")
    format: Literal["tsv", "csv", "tbx"] = "tsv"
    content: Text = Field(description="The glossary file's text (DeepL TSV/CSV, or TBX).")


def _out(info: library.GlossaryInfo) -> GlossaryOut:
    return GlossaryOut.model_validate(info.as_dict())


@router.get("", response_model=list[GlossaryOut])
def list_all() -> list[GlossaryOut]:
    """Shipped and imported glossaries."""
    return [_out(info) for info in library.list_glossaries()]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=GlossaryOut,
    dependencies=[WriteGuard],
    responses=responses(400, 409, 413, 422, *GUARDED, *STORED),
)
def upload(
    data: GlossaryUpload,
    settings: SettingsDep,
    session: SessionDep,
    idempotency_key: Annotated[str | None, Header(description=IDEMPOTENCY)] = None,
) -> GlossaryOut:
    """Validate and store a glossary (replacing an imported one of the same name and pair).

    More bytes or entries than the settings allow is a 413.
    """

    def work() -> GlossaryOut:
        return _out(
            library.import_text(
                data.content,
                data.name,
                data.source_lang,
                data.target_lang,
                data.format,
                max_bytes=settings.glossary_max_bytes,
                max_entries=settings.glossary_max_entries,
            )
        )

    key = idempotency.from_header(SCOPE_UPLOAD, idempotency_key, data)
    return work() if key is None else idempotency.once(session, key, GlossaryOut, work)


@router.delete(
    "/{name}",
    status_code=status.HTTP_204_NO_CONTENT,
    dependencies=[WriteGuard],
    responses=responses(400, 404, 422, *GUARDED, *STORED),
)
def delete(name: str, source_lang: str | None = None, target_lang: str | None = None) -> Response:
    """Delete an imported glossary."""
    library.remove_imported(name, source_lang, target_lang)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
