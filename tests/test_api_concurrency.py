"""Concurrent requests over real HTTP, on SQLite and PostgreSQL (issue 7, points 1-5).

Each burst is one ``httpx.AsyncClient`` whose requests all wait at a gate (an asyncio event)
and are released together, each on its own connection, so that they overlap in the server.
Every request has a timeout: a stalled server fails the test instead of hanging it.
"""

from collections import Counter

import httpx

from scripts import reliability
from scripts.reliability import Burst, Call
from tests.test_api_articles import create
from translator.segment import reassemble, segment

TITLE = "Засідання Верховної Ради"
BODY = (
    "Верховна Рада зібралася на засідання. Депутати розглянули бюджет. Уряд подав зміни.\n"
    "\n"
    "Міністр фінансів виступив з доповіддю. Опозиція висловила заперечення."
    " Голосування відбулося ввечері.\n"
    "\n"
    "Рішення підтримали 256 депутатів. Президент підпише закон."
    " Документ набуде чинності в січні.\n"
    "\n"
    "Експерти оцінили наслідки. Банки чекають на роз'яснення."
    " Наступне засідання призначено на вівторок.\n"
)
SPANS = segment(BODY, "uk")  # 12 sentences
TIMEOUT = 20.0  # seconds for any one request, even in a burst
PROBE_LIMIT = 1.0  # seconds it may take
ROUNDS = 3


def together(api_url: str, calls: list[Call], probe: bool = False) -> Burst:
    """Send ``calls`` at once (``scripts/reliability.py``'s burst); every one must be answered."""
    burst = reliability.together(api_url, calls, probe)
    failed = [r for r in burst.replies if not isinstance(r, httpx.Response)]
    assert not failed, f"{len(failed)} of {len(calls)} requests got no answer: {failed[0]!r}"
    return burst


def statuses(replies: list[httpx.Response]) -> dict[int, int]:
    """How many replies had each status, for messages."""
    return dict(sorted(Counter(r.status_code for r in replies).items()))


def check_answered(reply: httpx.Response, ok: int) -> None:
    """``reply`` is ``ok``, or 503 JSON asking to retry; never a 500 nor a non-JSON body."""
    assert reply.headers.get("content-type", "").startswith("application/json"), reply.text
    if reply.status_code == 503:
        assert reply.headers.get("retry-after", "").isdigit(), reply.headers
        assert set(reply.json()) == {"error"}, reply.text
    else:
        assert reply.status_code == ok, reply.text


def check_probe(burst: Burst) -> None:
    assert burst.probe_seconds < PROBE_LIMIT, (
        f"GET /languages took {burst.probe_seconds:.2f} s during the burst"
    )
    assert burst.probe_overlapped, "the burst was over before the probe: nothing was measured"


def parallel(api_url: str, slug: str) -> list[dict]:
    reply = httpx.get(f"{api_url}/v1/articles/{slug}/parallel/en", timeout=TIMEOUT)
    assert reply.status_code == 200, reply.text
    return list(reply.json())


def served_bodies(api_url: str, slug: str) -> tuple[str, str]:
    """The en body as ``/versions/en`` and as ``?lang=en`` serve it."""
    version = httpx.get(f"{api_url}/v1/articles/{slug}/versions/en", timeout=TIMEOUT)
    view = httpx.get(f"{api_url}/v1/articles/{slug}", params={"lang": "en"}, timeout=TIMEOUT)
    assert (version.status_code, view.status_code) == (200, 200), (version.text, view.text)
    return version.json()["body"], view.json()["body"]


def total(api_url: str) -> int:
    reply = httpx.get(f"{api_url}/v1/articles", timeout=TIMEOUT)
    assert reply.status_code == 200, reply.text
    return int(reply.json()["total"])


def edit(slug: str, position: int, text: str, row_version: int) -> Call:
    path = f"/v1/articles/{slug}/segments/{position}/en"
    return Call("PATCH", path, {"text": text, "row_version": row_version})


def test_same_segment_race_has_one_winner(api_url: str) -> None:
    """SQLite let several of 20 edits with the same row_version win (point 1)."""
    slug = create(api_url, title=TITLE, body=BODY)["slug"]
    row_version = parallel(api_url, slug)[0]["row_version"]
    for round_ in range(ROUNDS):
        texts = [f"Round {round_}, editor {n}: the Rada met." for n in range(20)]
        replies = together(api_url, [edit(slug, 0, text, row_version) for text in texts]).replies
        assert statuses(replies) == {200: 1, 409: 19}, f"round {round_}: {statuses(replies)}"
        (won,) = [n for n, reply in enumerate(replies) if reply.status_code == 200]
        winner = replies[won].json()
        assert (winner["target"], winner["status"]) == (texts[won], "edited")
        for reply in replies:
            if reply.status_code == 409:
                conflict = reply.json()
                assert set(conflict) == {"error", "current"}, conflict
                assert conflict["current"]["position"] == 0
        stored = parallel(api_url, slug)
        assert (stored[0]["target"], stored[0]["row_version"]) == (
            texts[won],
            winner["row_version"],
        )
        targets = [p["target"] for p in stored]
        assert served_bodies(api_url, slug) == (reassemble(BODY, SPANS, targets),) * 2
        row_version = winner["row_version"]


def test_stale_edit_never_lands_on_another_sentence(api_url: str) -> None:
    """A PATCH of position 0 with the row_version read before a sentence was inserted at the
    top overwrote and approved the new sentence (point 2)."""
    slug = create(api_url, title=TITLE, body=BODY)["slug"]
    before = parallel(api_url, slug)
    inserted = "Спікер відкрив сесію."
    reply = httpx.put(
        f"{api_url}/v1/articles/{slug}", json={"body": f"{inserted} {BODY}"}, timeout=TIMEOUT
    )
    assert reply.status_code == 200, reply.text
    stale = {"text": "The Rada met.", "status": "approved", "row_version": before[0]["row_version"]}
    reply = httpx.patch(f"{api_url}/v1/articles/{slug}/segments/0/en", json=stale, timeout=TIMEOUT)
    assert reply.status_code == 409, reply.text
    current = reply.json()["current"]
    assert (current["position"], current["source"], current["status"]) == (0, inserted, "machine")
    assert current["target"] == current["machine"]
    after = parallel(api_url, slug)
    assert [(p["source"], p["target"], p["status"]) for p in after] == [
        (inserted, current["machine"], "machine"),
        *[(p["source"], p["target"], "machine") for p in before],
    ]


def test_edits_of_different_segments_all_reach_the_body(api_url: str) -> None:
    """On PostgreSQL the served body showed only 4-8 of 10 concurrent edits (point 3)."""
    slug = create(api_url, title=TITLE, body=BODY)["slug"]
    for round_ in range(ROUNDS):
        pairs = parallel(api_url, slug)[:10]
        texts = [f"Round {round_}: sentence {p['position']} reviewed." for p in pairs]
        calls = [
            edit(slug, p["position"], t, p["row_version"])
            for p, t in zip(pairs, texts, strict=True)
        ]
        replies = together(api_url, calls).replies
        assert statuses(replies) == {200: 10}, f"round {round_}: {statuses(replies)}"
        targets = [p["target"] for p in parallel(api_url, slug)]
        assert targets[:10] == texts
        expected = reassemble(BODY, SPANS, targets)
        version, view = served_bodies(api_url, slug)
        kept = sum(text in version for text in texts)
        assert version == expected, f"round {round_}: the body has {kept} of the 10 edits"
        assert view == expected


def test_idempotency_key_replays_the_first_post(api_url: str) -> None:
    """A retried POST made a second copy of the article (point 4)."""
    url = f"{api_url}/v1/articles"
    article = {"title": TITLE, "body": BODY, "targets": ["en"]}
    key = {"Idempotency-Key": "post-7f3a"}
    first = httpx.post(url, json=article, headers=key, timeout=TIMEOUT)
    again = httpx.post(url, json=article, headers=key, timeout=TIMEOUT)
    assert (first.status_code, again.status_code) == (201, 201), again.text
    assert (again.json()["id"], again.json()["slug"]) == (first.json()["id"], first.json()["slug"])
    assert total(api_url) == 1
    other = httpx.post(url, json={**article, "title": "Інше"}, headers=key, timeout=TIMEOUT)
    assert other.status_code == 409, other.text
    assert set(other.json()) == {"error"}, other.text
    assert total(api_url) == 1
    plain = [httpx.post(url, json=article, timeout=TIMEOUT) for _ in range(2)]
    assert [r.status_code for r in plain] == [201, 201]
    slug = first.json()["slug"]
    assert [r.json()["slug"] for r in plain] == [f"{slug}-2", f"{slug}-3"]
    assert total(api_url) == 3


def test_concurrent_posts_with_one_idempotency_key_store_one_article(api_url: str) -> None:
    """Eight overlapping retries of one POST store it once and all answer with it (point 4)."""
    article = {"title": TITLE, "body": BODY, "targets": ["en"]}
    call = Call("POST", "/v1/articles", article, {"Idempotency-Key": "burst-51c2"})
    replies = together(api_url, [call] * 8).replies
    assert statuses(replies) == {201: 8}, [r.text for r in replies if r.status_code != 201]
    assert len({(r.json()["id"], r.json()["slug"]) for r in replies}) == 1
    assert total(api_url) == 1


def translate(n: int) -> Call:
    return Call(
        "POST", "/translate", {"q": f"Речення {n} про засідання.", "source": "uk", "target": "en"}
    )


def test_translate_burst_neither_stalls_nor_fails(api_url: str) -> None:
    """17 concurrent /translate froze the server for about 60 s and two got 500 (point 5).
    One request first loads the model, so that the probe measures the burst alone."""
    warm = httpx.post(f"{api_url}/translate", json=translate(0).json, timeout=TIMEOUT)
    assert warm.status_code == 200, warm.text
    burst = together(api_url, [translate(n) for n in range(40)], probe=True)
    for n, reply in enumerate(burst.replies):
        check_answered(reply, 200)
        if reply.status_code == 200:
            assert reply.json() == {"translatedText": f"Речення {n} про засідання."}
    assert 200 in statuses(burst.replies), statuses(burst.replies)
    check_probe(burst)


def test_mixed_burst_neither_stalls_nor_fails(api_url: str) -> None:
    """/translate, article POSTs and review PATCHes at once: each is answered or asked to retry,
    and what was acknowledged is stored (point 5)."""
    slug = create(api_url, title=TITLE, body=BODY)["slug"]
    pairs = parallel(api_url, slug)
    texts = [f"Burst: sentence {p['position']} reviewed." for p in pairs]
    edits = [
        edit(slug, p["position"], t, p["row_version"]) for p, t in zip(pairs, texts, strict=True)
    ]
    posts = [
        Call("POST", "/v1/articles", {"title": f"{TITLE} {n}", "body": BODY, "targets": ["en"]})
        for n in range(8)
    ]
    translations = [translate(n) for n in range(20)]
    burst = together(api_url, [*edits, *posts, *translations], probe=True)
    edited = burst.replies[: len(edits)]
    posted = burst.replies[len(edits) : len(edits) + len(posts)]
    translated = burst.replies[len(edits) + len(posts) :]
    for group, ok in ((edited, 200), (posted, 201), (translated, 200)):
        for reply in group:
            check_answered(reply, ok)
        assert ok in statuses(group), statuses(group)
    check_probe(burst)
    stored = [p["target"] for p in parallel(api_url, slug)]
    for n, reply in enumerate(edited):
        assert stored[n] == (texts[n] if reply.status_code == 200 else pairs[n]["target"])
    assert served_bodies(api_url, slug) == (reassemble(BODY, SPANS, stored),) * 2
    assert total(api_url) == 1 + sum(r.status_code == 201 for r in posted)
