"""The translation memory through the /v1 API over real HTTP, on SQLite and PostgreSQL: reused by
a new article, searched with fuzzy matches at /v1/tm."""

import httpx

S0 = "Депутати проголосували за бюджет."
S1 = "Депутати проголосували за закон."
S2 = "Уряд подасть зміни до 1 березня."
S3 = "Депутати не проголосували за бюджет."


def create(api_url: str, body: str, title: str = "Бюджет") -> str:
    data = {"title": title, "body": body, "targets": ["en"], "glossary": None}
    reply = httpx.post(f"{api_url}/v1/articles", json=data)
    assert reply.status_code == 201, reply.text
    return reply.json()["slug"]


def approve(api_url: str, slug: str, position: int, text: str) -> None:
    pairs = httpx.get(f"{api_url}/v1/articles/{slug}/parallel/en").json()
    edit = {"text": text, "status": "approved", "row_version": pairs[position]["row_version"]}
    reply = httpx.patch(f"{api_url}/v1/articles/{slug}/segments/{position}/en", json=edit)
    assert reply.status_code == 200, reply.text


def search(api_url: str, q: str, **params: object) -> list[tuple[str, str, float]]:
    reply = httpx.get(f"{api_url}/v1/tm", params={"q": q, **params})
    assert reply.status_code == 200, reply.text
    return [(m["source"], m["target"], m["score"]) for m in reply.json()]


def test_a_new_article_reuses_approved_sentences(api_url: str) -> None:
    first = create(api_url, f"{S0} {S2}\n")
    approve(api_url, first, 0, "MPs voted for the budget.")
    second = create(api_url, f"{S2}\n\n{S0}\n", "Інше")
    pairs = httpx.get(f"{api_url}/v1/articles/{second}/parallel/en").json()
    assert [(p["source"], p["target"], p["status"]) for p in pairs] == [
        (S2, S2, "machine"),
        (S0, "MPs voted for the budget.", "machine"),
    ]
    version = httpx.get(f"{api_url}/v1/articles/{second}/versions/en").json()
    assert version["body"] == f"{S2}\n\nMPs voted for the budget.\n"


def test_search_gives_the_exact_match_first_then_fuzzy_ones(api_url: str) -> None:
    slug = create(api_url, f"{S1} {S2} {S3}\n")
    approve(api_url, slug, 0, "MPs voted for the law.")
    approve(api_url, slug, 1, "The government will submit changes by 1 March.")
    approve(api_url, slug, 2, "MPs did not vote for the budget.")
    other = create(api_url, f"{S0}\n", "Інше")
    approve(api_url, other, 0, "MPs voted for the budget.")
    assert search(api_url, f"  {S0} ") == [
        (S0, "MPs voted for the budget.", 100.0),
        (S3, "MPs did not vote for the budget.", 95.7),
        (S1, "MPs voted for the law.", 83.1),
    ]
    assert search(api_url, S0, limit=1) == [(S0, "MPs voted for the budget.", 100.0)]
    assert search(api_url, S0, source="uk", target="de") == []
    assert search(api_url, "Щось зовсім інше.") == []
    reply = httpx.get(f"{api_url}/v1/tm", params={"q": S0, "limit": 0})
    assert reply.status_code == 422
    assert httpx.get(f"{api_url}/v1/tm", params={"q": ""}).status_code == 422
