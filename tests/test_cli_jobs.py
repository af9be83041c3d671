"""`translator jobs` and `translator batch --submit` through the real CLI.

The jobs commands run on a real store (SQLite, and PostgreSQL where it is configured) holding
jobs submitted by the library and run by its own worker code on the uk→en copy model; a job
left queued is one no runner took. ``batch --submit`` talks over HTTP to the real server,
whose in-process runner translates the files.
"""

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from tests.conftest import Invoke, serving
from translator.jobs.codec import FilesPlan
from translator.jobs.local import LocalRunner
from translator.jobs.models import JobItem
from translator.jobs.submit import Upload, submit_files
from translator.jobs.work import run_item
from translator.store.db import ensure_schema, get_engine

TIMES = ("created_at", "started_at", "finished_at")


def submit(files: dict[str, str], target: str = "en") -> int:
    """A files job from uk into ``target``, queued where no runner takes it; its id."""
    ensure_schema()
    uploads = [Upload(name, text.encode()) for name, text in files.items()]
    with Session(get_engine()) as session:
        return submit_files(session, uploads, [target], FilesPlan(source="uk"), LocalRunner())


def run(job_id: int) -> None:
    """Run every item of the job here, as a worker does."""
    with Session(get_engine()) as session:
        items = session.exec(
            select(JobItem.id).where(JobItem.job_id == job_id).order_by(col(JobItem.position))
        ).all()
    for item_id in items:
        assert item_id is not None
        run_item(item_id)


def untimed(job: dict[str, object]) -> dict[str, object]:
    """The job's JSON with each timestamp as "set" or None (and checked to be ISO 8601)."""

    def mark(value: object) -> str | None:
        if value is None:
            return None
        assert isinstance(value, str) and value[4] == "-" and "T" in value, value
        return "set"

    items = job["items"]
    assert isinstance(items, list)
    return {
        **{key: mark(value) if key in TIMES else value for key, value in job.items()},
        "items": [{k: mark(v) if k in TIMES else v for k, v in item.items()} for item in items],
    }


def item(position: int, name: str, status: str, **changes: object) -> dict[str, object]:
    started = status in ("done", "failed")
    return {
        "position": position,
        "target": "en",
        "name": name,
        "status": status,
        "attempts": 1 if started else 0,
        "sentences": 1,
        "error": None,
        "started_at": "set" if started else None,
        "finished_at": "set" if status != "queued" else None,
    } | changes


def job(job_id: int, status: str, items: list[dict[str, object]], **changes: object) -> dict:
    done = [i for i in items if i["status"] == "done"]
    return {
        "id": job_id,
        "kind": "files",
        "status": status,
        "submitted_by": None,
        "error": None,
        "items_total": len(items),
        "items_done": len(done),
        "items_failed": sum(i["status"] == "failed" for i in items),
        "sentences_total": len(items),
        "sentences_done": len(done),
        "seconds_remaining": None,
        "created_at": "set",
        "started_at": "set" if status not in ("queued", "cancelled") else None,
        "finished_at": "set" if status not in ("queued", "running") else None,
        "items": items,
    } | changes


@pytest.fixture
def jobs(database: str, uk_en: None) -> tuple[int, int, int]:
    """Three jobs: done, failed (no uk→de model), and queued."""
    done = submit({"a.txt": "Перше речення."})
    run(done)
    failed = submit({"b.txt": "Друге речення."}, "de")
    run(failed)
    queued = submit({"c.txt": "Третє речення.", "d.txt": "Четверте речення."})
    return done, failed, queued


def test_list_json_newest_first_and_by_status(cli: Invoke, jobs: tuple[int, int, int]) -> None:
    done, failed, queued = jobs
    result = cli("jobs", "list", "--json")
    assert result.exit_code == 0, result.output
    no_de = "cannot translate uk→de (not even via en); installed: uk→en"
    assert [untimed(j) for j in json.loads(result.stdout)] == [
        job(queued, "queued", [item(0, "c.txt", "queued"), item(1, "d.txt", "queued")]),
        job(
            failed,
            "failed",
            [item(0, "b.txt", "failed", error=no_de, target="de")],
            error="no file could be translated",
        ),
        job(done, "done", [item(0, "a.txt", "done")]),
    ]
    only = cli("jobs", "list", "--status", "failed", "--limit", "5", "--json")
    assert [j["id"] for j in json.loads(only.stdout)] == [failed]
    assert [j["id"] for j in json.loads(cli("jobs", "list", "--limit", "1", "--json").stdout)] == [
        queued
    ]


def test_show_cancel_retry(cli: Invoke, jobs: tuple[int, int, int]) -> None:
    done, _failed, queued = jobs
    shown = cli("jobs", "show", str(queued))
    assert shown.exit_code == 0, shown.output
    created = json.loads(cli("jobs", "show", str(queued), "--json").stdout)["created_at"]
    stamp = created[:19].replace("T", " ")
    assert shown.stdout == (
        f"job {queued} (files) queued: 0/2 items, 0/2 sentences\n"
        f"submitted {stamp}\n"
        "  1. en c.txt queued\n"
        "  2. en d.txt queued\n"
    )
    cancelled = cli("jobs", "cancel", str(queued), "--json")
    assert cancelled.exit_code == 0, cancelled.output
    assert untimed(json.loads(cancelled.stdout)) == job(
        queued,
        "cancelled",
        [item(0, "c.txt", "cancelled"), item(1, "d.txt", "cancelled")],
    )
    retried = cli("jobs", "retry", str(queued))
    assert (retried.exit_code, retried.stdout) == (
        0,
        f"job {queued} (files) queued: 0/2 items, 0/2 sentences\n"
        f"submitted {stamp}\n"
        "  1. en c.txt queued\n"
        "  2. en d.txt queued\n",
    )
    run(queued)  # as the server's runner does with what the retry queued
    assert untimed(json.loads(cli("jobs", "show", str(queued), "--json").stdout)) == job(
        queued, "done", [item(0, "c.txt", "done"), item(1, "d.txt", "done")]
    )
    again = cli("jobs", "retry", str(done))
    assert (again.exit_code, again.stdout, again.stderr) == (
        1,
        "",
        f"error: job {done} is done; only a failed or cancelled job retries\n",
    )


def test_list_table(cli: Invoke, jobs: tuple[int, int, int]) -> None:
    lines = cli("jobs", "list").stdout.splitlines()
    header = lines[1].split("┃")
    assert [cell.strip() for cell in header[1:-1]] == [
        "id", "kind", "status", "items", "sentences", "submitted", "by",
    ]  # fmt: skip
    cells = [[cell.strip() for cell in line.split("│")[1:-1]] for line in lines[3:-1]]
    assert [row[:5] for row in cells] == [
        [str(jobs[2]), "files", "queued", "0/2", "0/2"],
        [str(jobs[1]), "files", "failed", "0/1", "0/1"],
        [str(jobs[0]), "files", "done", "1/1", "1/1"],
    ]


@pytest.mark.parametrize("command", ["show", "cancel", "retry"])
def test_an_unknown_job_is_one_line_and_exit_2(cli: Invoke, database: str, command: str) -> None:
    result = cli("jobs", command, "99")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "error: no job 99\n")


def test_an_unknown_status_is_a_usage_error(cli: Invoke, database: str) -> None:
    result = cli("jobs", "list", "--status", "lost")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: unknown --status lost; one of queued, running, done, failed, cancelled\n",
    )


@pytest.fixture
def server(home: Path, uk_en: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The real app over HTTP on the default SQLite store, its runner translating the jobs."""
    from api.app import create_app
    from translator.store import db

    monkeypatch.delenv(db.DATABASE_URL_ENV, raising=False)
    with serving(create_app()) as url:
        yield url
    db.dispose_engines()


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the batch manifests, by its relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".translator-batch")
    }


def rows_of(stdout: str, out: Path) -> list[dict[str, object]]:
    """The --json rows, outputs relative to ``out`` and without the time taken."""
    rows = [json.loads(line) for line in stdout.splitlines()]
    return [
        row | {"output": Path(str(row["output"])).relative_to(out).as_posix(), "seconds": 0}
        for row in rows
    ]


def test_batch_submit_writes_what_a_local_run_writes(
    cli: Invoke, server: str, tmp_path: Path
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "rada.uk.txt").write_text("Верховна Рада ухвалила закон. Друге речення.\n")
    (source / "news").mkdir()
    (source / "news" / "note.md").write_text(
        "---\ntitle: Засідання Верховної Ради\n---\n# Новини України\n\nУряд ухвалив рішення.\n"
    )
    (source / "news" / "rada.txt").write_text("Третє речення.\n")  # en/rada.en.txt in the zip too
    (source / "binary.txt").write_bytes(b"\x00\x01")
    local, remote = tmp_path / "local", tmp_path / "remote"
    here = cli("batch", str(source), "--out", str(local), "--json", "--quiet")
    report = tmp_path / "report.jsonl"
    there = cli(
        "batch", str(source), "--out", str(remote), "--json", "--quiet", "--submit", server,
        "--report", str(report),
    )  # fmt: skip
    assert (there.exit_code, there.stderr) == (here.exit_code, here.stderr) == (1, "")
    assert rows_of(there.stdout, remote) == rows_of(here.stdout, local)
    assert report.read_text() == there.stdout
    assert [row["status"] for row in rows_of(there.stdout, remote)] == [
        "failed", "done", "done", "done",
    ]  # fmt: skip
    assert tree(remote) == tree(local)
    assert sorted(tree(remote)) == ["news/note.en.md", "news/rada.en.txt", "rada.en.txt"]


def test_batch_submit_shows_the_job_then_the_summary(
    cli: Invoke, server: str, tmp_path: Path
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Перше речення. Друге речення.\n")
    result = cli("batch", str(source), "--submit", server)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.en.txt").read_text() == "Перше речення. Друге речення.\n"
    lines = result.stderr.splitlines()
    assert lines[0] in (
        "job 1 queued: 0/1 files, 0/2 sentences",
        "job 1 running: 0/1 files, 0/2 sentences",
    )
    assert lines[-10] == "job 1 done: 1/1 files, 2/2 sentences"
    numbers = dict(line.rsplit(None, 1) for line in lines[-9:])
    assert float(numbers.pop("seconds")) > 0
    assert numbers == {
        "files translated": "1",
        "files up to date": "0",
        "files failed": "0",
        "sentences": "2",
        "characters": "30",
        "QA flags": "4",
        "glossary terms missing": "0",
        "inline spans by fallback": "0",
    }
    assert cli("jobs", "show", "1").stdout.splitlines()[0] == (
        "job 1 (files) done: 1/1 items, 2/2 sentences"
    )


@pytest.mark.parametrize(
    ("options", "code", "error"),
    [
        (
            ["--submit", "http://127.0.0.1:9"],
            1,
            "error: http://127.0.0.1:9: cannot reach the server ([Errno 111] Connection refused)\n",
        ),
        (
            ["--submit", "localhost:8000"],
            2,
            "error: localhost:8000: give the server's address, such as http://127.0.0.1:8000\n",
        ),
        (
            ["--submit", "http://127.0.0.1:9", "--store"],
            2,
            "error: --force, --store, --no-tm and --md-keys are not for --submit\n",
        ),
    ],
)
def test_batch_submit_errors(
    cli: Invoke, tmp_path: Path, options: list[str], code: int, error: str
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Речення.\n")
    result = cli("batch", str(source), "--quiet", *options)
    assert (result.exit_code, result.stdout, result.stderr) == (code, "", error)
    assert not (tmp_path / "a.en.txt").exists()


def test_batch_submit_a_refusal_of_the_server(cli: Invoke, server: str, tmp_path: Path) -> None:
    """A glossary file is this machine's: the server takes glossary names only."""
    source = tmp_path / "a.txt"
    source.write_text("Речення.\n")
    result = cli("batch", str(source), "--submit", server, "--glossary", "desk/uk-en.tsv")
    refusal = "422 Invalid request: glossary: String should match pattern '^\\w[\\w-]*$'"
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"error: {server}: {refusal}\n",
    )
    assert not (tmp_path / "a.en.txt").exists()


def test_a_job_drawn_on_a_terminal(cli: Invoke, server: str, tmp_path: Path) -> None:
    """The bar counts the job's sentences, then the summary is Rich's table."""
    import io

    from rich.console import Console

    from translator.batch.job_display import JobDisplay
    from translator.batch.paths import plan
    from translator.batch.remote import run_remote
    from translator.jobs.client import JobsClient

    (tmp_path / "in").mkdir()
    for n in range(2):
        (tmp_path / "in" / f"f{n}.txt").write_text("Верховна Рада ухвалила закон. Речення.\n")
    planned = plan([str(tmp_path / "in")], "en", frozenset({"uk"}), tmp_path / "out")
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with JobDisplay(planned, console=console) as display:
        result = run_remote(planned, JobsClient(server), "en", FilesPlan(source="uk"), display)
    display.finish(result.rows)
    shown = screen.getvalue()
    assert "\x1b[" in shown  # Rich drew (and cleared) its bar
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown)
    assert "job 1 done" in plain and "4/4 sentences" in plain
    assert [row.status for row in result.rows] == ["done", "done"]
    assert re.search(r"│ files translated +│ +2 │", plain)
