"""The jobs core on SQLite and PostgreSQL: submit, claim, record, finish, cancel, retry.

Items are run here, in the test's thread, one call at a time, so every interleaving a runner
could produce (a worker thought dead, a duplicate delivery, a late record) is made on purpose.
"""

import io
import zipfile
from collections.abc import Iterator, Sequence

import pytest
from sqlmodel import Session, func, select

from translator.errors import Conflict, UnsupportedPair
from translator.jobs.codec import FilesPlan, Translations, dump
from translator.jobs.models import JobItem, JobStatus
from translator.jobs.submit import Upload, submit_create, submit_files, submit_update
from translator.jobs.views import cancel_job, files_result, get_job, get_row, retry_job
from translator.jobs.work import (
    MAX_ATTEMPTS,
    Made,
    claim,
    error_of,
    finish_article,
    record,
    run_item,
)
from translator.store import articles, revisions
from translator.store.db import ensure_schema, get_engine
from translator.store.models import Article, ArticleCreate, ArticleUpdate, ArticleWithVersions

BODY = "Учора у Фастові відкрили школу. Про це повідомив Михайло Згуровський."


class Recording:
    """A queue that only remembers what was queued: the test runs the items itself."""

    def __init__(self) -> None:
        self.queued: list[int] = []

    def enqueue(self, item_ids: Sequence[int]) -> None:
        self.queued += item_ids


@pytest.fixture
def session(database: str, uk_en: None) -> Iterator[Session]:
    ensure_schema()
    with Session(get_engine()) as session:
        yield session


def create(session: Session, queue: Recording, targets: list[str] | None = None) -> int:
    data = ArticleCreate(title="Школа", body=BODY, targets=targets or ["en"])
    return submit_create(session, articles.plan_create(data), queue)


def stored(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Article)).one()


def test_an_article_job_stores_the_article_once(session: Session) -> None:
    queue = Recording()
    job_id = create(session, queue)
    assert get_job(session, job_id).status == JobStatus.queued
    (item_id,) = queue.queued
    run_item(item_id)
    run_item(item_id)  # a duplicate delivery: the item is done, nothing runs
    job = get_job(session, job_id)
    assert (job.status, job.items_done, job.sentences_done, job.sentences_total) == (
        JobStatus.done, 1, 2, 2,
    )  # fmt: skip
    assert job.items[0].attempts == 1
    created = ArticleWithVersions.model_validate_json(get_row(session, job_id).result or "")
    assert created.versions[0].body == (
        "Учора у Fastiv відкрили школу. Про це повідомив Mykhailo Zghurovskyi."
    )
    assert articles.get_article(session, created.slug) == created
    assert stored(session) == 1
    finish_article(session, job_id)  # finishing again stores nothing more
    assert stored(session) == 1


def test_a_late_record_from_a_worker_thought_dead_is_dropped(session: Session) -> None:
    queue = Recording()
    job_id = create(session, queue)
    (item_id,) = queue.queued
    first = claim(item_id)
    assert first is not None
    run_item(item_id)  # another worker claims it again and finishes the job
    record(first, JobStatus.done, Made("[]", None, 0), None)  # the first one comes back late
    job = get_job(session, job_id)
    assert (job.status, job.items[0].attempts) == (JobStatus.done, 2)
    assert stored(session) == 1


def test_an_item_that_kills_its_worker_fails_after_three_attempts(session: Session) -> None:
    queue = Recording()
    job_id = create(session, queue)
    (item_id,) = queue.queued
    for _ in range(MAX_ATTEMPTS):
        assert claim(item_id) is not None  # each worker dies holding it
    assert claim(item_id) is None
    job = get_job(session, job_id)
    assert job.status == JobStatus.failed
    assert job.items[0].error == "gave up after 3 attempts: the worker stopped each time"
    assert stored(session) == 0


def test_an_article_job_fails_whole_and_stores_nothing(session: Session) -> None:
    queue = Recording()
    job_id = create(session, queue, ["en", "de"])
    for item_id in queue.queued:
        run_item(item_id)
    job = get_job(session, job_id)
    assert job.status == JobStatus.failed
    assert [(item.target, item.status) for item in job.items] == [
        ("en", JobStatus.done),
        ("de", JobStatus.failed),
    ]
    error = error_of(get_row(session, job_id))
    assert isinstance(error, UnsupportedPair)
    assert stored(session) == 0


def test_a_source_edit_job_and_its_conflict(session: Session) -> None:
    created = articles.create_article(
        session, ArticleCreate(title="Школа", body="Перше речення.", targets=["en"])
    )
    queue = Recording()
    plan = revisions.plan_update(session, created.slug, ArticleUpdate(body=BODY))
    assert isinstance(plan, revisions.UpdatePlan)
    job_id = submit_update(session, plan, queue)
    run_item(queue.queued[0])
    assert get_job(session, job_id).status == JobStatus.done
    assert articles.get_version(session, created.slug, "en").body.startswith("Учора у Fastiv")
    stale = revisions.plan_update(session, created.slug, ArticleUpdate(body="Нове речення."))
    assert isinstance(stale, revisions.UpdatePlan)
    late = submit_update(session, stale, queue)
    revisions.update_source(session, created.slug, ArticleUpdate(body="Інше речення."))
    run_item(queue.queued[-1])
    assert get_job(session, late).status == JobStatus.failed
    assert isinstance(error_of(get_row(session, late)), Conflict)


def test_a_files_job_goes_on_past_a_bad_file_and_zips_the_rest(session: Session) -> None:
    queue = Recording()
    uploads = [
        Upload("rada.uk.txt", "Верховна Рада ухвалила закон.\n".encode()),
        Upload("broken.html", b"<p>\xd0\x92\xd1\x96\xd1\x82\xd0\xb0\xd1\x8e <b>unclosed"),
    ]
    job_id = submit_files(session, uploads, ["en"], FilesPlan(), queue)
    for item_id in queue.queued:
        run_item(item_id)
    job = get_job(session, job_id)
    assert job.status == JobStatus.done
    assert [(item.name, item.status) for item in job.items] == [
        ("rada.uk.txt", JobStatus.done),
        ("broken.html", JobStatus.failed),
    ]
    archive = zipfile.ZipFile(io.BytesIO(files_result(session, job_id)))
    assert archive.namelist() == ["en/rada.en.txt", "report.csv"]
    assert archive.read("en/rada.en.txt").decode() == "Verkhovna Rada ухвалила закон.\n"
    report = archive.read("report.csv").decode().splitlines()
    assert [line.split(",")[:3] for line in report[1:]] == [
        ["rada.uk.txt", "en/rada.en.txt", "done"],
        ["broken.html", "en/broken.en.html", "failed"],
    ]


def test_cancel_drops_queued_items_and_retry_runs_them_again(session: Session) -> None:
    queue = Recording()
    text = "Верховна Рада ухвалила закон номер {n}.\n"
    uploads = [Upload(f"f{n}.uk.txt", text.format(n=n).encode()) for n in range(3)]
    job_id = submit_files(session, uploads, ["en"], FilesPlan(), queue)
    run_item(queue.queued[0])
    cancelled = cancel_job(session, job_id)
    assert cancelled.status == JobStatus.cancelled
    assert [item.status for item in cancelled.items] == [
        JobStatus.done,
        JobStatus.cancelled,
        JobStatus.cancelled,
    ]
    run_item(queue.queued[1])  # a delivery after the cancel: nothing runs
    assert get_job(session, job_id).items[1].status == JobStatus.cancelled
    again = Recording()
    assert retry_job(session, job_id, again).status == JobStatus.queued
    assert again.queued == queue.queued[1:]
    for item_id in again.queued:
        run_item(item_id)
    job = get_job(session, job_id)
    assert (job.status, job.items_done) == (JobStatus.done, 3)
    with pytest.raises(Conflict):
        retry_job(session, job_id, again)


def test_a_file_the_submitter_cannot_have_translated_is_refused_at_submission(
    session: Session,
) -> None:
    from translator.errors import InputError

    with pytest.raises(InputError, match="unknown format"):
        submit_files(session, [Upload("notes.xyz", b"x")], ["en"], FilesPlan(), Recording())
    assert session.exec(select(func.count()).select_from(JobItem)).one() == 0


def test_a_job_whose_last_record_was_not_followed_by_its_store_is_finished(
    session: Session,
) -> None:
    """The process recording the last item stopped before storing the article: a runner's
    start (or a worker's sweep) finishes it, once."""
    from translator.jobs.work import finish_stranded

    queue = Recording()
    job_id = create(session, queue)
    (item_id,) = queue.queued
    claimed = claim(item_id)
    assert claimed is not None
    with Session(get_engine()) as other:  # the item's record, without the finish after it
        item = other.get(JobItem, item_id)
        assert item is not None
        plan = articles.plan_create(ArticleCreate(title="Школа", body=BODY, targets=["en"]))
        made = Made(dump(plan.translate("en"), Translations), None, 2)
        item.status, item.result, item.sentences = JobStatus.done, made.result, made.sentences
        other.add(item)
        other.commit()
    assert get_job(session, job_id).status == JobStatus.running
    assert finish_stranded() == 1
    assert get_job(session, job_id).status == JobStatus.done
    assert stored(session) == 1
    assert finish_stranded() == 0
