"""Native API: list, upload and delete glossaries."""

from typing import Annotated, Literal

from fastapi import APIRouter, Response, status
from pydantic import AfterValidator, BaseModel, Field

from api.deps import WriteGuard
from api.errors import GUARDED, STORED, responses
from translator.glossary import library
from translator.store.models import Text

router = APIRouter(prefix="/v1/glossaries", tags=["glossaries"])


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
    responses=responses(400, 422, *GUARDED, *STORED),
)
def upload(data: GlossaryUpload) -> GlossaryOut:
    """Validate and store a glossary (replacing an imported one of the same name and pair)."""
    return _out(
        library.import_text(
            data.content, data.name, data.source_lang, data.target_lang, data.format
        )
    )


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
