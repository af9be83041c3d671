"""``Link`` headers naming an article's languages, never built from the request's ``Host``."""

from urllib.parse import quote

from fastapi import Request

from translator.settings import Settings


def alternates(request: Request, languages: list[str]) -> str:
    """``rel="alternate"`` links to the requested article in each of ``languages``, plus the
    ``x-default`` one: absolute under ``public_url`` when it is set, relative otherwise."""
    settings: Settings = request.app.state.settings
    base = (settings.public_url or "").rstrip("/") + quote(request.scope["path"])
    links = [f'<{base}?lang={code}>; rel="alternate"; hreflang="{code}"' for code in languages]
    links.append(f'<{base}>; rel="alternate"; hreflang="x-default"')
    return ", ".join(links)
