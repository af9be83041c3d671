"""LibreTranslate's file translation: ``POST /translate_file`` and ``GET /download_file/{name}``.

An uploaded file in one of the batch formats (by its suffix) is translated by the batch run
itself (:func:`translator.batch.run.run_batch` on that one file, in a worker thread), and its
translation kept for an hour under ``TRANSLATOR_HOME/files`` as ``<random token>.<name>``; the
answer is the file's download address. The limits are those of ``/translate``: the request
body's size (see :mod:`api.body_limit`), and the characters of the file's text units.
"""

import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from pydantic import BaseModel
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from api.deps import SettingsDep, guard_key
from api.errors import GUARDED, STORED, ApiError, responses
from api.libre import check_pair, installed, supported
from translator import home
from translator.batch.atomic import write_atomic
from translator.batch.formats import AUTO, ReadOptions, format_for, names
from translator.batch.paths import output_name
from translator.batch.run import BatchOptions
from translator.batch.single import translate_single
from translator.engine.options import EngineOptions
from translator.errors import InputError
from translator.glossary import library
from translator.glossary.library import DEFAULT_GLOSSARY
from translator.settings import Settings
from translator.tm.memory import StoreMemory

router = APIRouter(tags=["LibreTranslate-compatible"])

KEEP_SECONDS = 3600  # how long a translated file can be downloaded
NAME_MAX = 120  # characters of an uploaded file's name kept
STORED_NAME = re.compile(r"[A-Za-z0-9_-]+\.[\w.-]+")  # token.name, as _stored_name makes them


class TranslatedFile(BaseModel):
    translatedFileUrl: str  # LibreTranslate's field name


@dataclass(frozen=True)
class Upload:
    """A translate_file request: the file's name and bytes, and the translation asked for."""

    filename: str
    data: bytes
    source: str
    target: str
    glossary: str | None
    names: bool = True


def files_dir() -> Path:
    """Where translated files wait for their download (not created)."""
    return home.home() / "files"


def supported_suffixes() -> list[str]:
    """The suffixes of the files translated, as ``/frontend/settings`` lists them."""
    return [
        suffix for name in names() if name != AUTO for suffix in format_for(Path(), name).suffixes
    ]


@router.post(
    "/translate_file",
    response_model=TranslatedFile,
    responses=responses(400, 413, *GUARDED, *STORED),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file", "target"],
                        "properties": {
                            "file": {"type": "string", "format": "binary"},
                            "source": {"type": "string", "default": AUTO},
                            "target": {"type": "string"},
                            "api_key": {"type": "string"},
                            "glossary": {"type": "string"},
                            "names": {"type": "boolean", "default": True},
                        },
                    }
                }
            },
        }
    },
)
async def translate_file(request: Request, settings: SettingsDep) -> TranslatedFile:
    """Translate a file (one of `supportedFilesFormat` of `/frontend/settings`); the answer
    is the address to download the translation from, for an hour."""
    upload, secret = await _read_upload(request)
    await guard_key(request, settings, secret)
    name = await run_in_threadpool(_translate, upload, settings)
    return TranslatedFile(translatedFileUrl=str(request.url_for("download_file", name=name)))


@router.get(
    "/download_file/{name}", response_class=FileResponse, responses=responses(400, 404, 422)
)
def download_file(name: str) -> FileResponse:
    """A file `/translate_file` translated, for an hour after."""
    if not STORED_NAME.fullmatch(name):
        raise ApiError(400, "Invalid filename")
    path = files_dir() / name
    try:
        fresh = time.time() - path.stat().st_mtime < KEEP_SECONDS
    except OSError:
        fresh = False
    if not fresh:
        raise ApiError(404, "no such file: it was never made or is older than an hour")
    return FileResponse(path, filename=name.partition(".")[2])


async def _read_upload(request: Request) -> tuple[Upload, str | None]:
    """The request's upload and API key (``Authorization: Bearer``, else the form's or the
    query string's ``api_key``), with LibreTranslate's errors for a missing or unsupported file.
    """
    try:
        async with request.form() as form:
            fields = {**request.query_params}
            fields |= {name: value for name, value in form.items() if isinstance(value, str)}
            file = form.get("file")
            if not isinstance(file, UploadFile):
                raise ApiError(400, "Invalid request: missing file parameter")
            filename, data = safe_name(file.filename or ""), await file.read()
    except MultiPartException as exc:
        raise ApiError(400, f"Invalid request: malformed form ({exc.message})") from None
    if not filename:
        raise ApiError(400, "Invalid request: empty file")
    if Path(filename).suffix.lower() not in supported_suffixes():
        raise ApiError(400, "Invalid request: file format not supported")
    target = fields.get("target", "").strip().lower()
    if not target:
        raise ApiError(400, "Invalid request: missing target parameter")
    source = fields.get("source", "").strip().lower() or AUTO
    header = request.headers.get("authorization", "")
    bearer = header[7:].strip() if header.lower().startswith("bearer ") else ""
    names = fields.get("names", "true").strip().lower() not in ("false", "0", "no", "off")
    upload = Upload(filename, data, source, target, fields.get("glossary"), names)
    return upload, bearer or fields.get("api_key")


def _translate(upload: Upload, limits: Settings) -> str:
    """Translate the upload into the files folder (a worker thread); its stored name.

    The languages are checked as ``/translate`` checks them. The file is read once here to count
    its characters against the limit, then translated by the batch run from a temporary folder,
    whose manifest is thrown away with it.
    """
    languages = installed()
    supported(upload.target, languages)
    if upload.source != AUTO:
        check_pair(supported(upload.source, languages), upload.target, languages)
    fmt = format_for(Path(upload.filename))
    document = fmt.read(upload.data, upload.filename, ReadOptions(upload.target))
    chars = sum(len(unit) for unit in document.units)
    if limits.char_limit and chars > limits.char_limit:
        raise ApiError(
            400, f"Invalid request: request ({chars}) exceeds text limit ({limits.char_limit})"
        )
    choice = library.choose(upload.glossary or DEFAULT_GLOSSARY)
    options = BatchOptions(
        upload.target,
        upload.source,
        choice,
        engine=EngineOptions.from_env(),
        source_hint="give it as source",
        memory=StoreMemory(),
        names=upload.names,
    )
    folder = home.ensure(files_dir())
    _remove_expired(folder)
    name = _stored_name(upload)
    done = translate_single(upload.filename, upload.data, options)
    if done.output is None:
        raise InputError(done.row.error or "cannot translate the file")
    write_atomic(folder / name, done.output)
    return name


def safe_name(name: str) -> str:
    """The uploaded file's name as it is kept: no folders, letters, digits, ``.``, ``-`` and
    ``_`` only, no leading dot, at most :data:`NAME_MAX` characters (its end, with the suffix)."""
    return re.sub(r"[^\w.-]", "_", Path(name).name).lstrip(".")[-NAME_MAX:]


def _stored_name(upload: Upload) -> str:
    """``<random token>.<the translation's name>``."""
    sources = frozenset({upload.source} - {AUTO, upload.target})
    name = output_name(upload.filename, upload.target, sources)
    return f"{secrets.token_urlsafe(16)}.{name}"


def _remove_expired(folder: Path) -> None:
    """Delete the files older than :data:`KEEP_SECONDS` (each new upload tidies up)."""
    cutoff = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:
            continue  # another request removed it meanwhile
