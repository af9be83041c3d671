"""The FastAPI application: routers, error handlers, limits. ``create_app()`` makes one."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.staticfiles import StaticFiles

from api import errors, logs
from api.body_limit import BodyLimit
from api.cors import PathCors
from api.deps import RateLimiter
from api.pages import routes as pages
from api.routes import articles, feeds, files, glossaries, jobs, libretranslate, meta, tm
from api.serving import batch_limits
from translator import __version__
from translator.jobs.runner import runner_for
from translator.settings import Settings, load_settings
from translator.store.db import database_url, ensure_schema


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Migrate the database, then run the job runner the database calls for (see
    ``translator.jobs.runner``) while the app serves; stop it on shutdown."""
    await run_in_threadpool(ensure_schema)
    runner = runner_for(database_url(), app.state.settings.job_workers)
    await run_in_threadpool(runner.start)
    app.state.runner = runner
    try:
        yield
    finally:
        await run_in_threadpool(runner.stop)


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app; the database is migrated to the newest schema when it starts."""
    app = FastAPI(
        title="translator",
        version=__version__,
        description="Offline translation and multilingual publishing API.",
        lifespan=lifespan,
    )
    app.state.settings = settings or load_settings()
    app.state.batch_limits = batch_limits(app.state.settings)
    app.state.rate_limiter = RateLimiter(
        app.state.settings.rate_limit, app.state.settings.rate_clients
    )
    app.add_middleware(BodyLimit, max_bytes=app.state.settings.max_body_bytes)
    app.add_middleware(
        PathCors,
        libre_origins=app.state.settings.cors_origins,
        v1_origins=app.state.settings.cors_v1_origins,
    )
    errors.install(app)
    logs.install()
    app.include_router(libretranslate.router)
    app.include_router(files.router)
    app.include_router(meta.router)
    app.include_router(articles.router)
    app.include_router(jobs.router)
    app.include_router(glossaries.router)
    app.include_router(feeds.router)
    app.include_router(tm.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")
    return app
