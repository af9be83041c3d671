"""Publishing rules (issue 10, point 3): once API keys exist, readers without one get the
source and the published versions only, each as it was last published; editors with a key get
everything. Over real HTTP, on SQLite and PostgreSQL, with keys made by the real CLI.
"""

import httpx

from tests.conftest import Invoke
from tests.test_api_articles import BODY, create

MACHINE_EN = "Депутати Verkhovna Rada проголосували за бюджет."
REVIEWED = "MPs of the Verkhovna Rada voted for the budget."


def key(cli: Invoke) -> dict[str, str]:
    """The ``Authorization`` header of a new key (from now on, keys exist)."""
    result = cli("keys", "create", "desk")
    assert result.exit_code == 0, result.output
    return {"Authorization": f"Bearer {result.stdout.split(chr(9))[0]}"}


def approve_all(api_url: str, slug: str, auth: dict[str, str]) -> None:
    url = f"{api_url}/v1/articles/{slug}"
    for pair in httpx.get(f"{url}/parallel/en", headers=auth).json():
        if pair["status"] != "approved":
            edit = {"status": "approved", "row_version": pair["row_version"]}
            reply = httpx.patch(f"{url}/segments/{pair['position']}/en", json=edit, headers=auth)
            assert reply.status_code == 200, reply.text


def test_unpublished_versions_are_invisible_without_a_key(api_url: str, cli: Invoke) -> None:
    slug = create(api_url, slug="budget")["slug"]
    url = f"{api_url}/v1/articles/{slug}"
    assert httpx.get(url, params={"lang": "en"}).json()["status"] == "machine"  # no key yet
    auth = key(cli)

    negotiated = httpx.get(url, headers={"Accept-Language": "en"})
    assert (negotiated.status_code, negotiated.headers["content-language"]) == (200, "uk")
    assert negotiated.json()["languages"] == ["uk"]
    assert negotiated.headers["link"] == (
        f'</v1/articles/{slug}?lang=uk>; rel="alternate"; hreflang="uk", '
        f'</v1/articles/{slug}>; rel="alternate"; hreflang="x-default"'
    )
    asked = httpx.get(url, params={"lang": "en"})
    assert (asked.status_code, asked.json()) == (
        404,
        {"error": "article budget has no en version; it has uk"},
    )
    listed = httpx.get(f"{api_url}/v1/articles").json()
    assert [(a["slug"], a["versions"]) for a in listed["items"]] == [("budget", [])]
    for filters in ({"lang": "en"}, {"status": "machine"}, {"status": "published"}):
        assert httpx.get(f"{api_url}/v1/articles", params=filters).json()["total"] == 0
    assert httpx.get(f"{api_url}/v1/articles", params={"lang": "uk"}).json()["total"] == 1
    for path in ("/versions/en", "/parallel/en", "/export?lang=en"):
        editors = httpx.get(f"{url}{path}")
        assert (editors.status_code, editors.json()["error"]) == (403, "Please provide an API key")
        assert httpx.get(f"{url}{path}", headers=auth).status_code == 200
    wrong = httpx.get(url, headers={"Authorization": "Bearer tr_wrong"})
    assert (wrong.status_code, wrong.json()) == (403, {"error": "Invalid API key"})

    keyed = httpx.get(url, params={"lang": "en"}, headers=auth)
    assert (keyed.json()["status"], keyed.json()["languages"]) == ("machine", ["uk", "en"])
    assert keyed.json()["body"].startswith(MACHINE_EN)
    assert "Authorization" in keyed.headers["vary"]
    by_query = httpx.get(url, params={"lang": "en", "api_key": auth["Authorization"][7:]})
    assert by_query.status_code == 200
    keyed_list = httpx.get(f"{api_url}/v1/articles", params={"status": "machine"}, headers=auth)
    assert keyed_list.json()["total"] == 1


def test_published_text_stays_until_republished(api_url: str, cli: Invoke) -> None:
    auth = key(cli)
    slug = httpx.post(
        f"{api_url}/v1/articles",
        json={"title": "Бюджет", "body": BODY, "targets": ["en"], "slug": "budget"},
        headers=auth,
    ).json()["slug"]
    url = f"{api_url}/v1/articles/{slug}"
    first = {"text": REVIEWED, "row_version": 1}
    assert httpx.patch(f"{url}/segments/0/en", json=first, headers=auth).status_code == 200
    approve_all(api_url, slug, auth)
    published = httpx.post(f"{url}/versions/en/publish", headers=auth)
    assert published.status_code == 200, published.text

    read = httpx.get(url, headers={"Accept-Language": "en"})
    assert read.headers["content-language"] == "en"
    view = read.json()
    published_body = view["body"]
    assert published_body.startswith(f"{REVIEWED} Рішення підтримали 256 депутатів.")
    assert (view["status"], view["stale"], view["revision"]) == ("published", False, 1)
    assert view["published_at"] == published.json()["published_at"]
    assert view["languages"] == ["uk", "en"]
    listed = httpx.get(f"{api_url}/v1/articles", params={"status": "published"}).json()
    assert [(v["lang"], v["status"]) for v in listed["items"][0]["versions"]] == [
        ("en", "published")
    ]

    # A review edit after publishing reaches readers only when published again.
    pairs = httpx.get(f"{url}/parallel/en", headers=auth).json()
    draft = {"text": "Lawmakers backed the budget.", "row_version": pairs[0]["row_version"]}
    assert httpx.patch(f"{url}/segments/0/en", json=draft, headers=auth).status_code == 200
    assert httpx.get(url, params={"lang": "en"}).json()["body"] == published_body
    search = f"{api_url}/v1/articles"
    assert httpx.get(search, params={"q": "Lawmakers"}).json()["total"] == 0
    assert httpx.get(search, params={"q": "Lawmakers"}, headers=auth).json()["total"] == 1
    assert httpx.get(search, params={"q": "MPs of the"}).json()["total"] == 1

    # A source edit: the published text stays, and says it is stale.
    new_body = BODY.replace("256", "260")
    edited = httpx.put(url, json={"body": new_body}, headers=auth)
    assert edited.json()["changed"] == {"en": [1]}
    stale = httpx.get(url, params={"lang": "en"}).json()
    assert (stale["body"], stale["status"], stale["stale"]) == (published_body, "published", True)
    assert stale["revision"] == 2
    working = httpx.get(url, params={"lang": "en"}, headers=auth).json()
    assert (working["status"], working["stale"]) == ("stale", True)
    assert "260" in working["body"] and working["body"].startswith("Lawmakers backed")

    # Re-approved and re-published: readers get the new text.
    approve_all(api_url, slug, auth)
    assert httpx.get(url, params={"lang": "en"}).json()["body"] == published_body
    assert httpx.post(f"{url}/versions/en/publish", headers=auth).status_code == 200
    fresh = httpx.get(url, params={"lang": "en"}).json()
    assert fresh["body"] == working["body"]
    assert (fresh["status"], fresh["stale"], fresh["revision"]) == ("published", False, 2)
    assert fresh["published_at"] > view["published_at"]
