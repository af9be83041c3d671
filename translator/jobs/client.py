"""A client of a server's ``/v1/jobs`` API: submit files, read a job, download its result.

Standard library only (``urllib.request``): the command line must not need a test dependency
to talk to a server. Every answer is parsed into the API's own types (:class:`JobPublic`); a
server that cannot be reached, or that answers with an error, is a :class:`TranslatorError`
with the server's one-line message (a request the server refused as invalid: exit code 2).
"""

import json
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import ValidationError

from translator.errors import Conflict, InputError, NotFound, TranslatorError
from translator.jobs.codec import FilesPlan
from translator.jobs.models import JobPublic
from translator.jobs.submit import Upload

TIMEOUT = 60.0  # seconds for any one request (an upload of many files included)
REFUSED = {400: InputError, 413: InputError, 422: InputError, 404: NotFound, 409: Conflict}


class ServerError(TranslatorError):
    """The server could not be reached, or answered with an error."""


@dataclass(frozen=True)
class JobsClient:
    """The jobs API of the server at ``url`` (``http://host:port``), with an API key if any."""

    url: str
    key: str | None = None
    timeout: float = TIMEOUT

    def submit_files(
        self, uploads: Sequence[Upload], targets: Sequence[str], plan: FilesPlan
    ) -> JobPublic:
        """``POST /v1/jobs``: a job translating every upload into every target."""
        fields = [
            ("targets", ",".join(targets)),
            ("source", plan.source),
            ("glossary", plan.glossary or ""),  # empty: no glossary
            ("names", "true" if plan.names else "false"),
            ("format", plan.format),
        ]
        body, content_type = _multipart(fields, uploads)
        return _job(self._send("POST", "/v1/jobs", body, content_type))

    def job(self, job_id: int) -> JobPublic:
        """``GET /v1/jobs/{id}``: the job's status and progress."""
        return _job(self._send("GET", f"/v1/jobs/{job_id}"))

    def result(self, job_id: int) -> bytes:
        """``GET /v1/jobs/{id}/result``: a files job's zip (outputs and ``report.csv``)."""
        return self._send("GET", f"/v1/jobs/{job_id}/result")

    def _send(
        self, method: str, path: str, body: bytes | None = None, content_type: str | None = None
    ) -> bytes:
        request = urllib.request.Request(self.url.rstrip("/") + path, body, method=method)
        if content_type is not None:
            request.add_header("Content-Type", content_type)
        if self.key:
            request.add_header("Authorization", f"Bearer {self.key}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                return bytes(reply.read())
        except urllib.error.HTTPError as exc:
            error = REFUSED.get(exc.code, ServerError)
            raise error(f"{self.url}: {exc.code} {_message(exc)}") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ServerError(f"{self.url}: cannot reach the server ({reason})") from None


def check_url(url: str) -> str:
    """``url`` if it is an http(s) address with a host; else an :class:`InputError`."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError(f"{url}: give the server's address, such as http://127.0.0.1:8000")
    return url


def _job(body: bytes) -> JobPublic:
    try:
        return JobPublic.model_validate_json(body)
    except ValidationError:
        raise ServerError(
            "the server's answer is not a job: is this a translator server?"
        ) from None


def _message(error: urllib.error.HTTPError) -> str:
    """The ``error`` of the server's JSON body, else the HTTP reason."""
    try:
        message = json.loads(error.read()).get("error")
    except (ValueError, AttributeError, OSError):
        message = None
    return message if isinstance(message, str) else str(error.reason)


def _multipart(fields: list[tuple[str, str]], uploads: Sequence[Upload]) -> tuple[bytes, str]:
    """A ``multipart/form-data`` body of ``fields`` and the uploads as ``file`` parts."""
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, value in fields:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(head.encode() + value.encode() + b"\r\n")
    for upload in uploads:
        filename = _quoted(upload.name)
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"'
            "\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        parts.append(head.encode() + upload.data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _quoted(name: str) -> str:
    """A file name inside a quoted header value, escaped as browsers do (HTML's form rules)."""
    return name.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")
