"""The native /v1 API over real HTTP, on SQLite and PostgreSQL."""

import io

import httpx
import pytest
from translate.storage import tmx, xliff2

from tests.conftest import Invoke

TITLE = "Верховна Рада ухвалила бюджет"
BODY = (
    "Депутати Верховної Ради проголосували за бюджет. Рішення підтримали 256 депутатів.\n"
    "\n"
    "Уряд подасть зміни до 1 березня.\n"
)


def create(api_url: str, **extra: object) -> dict:
    body = {"title": TITLE, "body": BODY, "targets": ["en"], **extra}
    reply = httpx.post(f"{api_url}/v1/articles", json=body)
    assert reply.status_code == 201, reply.text
    return reply.json()


def test_create_then_read_with_negotiation(api_url: str) -> None:
    article = create(api_url, slug="budget-vote")
    assert (article["slug"], article["source_lang"], article["revision"]) == (
        "budget-vote",
        "uk",
        1,
    )
    (version,) = article["versions"]
    assert version["title"] == "Verkhovna Rada ухвалила бюджет"
    assert version["body"].startswith("Депутати Verkhovna Rada проголосували")
    assert version["status"] == "machine"
    assert version["glossary_name"] == "ukraine-news"
    assert version["model_package"] == "translate-uk_en"

    url = f"{api_url}/v1/articles/budget-vote"
    english = httpx.get(url, headers={"Accept-Language": "de;q=1, en-GB;q=0.8, uk;q=0.5"})
    assert english.headers["content-language"] == "en"
    assert english.json()["title"] == "Verkhovna Rada ухвалила бюджет"
    assert english.headers["link"] == (
        '</v1/articles/budget-vote?lang=uk>; rel="alternate"; hreflang="uk", '
        '</v1/articles/budget-vote?lang=en>; rel="alternate"; hreflang="en", '
        '</v1/articles/budget-vote>; rel="alternate"; hreflang="x-default"'
    )
    source = httpx.get(url, headers={"Accept-Language": "fr, de;q=0.5"})
    assert (source.headers["content-language"], source.json()["status"]) == ("uk", "source")
    forced = httpx.get(url, params={"lang": "uk"}, headers={"Accept-Language": "en"})
    assert forced.json()["body"] == BODY
    by_id = httpx.get(f"{api_url}/v1/articles/{article['id']}", params={"lang": "en"})
    assert by_id.json()["slug"] == "budget-vote"
    assert httpx.get(url, params={"lang": "de"}).status_code == 404


def test_list_filter_and_paginate(api_url: str) -> None:
    for n in range(3):
        create(api_url, title=f"{TITLE} {n}")
    page = httpx.get(f"{api_url}/v1/articles", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["items"]) == 2
    rest = httpx.get(f"{api_url}/v1/articles", params={"limit": 2, "offset": 2}).json()
    assert len(rest["items"]) == 1
    found = httpx.get(f"{api_url}/v1/articles", params={"q": "бюджет 1"}).json()
    assert [a["title"] for a in found["items"]] == [f"{TITLE} 1"]
    assert httpx.get(f"{api_url}/v1/articles", params={"status": "published"}).json()["total"] == 0
    assert httpx.get(f"{api_url}/v1/articles", params={"lang": "en"}).json()["total"] == 3


def test_review_edit_conflict_publish(api_url: str) -> None:
    slug = create(api_url)["slug"]
    pairs = httpx.get(f"{api_url}/v1/articles/{slug}/parallel/en").json()
    assert [p["source"] for p in pairs] == [
        "Депутати Верховної Ради проголосували за бюджет.",
        "Рішення підтримали 256 депутатів.",
        "Уряд подасть зміни до 1 березня.",
    ]
    first = pairs[0]
    assert first["term_report"]["found"][0]["source"] == "Верховна Рада"
    edit = {"text": "MPs of the Verkhovna Rada voted for the budget.", "row_version": 1}
    reply = httpx.patch(f"{api_url}/v1/articles/{slug}/segments/0/en", json=edit)
    assert reply.status_code == 200, reply.text
    assert (reply.json()["status"], reply.json()["row_version"]) == ("edited", 4)
    stale = httpx.patch(f"{api_url}/v1/articles/{slug}/segments/0/en", json=edit)
    assert stale.status_code == 409
    assert stale.json()["current"]["target"] == edit["text"]
    assert stale.json()["current"]["row_version"] == 4
    approve = {"status": "approved", "row_version": 4}
    assert (
        httpx.patch(f"{api_url}/v1/articles/{slug}/segments/0/en", json=approve).json()["status"]
        == "approved"
    )
    version = httpx.get(f"{api_url}/v1/articles/{slug}/versions/en").json()
    assert version["status"] == "in_review"
    assert version["body"].startswith("MPs of the Verkhovna Rada voted for the budget. Рішення")
    published = httpx.post(f"{api_url}/v1/articles/{slug}/versions/en/publish").json()
    assert published["status"] == "published" and published["published_at"]


def test_source_edit_keeps_reviewed_segments(api_url: str) -> None:
    slug = create(api_url)["slug"]
    edit = {"text": "Reviewed first sentence.", "row_version": 1}
    httpx.patch(f"{api_url}/v1/articles/{slug}/segments/0/en", json=edit)
    new_body = BODY.replace("256", "260") + "\nБюджет набуде чинності з 1 січня.\n"
    reply = httpx.put(f"{api_url}/v1/articles/{slug}", json={"body": new_body})
    assert reply.status_code == 200, reply.text
    update = reply.json()
    assert update["changed"] == {"en": [1, 3]}
    assert update["article"]["revision"] == 2
    (version,) = update["article"]["versions"]
    assert (version["status"], version["changed_segments"]) == ("stale", [1, 3])
    pairs = httpx.get(f"{api_url}/v1/articles/{slug}/parallel/en").json()
    assert [(p["target"], p["status"]) for p in pairs] == [
        ("Reviewed first sentence.", "edited"),
        ("Рішення підтримали 260 депутатів.", "machine"),
        ("Уряд подасть зміни до 1 березня.", "machine"),
        ("Бюджет набуде чинності з 1 січня.", "machine"),
    ]


def test_exports_parse_in_translate_toolkit(api_url: str) -> None:
    slug = create(api_url)["slug"]
    pairs = httpx.get(f"{api_url}/v1/articles/{slug}/parallel/en").json()
    assert len(pairs) == 3
    reply = httpx.get(
        f"{api_url}/v1/articles/{slug}/export", params={"lang": "en", "format": "tmx"}
    )
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/x-tmx+xml"
    units = tmx.tmxfile(io.BytesIO(reply.content)).units
    assert [(u.source, u.target) for u in units] == [(p["source"], p["target"]) for p in pairs]
    reply = httpx.get(
        f"{api_url}/v1/articles/{slug}/export", params={"lang": "en", "format": "xliff"}
    )
    assert reply.status_code == 200
    units = [u for u in xliff2.Xliff2File(io.BytesIO(reply.content)).units]
    assert [(u.source, u.target) for u in units] == [(p["source"], p["target"]) for p in pairs]


def test_delete(api_url: str) -> None:
    slug = create(api_url)["slug"]
    assert httpx.delete(f"{api_url}/v1/articles/{slug}").status_code == 204
    gone = httpx.get(f"{api_url}/v1/articles/{slug}")
    assert gone.status_code == 404 and "error" in gone.json()
    assert httpx.get(f"{api_url}/v1/articles").json()["total"] == 0


def test_glossaries_endpoints(api_url: str) -> None:
    upload = {
        "name": "desk",
        "source_lang": "uk",
        "target_lang": "en",
        "content": "Коаліція охочих\tCoalition of the Willing\n",
    }
    reply = httpx.post(f"{api_url}/v1/glossaries", json=upload)
    assert reply.status_code == 201, reply.text
    assert reply.json() == {
        "name": "desk",
        "source_lang": "uk",
        "target_lang": "en",
        "entries": 1,
        "origin": "imported",
    }
    names = [g["name"] for g in httpx.get(f"{api_url}/v1/glossaries").json()]
    assert names == ["desk", "ukraine-news"]
    article = create(api_url, body="Лідери Коаліції охочих зустрілися.", glossary="desk")
    assert article["versions"][0]["body"] == "Лідери Coalition of the Willing зустрілися."
    bad = httpx.post(f"{api_url}/v1/glossaries", json={**upload, "content": "one column\n"})
    assert bad.status_code == 400 and ":1:" in bad.json()["error"]
    assert httpx.delete(f"{api_url}/v1/glossaries/desk").status_code == 204
    shipped = httpx.delete(f"{api_url}/v1/glossaries/ukraine-news")
    assert shipped.status_code == 400
    assert httpx.delete(f"{api_url}/v1/glossaries/desk").status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        ({"title": TITLE, "body": BODY, "targets": ["en", "fr"]}, 400, "cannot translate uk→fr"),
        ({"title": TITLE, "body": BODY, "targets": ["xx"]}, 400, "cannot translate uk→xx"),
        ({"title": "", "body": BODY, "targets": ["en"]}, 422, "title"),
        ({"title": TITLE, "body": BODY, "targets": []}, 422, "targets"),
        ({"title": TITLE, "body": BODY}, 422, "targets: Field required"),
        ({"title": TITLE, "body": "я" * 50_001, "targets": ["en"]}, 413, "article too long"),
    ],
)
def test_bad_articles_store_nothing(api_url: str, body: dict, status: int, message: str) -> None:
    reply = httpx.post(f"{api_url}/v1/articles", json=body)
    assert reply.status_code == status, reply.text
    assert message in reply.json()["error"]
    assert httpx.get(f"{api_url}/v1/articles").json()["total"] == 0


def test_malformed_json_and_unknown_things(api_url: str) -> None:
    reply = httpx.post(
        f"{api_url}/v1/articles", content=b"{", headers={"content-type": "application/json"}
    )
    assert reply.status_code == 422 and "error" in reply.json()
    assert httpx.get(f"{api_url}/v1/articles/nope").status_code == 404
    assert httpx.get(f"{api_url}/v1/articles/nope/parallel/en").status_code == 404
    slug = create(api_url)["slug"]
    missing = httpx.patch(
        f"{api_url}/v1/articles/{slug}/segments/99/en", json={"text": "x", "row_version": 1}
    )
    assert missing.status_code == 404
    assert httpx.get(f"{api_url}/v1/articles/{slug}/versions/de").status_code == 404


def test_writes_need_a_key_once_one_exists(api_url: str, cli: Invoke) -> None:
    slug = create(api_url)["slug"]
    secret = cli("keys", "create", "desk").stdout.split("\t")[0]
    body = {"title": TITLE, "body": BODY, "targets": ["en"]}
    assert httpx.post(f"{api_url}/v1/articles", json=body).status_code == 403
    assert httpx.delete(f"{api_url}/v1/articles/{slug}").status_code == 403
    assert httpx.get(f"{api_url}/v1/articles/{slug}").status_code == 200
    auth = {"Authorization": f"Bearer {secret}"}
    assert httpx.post(f"{api_url}/v1/articles", json=body, headers=auth).status_code == 201
