"""Conditional GET on the article reads (issue 13, point 2): a strong ETag that every edit
moves on, 304 for a matching If-None-Match, Cache-Control public for published texts and
sources, private otherwise. Over real HTTP, on SQLite and PostgreSQL."""

from typing import Any

import httpx

from tests.conftest import Invoke
from tests.test_api_articles import BODY, TITLE
from tests.test_publishing import approve_all, key

PUBLIC = "public, max-age=60"
PRIVATE = "private, no-cache"
TIMEOUT = 30  # seconds: a source edit translates, on a machine that other work shares


def get(url: str, tag: str | None = None, **headers: str) -> httpx.Response:
    """A GET with ``If-None-Match: tag`` if given; ``Accept_Language=...`` names a header."""
    if tag is not None:
        headers["If-None-Match"] = tag
    headers = {name.replace("_", "-"): value for name, value in headers.items()}
    return httpx.get(url, headers=headers, timeout=TIMEOUT)


def send(method: str, url: str, **options: Any) -> httpx.Response:
    """A write, with time for a translation."""
    return httpx.request(method, url, timeout=TIMEOUT, **options)


def create(api_url: str) -> str:
    """A new article (uk, translated into en); its slug."""
    article = {"title": TITLE, "body": BODY, "targets": ["en"]}
    reply = send("POST", f"{api_url}/v1/articles", json=article)
    assert reply.status_code == 201, reply.text
    slug: str = reply.json()["slug"]
    return slug


def check_not_modified(url: str, tag: str, **headers: str) -> None:
    reply = get(url, tag, **headers)
    assert (reply.status_code, reply.content) == (304, b""), reply.text
    assert reply.headers["etag"] == get(url, **headers).headers["etag"]
    assert "content-type" not in reply.headers
    assert reply.headers["cache-control"] in (PUBLIC, PRIVATE)


def test_version_etag_and_304(api_url: str) -> None:
    slug = create(api_url)
    url = f"{api_url}/v1/articles/{slug}/versions/en"
    first = get(url)
    tag = first.headers["etag"]
    assert tag.startswith('"') and tag.endswith('"') and len(tag) > 2  # strong
    assert (first.headers["cache-control"], first.headers["vary"]) == (PRIVATE, "Authorization")
    assert get(url).headers["etag"] == tag  # stable
    assert get(url).json() == first.json()

    for condition in (tag, f"W/{tag}", f'"other", {tag}', f'W/"x", W/{tag}', "*"):
        check_not_modified(url, condition)
    other = get(url, '"other", W/"x"')
    assert (other.status_code, other.json()) == (200, first.json())
    assert get(f"{api_url}/v1/articles/{slug}/versions/de", "*").status_code == 404
    assert get(f"{api_url}/v1/articles/no-such/versions/en", tag).status_code == 404
    assert get(f"{api_url}/v1/articles/{'9' * 5000}/versions/en").status_code == 404

    tags = [tag]
    segment = f"{api_url}/v1/articles/{slug}/segments"
    edit = {"text": "MPs of the Verkhovna Rada voted for the budget.", "row_version": 1}
    assert send("PATCH", f"{segment}/0/en", json=edit).status_code == 200
    tags.append(get(url).headers["etag"])
    approve = {"status": "approved", "row_version": 2}
    assert send("PATCH", f"{segment}/1/en", json=approve).status_code == 200
    tags.append(get(url).headers["etag"])
    assert send("POST", f"{url}/publish").status_code == 200
    published = get(url)
    tags.append(published.headers["etag"])
    assert len(set(tags)) == len(tags), tags
    assert get(url, tag).status_code == 200  # the first tag is not current any more
    assert published.headers["cache-control"] == PUBLIC
    check_not_modified(url, tags[-1])


def test_article_etag_follows_the_chosen_text(api_url: str) -> None:
    slug = create(api_url)
    url = f"{api_url}/v1/articles/{slug}"
    english = get(url, Accept_Language="en")
    source = get(url, Accept_Language="uk")
    assert english.headers["etag"] != source.headers["etag"]
    assert english.headers["cache-control"] == PRIVATE  # a machine translation
    assert source.headers["cache-control"] == PUBLIC  # the source is public
    assert english.headers["vary"] == "Accept-Language, Authorization"
    assert english.headers["content-language"] == "en" and "hreflang" in english.headers["link"]
    check_not_modified(url, english.headers["etag"], Accept_Language="en")
    check_not_modified(url, f"W/{source.headers['etag']}", Accept_Language="uk")
    other_language = get(url, english.headers["etag"], Accept_Language="uk")
    assert (other_language.status_code, other_language.json()) == (200, source.json())
    assert get(f"{url}-nope", "*").status_code == 404
    by_id = f"{api_url}/v1/articles/{'0' * 12}{english.json()['id']}"
    assert get(by_id, Accept_Language="en").json() == english.json()

    # Approving two sentences leaves the view's text and status as they are (in review): the
    # tag moves on all the same, with the version's row version.
    segment = f"{api_url}/v1/articles/{slug}/segments"
    approve = {"status": "approved", "row_version": 1}
    assert send("PATCH", f"{segment}/0/en", json=approve).status_code == 200
    reviewed = get(url, Accept_Language="en")
    approve = {"status": "approved", "row_version": 2}
    assert send("PATCH", f"{segment}/1/en", json=approve).status_code == 200
    approved_more = get(url, Accept_Language="en")
    assert approved_more.json() == reviewed.json()
    assert approved_more.headers["etag"] != reviewed.headers["etag"]
    assert get(url, reviewed.headers["etag"], Accept_Language="en").status_code == 200

    edited = BODY.replace("256", "260")
    assert send("PUT", url, json={"body": edited}).status_code == 200
    assert get(url, Accept_Language="uk").headers["etag"] != source.headers["etag"]
    stale = get(url, Accept_Language="en")
    assert stale.headers["etag"] != approved_more.headers["etag"]
    assert get(url, approved_more.headers["etag"], Accept_Language="en").status_code == 200


def test_readers_tags_follow_the_published_text(api_url: str, cli: Invoke) -> None:
    slug = create(api_url)
    auth = key(cli)
    url = f"{api_url}/v1/articles/{slug}"
    approve_all(api_url, slug, auth)
    assert send("POST", f"{url}/versions/en/publish", headers=auth).status_code == 200

    readers = get(url, Accept_Language="en")
    assert (readers.json()["status"], readers.headers["cache-control"]) == ("published", PUBLIC)
    editors = get(url, Accept_Language="en", Authorization=auth["Authorization"])
    assert editors.headers["cache-control"] == PUBLIC
    version = get(f"{url}/versions/en", Authorization=auth["Authorization"])
    assert version.headers["cache-control"] == PUBLIC
    check_not_modified(url, readers.headers["etag"], Accept_Language="en")

    # A review edit after publishing: editors get a new tag, and private caching; readers
    # keep the published text, and its tag, until the version is published again.
    first = httpx.get(f"{url}/parallel/en", headers=auth).json()[0]
    edit = {"text": "A new first sentence.", "row_version": first["row_version"]}
    assert send("PATCH", f"{url}/segments/0/en", json=edit, headers=auth).status_code == 200
    edited = get(url, Accept_Language="en", Authorization=auth["Authorization"])
    assert edited.headers["etag"] != editors.headers["etag"]
    assert edited.headers["cache-control"] == PRIVATE
    check_not_modified(url, readers.headers["etag"], Accept_Language="en")
    approve_all(api_url, slug, auth)
    assert send("POST", f"{url}/versions/en/publish", headers=auth).status_code == 200
    republished = get(url, readers.headers["etag"], Accept_Language="en")
    assert republished.status_code == 200
    assert republished.json()["body"].startswith("A new first sentence.")
    assert republished.headers["etag"] != readers.headers["etag"]

    wrong = get(url, "*", Authorization="Bearer tr_wrong")
    assert wrong.status_code == 403  # the key is checked before any 304
    assert get(f"{url}/versions/en", "*").status_code == 403
