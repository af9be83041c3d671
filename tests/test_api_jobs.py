"""Translation jobs over real HTTP (`/v1/jobs`, `wait` on `/v1/articles`), on SQLite (the
server's own runner) and PostgreSQL (procrastinate, a worker embedded in the server), with the
uk→en copy model; and a `translator serve` killed mid-job on SQLite that resumes it."""

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import RU_EN, Invoke, serving
from tests.test_api_articles import BODY, TITLE
from tests.test_api_libretranslate_clients import error, new_key
from translator.settings import Settings

NEWS = "Верховна Рада ухвалила закон.\n\nДепутати голосували вночі.\n"
NEWS_EN = "Verkhovna Rada ухвалила закон.\n\nДепутати голосували вночі.\n"
SRT = "1\n00:00:01,000 --> 00:00:03,000\nЗасідання Верховної Ради\n"
SRT_EN = "1\n00:00:01,000 --> 00:00:03,000\nЗасідання Verkhovna Rada\n\n"
TIMEOUT = 60.0  # seconds a job may take here


@pytest.fixture
def idle_url(database: str, uk_en: None) -> Iterator[str]:
    """The app with no job runner threads (job_workers=0): submitted jobs stay queued."""
    from api.app import create_app

    with serving(create_app(Settings(job_workers=0, job_wait=0.5, max_queued_jobs=2))) as url:
        yield url


def article(**extra: object) -> dict[str, object]:
    return {"title": TITLE, "body": BODY, "targets": ["en"], **extra}


def accepted(reply: httpx.Response) -> dict:
    """A 202's job, checked against its ``Location``."""
    assert reply.status_code == 202, reply.text
    job = reply.json()
    assert reply.headers["location"] == f"/v1/jobs/{job['id']}"
    return dict(job)


def finished(url: str, job_id: int) -> dict:
    """The job once it has finished (polled)."""
    deadline = time.monotonic() + TIMEOUT
    while True:
        job = httpx.get(f"{url}/v1/jobs/{job_id}", timeout=TIMEOUT).json()
        if job["status"] in ("done", "failed", "cancelled"):
            return dict(job)
        assert time.monotonic() < deadline, job
        time.sleep(0.1)


def submit_files(url: str, files: dict[str, str], **fields: str) -> httpx.Response:
    parts = [("file", (name, text.encode())) for name, text in files.items()]
    return httpx.post(
        f"{url}/v1/jobs", files=parts, data={"targets": "en", **fields}, timeout=TIMEOUT
    )


def unzipped(reply: httpx.Response) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A files result: each output's text by name, and the report's rows."""
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(reply.content)) as archive:
        texts = {name: archive.read(name).decode() for name in archive.namelist()}
    report = list(csv.DictReader(io.StringIO(texts.pop("report.csv"))))
    return texts, report


def test_article_job_without_waiting(api_url: str) -> None:
    reply = httpx.post(f"{api_url}/v1/articles", params={"wait": "false"}, json=article())
    job = accepted(reply)
    assert (job["kind"], job["items_total"], job["sentences_total"]) == ("create", 1, 3)
    done = finished(api_url, job["id"])
    assert (done["status"], done["items_done"], done["sentences_done"]) == ("done", 1, 3)
    assert done["items"][0]["target"] == "en" and done["items"][0]["attempts"] == 1
    stored = httpx.get(f"{api_url}/v1/jobs/{job['id']}/result").json()
    (version,) = stored["versions"]
    assert (version["lang"], version["title"]) == ("en", "Verkhovna Rada ухвалила бюджет")
    read = httpx.get(f"{api_url}/v1/articles/{stored['slug']}", params={"lang": "en"}).json()
    assert read["body"] == version["body"]

    edit = httpx.put(
        f"{api_url}/v1/articles/{stored['slug']}",
        params={"wait": "false"},
        json={"body": BODY + "\nНове речення.\n"},
    )
    job = accepted(edit)
    assert job["kind"] == "update"
    assert finished(api_url, job["id"])["status"] == "done"
    update = httpx.get(f"{api_url}/v1/jobs/{job['id']}/result").json()
    assert update["changed"] == {"en": [3]}
    read = httpx.get(f"{api_url}/v1/articles/{stored['slug']}", params={"lang": "en"}).json()
    assert read["body"].endswith("Нове речення.\n")
    unchanged = httpx.put(
        f"{api_url}/v1/articles/{stored['slug']}", params={"wait": "false"}, json={}
    )
    assert unchanged.status_code == 200, unchanged.text
    assert unchanged.json()["changed"] == {"en": []}


def test_articles_job_list_and_bad_submissions(api_url: str) -> None:
    reply = httpx.post(
        f"{api_url}/v1/jobs",
        json={"articles": [article(slug="first"), article(slug="second")]},
    )
    assert reply.status_code == 202, reply.text
    jobs = reply.json()
    assert [job["kind"] for job in jobs] == ["create", "create"]
    assert [finished(api_url, job["id"])["status"] for job in jobs] == ["done", "done"]
    slugs = [httpx.get(f"{api_url}/v1/jobs/{job['id']}/result").json()["slug"] for job in jobs]
    assert slugs == ["first", "second"]
    listed = httpx.get(f"{api_url}/v1/jobs").json()
    assert [job["id"] for job in listed] == [jobs[1]["id"], jobs[0]["id"]]
    assert httpx.get(f"{api_url}/v1/jobs", params={"status": "failed"}).json() == []

    taken = httpx.post(f"{api_url}/v1/jobs", json={"articles": [article(slug="first")]})
    (job,) = taken.json()
    failed = finished(api_url, job["id"])
    assert (failed["status"], failed["error"]) == ("failed", "the slug 'first' is taken")
    assert "failed" in error(httpx.get(f"{api_url}/v1/jobs/{job['id']}/result"), 409)
    in_english = article(source_lang="en")
    assert "drop it from targets" in error(
        httpx.post(f"{api_url}/v1/jobs", json={"articles": [article(), in_english]}), 400
    )
    assert len(httpx.get(f"{api_url}/v1/jobs").json()) == 3  # the refused pair queued nothing
    assert "articles" in error(httpx.post(f"{api_url}/v1/jobs", json={"articles": []}), 422)
    assert "malformed JSON" in error(
        httpx.post(
            f"{api_url}/v1/jobs", content=b"{", headers={"content-type": "application/json"}
        ),
        422,
    )
    assert error(httpx.get(f"{api_url}/v1/jobs/999"), 404) == "no job 999"
    assert error(httpx.delete(f"{api_url}/v1/jobs/999"), 404) == "no job 999"
    assert error(httpx.get(f"{api_url}/v1/jobs/999/events"), 404) == "no job 999"
    assert error(httpx.get(f"{api_url}/v1/jobs/999/result"), 404) == "no job 999"
    assert httpx.get(f"{api_url}/v1/jobs/99999999999").status_code == 422
    assert httpx.get(f"{api_url}/v1/jobs", params={"status": "lost"}).status_code == 422


def test_files_job_result_zip(api_url: str) -> None:
    reply = submit_files(api_url, {"news.uk.txt": NEWS, "../Сесія.srt": SRT}, source="uk")
    job = accepted(reply)
    assert (job["kind"], job["items_total"], job["sentences_total"]) == ("files", 2, 3)
    assert [item["name"] for item in job["items"]] == ["news.uk.txt", "Сесія.srt"]
    done = finished(api_url, job["id"])
    assert (done["status"], done["items_done"], done["sentences_done"]) == ("done", 2, 3)
    texts, report = unzipped(httpx.get(f"{api_url}/v1/jobs/{job['id']}/result"))
    assert texts == {"en/news.en.txt": NEWS_EN, "en/Сесія.en.srt": SRT_EN}
    assert [(row["input"], row["output"], row["status"]) for row in report] == [
        ("news.uk.txt", "en/news.en.txt", "done"),
        ("Сесія.srt", "en/Сесія.en.srt", "done"),
    ]

    assert "no file given" in error(
        httpx.post(f"{api_url}/v1/jobs", data={"targets": "en"}, files={"x": ("", b"")}), 400
    )
    assert "unknown format .exe" in error(submit_files(api_url, {"tool.exe": "x"}), 400)
    assert "targets" in error(submit_files(api_url, {"a.txt": NEWS}, targets=""), 422)
    assert "unknown format 'pdf'" in error(
        submit_files(api_url, {"a.txt": NEWS}, format="pdf"), 400
    )


def test_retry_after_a_failure(api_url: str, cli: Invoke) -> None:
    """A job whose pair has no model fails with that error per item; once the model is
    installed, a retry runs the failed item again and the job is done."""
    job = accepted(submit_files(api_url, {"news.txt": NEWS}, source="ru"))
    failed = finished(api_url, job["id"])
    assert (failed["status"], failed["error"]) == ("failed", "no file could be translated")
    (item,) = failed["items"]
    assert item["status"] == "failed" and "ru" in item["error"], item
    texts, report = unzipped(httpx.get(f"{api_url}/v1/jobs/{job['id']}/result"))
    assert texts == {} and [row["status"] for row in report] == ["failed"]
    assert cli("models", "install", str(RU_EN)).exit_code == 0
    again = httpx.post(f"{api_url}/v1/jobs/{job['id']}/retry")
    assert again.status_code == 200, again.text
    assert again.json()["status"] == "queued"
    done = finished(api_url, job["id"])
    assert done["status"] == "done" and done["items"][0]["error"] is None
    texts, _ = unzipped(httpx.get(f"{api_url}/v1/jobs/{job['id']}/result"))
    assert texts == {"en/news.en.txt": NEWS}  # the ru→en copy model, with no uk glossary
    assert "only a failed or cancelled job" in error(
        httpx.post(f"{api_url}/v1/jobs/{job['id']}/retry"), 409
    )


def events(url: str, job_id: int) -> Iterator[tuple[str, dict]]:
    """The job's Server-Sent Events, as they come: (name, job)."""
    with httpx.stream("GET", f"{url}/v1/jobs/{job_id}/events", timeout=TIMEOUT) as reply:
        assert reply.status_code == 200
        assert reply.headers["content-type"].startswith("text/event-stream")
        name = ""
        for line in reply.iter_lines():
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                yield name, json.loads(line.removeprefix("data: "))


def test_events_until_done(api_url: str) -> None:
    job = accepted(submit_files(api_url, {"a.txt": NEWS, "b.txt": NEWS, "c.srt": SRT}))
    seen = list(events(api_url, job["id"]))
    names = [name for name, _ in seen]
    assert names[-1] == "done" and set(names[:-1]) == {"progress"}, names
    done_counts = [state["items_done"] for _, state in seen]
    assert done_counts == sorted(done_counts) and done_counts[-1] == 3
    assert seen[-1][1] == httpx.get(f"{api_url}/v1/jobs/{job['id']}").json()
    assert [name for name, _ in events(api_url, job["id"])] == ["done"]  # finished: at once


def test_queued_jobs_cancelled_limited_and_awaited(idle_url: str) -> None:
    """With no runner: a job stays queued, its events wait, a cancel ends it; beyond
    max_queued_jobs a submission is a 429; a POST waiting longer than job_wait gets a 202."""
    first = accepted(submit_files(idle_url, {"a.txt": NEWS, "b.txt": NEWS}))
    stream = events(idle_url, first["id"])
    name, state = next(stream)
    assert (name, state["status"]) == ("progress", "queued")
    cancelled = httpx.delete(f"{idle_url}/v1/jobs/{first['id']}")
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "cancelled"
    assert [item["status"] for item in cancelled.json()["items"]] == ["cancelled"] * 2
    name, state = next(stream)
    assert (name, state["status"]) == ("cancelled", "cancelled")
    assert next(stream, None) is None
    texts, report = unzipped(httpx.get(f"{idle_url}/v1/jobs/{first['id']}/result"))
    assert texts == {} and [row["status"] for row in report] == ["failed", "failed"]

    waited = accepted(httpx.post(f"{idle_url}/v1/articles", json=article()))
    assert (waited["kind"], waited["status"]) == ("create", "queued")
    second = accepted(submit_files(idle_url, {"a.txt": NEWS}))
    assert "is queued" in error(httpx.get(f"{idle_url}/v1/jobs/{second['id']}/result"), 409)
    assert "at most 2 per API key" in error(submit_files(idle_url, {"a.txt": NEWS}), 429)
    posted = httpx.post(f"{idle_url}/v1/articles", params={"wait": "false"}, json=article())
    assert "at most 2" in error(posted, 429)
    assert "at most 2" in error(
        httpx.post(f"{idle_url}/v1/jobs", json={"articles": [article()]}), 429
    )
    assert len(httpx.get(f"{idle_url}/v1/jobs").json()) == 3


def test_a_key_sees_its_own_jobs(api_url: str, cli: Invoke) -> None:
    desk, other = new_key(cli), new_key(cli)
    mine = {"Authorization": f"Bearer {desk}"}
    theirs = {"Authorization": f"Bearer {other}"}
    assert "API key" in error(submit_files(api_url, {"a.txt": NEWS}), 403)
    reply = httpx.post(
        f"{api_url}/v1/articles", params={"wait": "false"}, json=article(), headers=mine
    )
    job = accepted(reply)
    assert job["submitted_by"] == desk[:8]
    url = f"{api_url}/v1/jobs/{job['id']}"
    assert httpx.get(url, headers=mine).status_code == 200
    assert error(httpx.get(url, headers=theirs), 404) == f"no job {job['id']}"
    assert error(httpx.delete(url, headers=theirs), 404) == f"no job {job['id']}"
    assert error(httpx.get(url), 403) == "Please provide an API key"
    assert [j["id"] for j in httpx.get(f"{api_url}/v1/jobs", headers=mine).json()] == [job["id"]]
    assert httpx.get(f"{api_url}/v1/jobs", headers=theirs).json() == []


# --- a server killed mid-job --------------------------------------------------------------


def long_text(n: int) -> str:
    """A text of 2×300 sentences (about a second for the copy model)."""
    return (
        "\n\n".join(
            f"Депутати Верховної Ради проголосували за бюджет номер {n}-{k}. "
            f"Рішення підтримали {k} депутатів."
            for k in range(300)
        )
        + "\n"
    )


class Server:
    """``translator serve`` in a process of its own over this test's TRANSLATOR_HOME."""

    def __init__(self, port: int, log: Path) -> None:
        self.url, self.port, self.log = f"http://127.0.0.1:{port}", port, log
        command = [sys.executable, "-m", "translator.cli", "serve", "--port", str(port)]
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                command, env=os.environ.copy(), stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + TIMEOUT
        while not self.answers():
            assert self.process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)

    def answers(self) -> bool:
        try:
            return httpx.get(f"{self.url}/v1/jobs", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)


def test_a_server_killed_mid_job_resumes_it(uk_en: None, tmp_path: Path) -> None:
    """SQLite: the job's running item is requeued when the server starts again; every file is
    translated once, and the result holds each exactly once."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    texts = {f"part{n}.txt": long_text(n) for n in range(4)}
    server = Server(port, tmp_path / "serve.log")
    try:
        job = accepted(submit_files(server.url, texts, source="uk"))
        deadline = time.monotonic() + TIMEOUT
        while True:
            state = httpx.get(f"{server.url}/v1/jobs/{job['id']}").json()
            statuses = [item["status"] for item in state["items"]]
            if "done" in statuses and "running" in statuses:
                break
            assert "queued" in statuses and time.monotonic() < deadline, statuses
            time.sleep(0.05)
        killed = statuses.index("running")
        server.kill()
        server = Server(port, tmp_path / "serve.log")
        done = finished(server.url, job["id"])
        result = httpx.get(f"{server.url}/v1/jobs/{job['id']}/result", timeout=TIMEOUT)
    finally:
        server.stop()
    assert (done["status"], done["items_done"], done["items_failed"]) == ("done", 4, 0)
    assert [item["attempts"] for item in done["items"]] == [
        2 if n == killed else 1 for n in range(4)
    ]
    assert done["sentences_done"] == done["sentences_total"] == 4 * 600
    outputs, report = unzipped(result)
    expected = {
        f"en/part{n}.en.txt": text.replace("Верховної Ради", "Verkhovna Rada")
        for n, text in enumerate(texts.values())
    }
    assert outputs == expected
    assert [row["input"] for row in report] == list(texts)
