"""Time the review pages: approve-all-unflagged of a 200-segment article and the server time
of rendering a 1,000-segment review page (SQLite, the copy model, real HTTP on loopback).

    .venv/bin/python bench/review.py
"""

import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["TRANSLATOR_HOME"] = tempfile.mkdtemp()


def body(sentences: int) -> str:
    paragraphs = [" ".join(["Kyiv."] * 10) for _ in range(sentences // 10)]
    return "\n\n".join(paragraphs) + "\n"


def main() -> None:
    from typer.testing import CliRunner

    from api.app import create_app
    from tests.conftest import UK_EN, serving
    from translator.cli.main import app as cli

    assert CliRunner().invoke(cli, ["models", "install", str(UK_EN)]).exit_code == 0
    with serving(create_app()) as url, httpx.Client(base_url=url, timeout=600) as client:
        for slug, size in (("two-hundred", 200), ("thousand", 1000)):
            article = {"title": slug, "body": body(size), "targets": ["en"], "slug": slug}
            assert client.post("/v1/articles", json=article | {"source_lang": "uk"}).is_success
        html = client.get("/review/two-hundred/en").text
        token = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
        started = time.perf_counter()
        done = client.post(
            "/review/two-hundred/en/approve-unflagged", data={"csrf": token}, follow_redirects=True
        )
        took = time.perf_counter() - started
        assert "Approved 200 segments" in done.text, done.text[:500]
        print(f"approve all unflagged, 200 segments: {took:.2f} s")
        times = []
        for _ in range(5):
            started = time.perf_counter()
            page = client.get("/review/thousand/en")
            times.append(time.perf_counter() - started)
            assert page.text.count('<tr id="segment-') == 1000
        print(
            f"review page, 1,000 segments: median {statistics.median(times) * 1000:.0f} ms "
            f"(min {min(times) * 1000:.0f} ms, {len(page.content) // 1024} KiB)"
        )


if __name__ == "__main__":
    main()
