"""The access log never shows an API key: ``?api_key=…`` is logged as ``?api_key=***``."""

import logging
from urllib.parse import unquote_plus

ACCESS_LOGGER = "uvicorn.access"
KEY_FIELD = "api_key"


class RedactKeys(logging.Filter):
    """Rewrites the request target in a record's arguments, where uvicorn puts it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        return True


def redact(target: str) -> str:
    """``target`` with the value of every ``api_key`` query field (however its name is
    percent-encoded) replaced by ``***``."""
    path, mark, query = target.partition("?")
    if not mark:
        return target
    fields = []
    for field in query.split("&"):
        name, equals, _ = field.partition("=")
        fields.append(f"{name}=***" if equals and unquote_plus(name) == KEY_FIELD else field)
    return f"{path}?{'&'.join(fields)}"


def install() -> None:
    """Add the filter to uvicorn's access logger, once however many apps are created."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(existing, RedactKeys) for existing in logger.filters):
        logger.addFilter(RedactKeys())
