"""``translator serve``: the HTTP API (LibreTranslate-compatible and /v1) on uvicorn."""

from typing import Annotated

import typer

from translator.cli.common import guarded


@guarded
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes.")] = 1,
) -> None:
    """Serve the API; the database is created or migrated on start. OpenAPI docs at /docs."""
    import uvicorn

    from translator.errors import InputError
    from translator.settings import load_settings
    from translator.store.db import database_url, ensure_schema

    settings = load_settings()
    if workers > 1 and settings.job_workers and database_url().startswith("sqlite"):
        raise InputError(
            "on SQLite one server process runs the jobs: serve with --workers 1, or set "
            "TRANSLATOR_JOB_WORKERS=0 (and leave the jobs queued), or use PostgreSQL"
        )
    ensure_schema()
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=settings.trust_proxy,  # else a client could pick its rate-limit address
    )
