"""The review pages without JavaScript, as plain HTML forms over real HTTP, on SQLite and
PostgreSQL: list, open, save, approve all unflagged, revert, approve, publish, a conflict
that keeps the reviewer's text, escaping, the Content-Security-Policy and the CSRF check."""

import re
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session, select

from tests.conftest import Invoke
from translator.glossary import library
from translator.glossary.enforce import TermHit, TermReport, TermSpan
from translator.store.db import get_engine
from translator.store.models import Article, Segment, SegmentTranslation

TITLE = "Бюджет"
# With the copy model: sentence 1 keeps Cyrillic (flagged), 2 and 3 come out clean.
BODY = "Верховна Рада ухвалила бюджет. Верховна Рада.\n\nKyiv.\n"
PAGE = "/review/budget/en"
SCRIPT = '<script src="/static/review.js" defer>'  # the only script, from this origin


def create_budget(api_url: str) -> None:
    """The article the tests review: ``budget``, uk with an en version."""
    article = {"title": TITLE, "body": BODY, "targets": ["en"], "slug": "budget"}
    reply = httpx.post(f"{api_url}/v1/articles", json=article | {"source_lang": "uk"}, timeout=60)
    assert reply.status_code == 201, reply.text


@pytest.fixture
def client(api_url: str) -> httpx.Client:
    create_budget(api_url)
    with httpx.Client(base_url=api_url) as client:
        yield client


def token(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def row_version(html: str, position: int) -> int:
    form = html.split(f'action="{PAGE}/segments/{position}"', 1)[1]
    return int(re.search(r'name="row_version" value="(\d+)"', form).group(1))  # type: ignore[union-attr]


def post(client: httpx.Client, path: str, **fields: object) -> httpx.Response:
    """A form POST with the page's CSRF token, redirects followed."""
    html = client.get(PAGE).text
    return client.post(path, data={"csrf": token(html), **fields}, follow_redirects=True)


def save(client: httpx.Client, position: int, text: str, action: str = "save") -> httpx.Response:
    html = client.get(PAGE).text
    seen = client.get("/v1/articles/budget/parallel/en").json()[position]["target"]
    return client.post(
        f"{PAGE}/segments/{position}",
        data={
            "csrf": token(html),
            "row_version": row_version(html, position),
            "text": text,
            "seen": seen,
            "action": action,
        },
        follow_redirects=True,
    )


def statuses(client: httpx.Client) -> list[tuple[str, str]]:
    return [
        (p["status"], p["target"]) for p in client.get("/v1/articles/budget/parallel/en").json()
    ]


def live(html: str) -> str:
    return re.search(r'aria-live="polite" id="live" class="live">([^<]*)<', html).group(1)  # type: ignore[union-attr]


def test_list_open_and_the_whole_review_flow(client: httpx.Client) -> None:
    listing = client.get("/review")
    assert listing.status_code == 200
    assert f'<a href="{PAGE}">uk → en</a>' in listing.text
    assert "<td>3</td><td>3</td><td>1</td><td>0</td>" in listing.text  # segments, to do, flagged
    assert "1 articles." in client.get("/review", params={"q": "Бюджет", "lang": "en"}).text
    assert "0 articles." in client.get("/review", params={"status": "published"}).text

    page = client.get(PAGE).text
    assert '<td lang="uk" class="source">' in page and '<td lang="en" class="target">' in page
    assert (
        '<mark class="term" tabindex="0" title="Верховна Рада → Verkhovna Rada">'
        "Verkhovna Rada</mark> ухвалила бюджет."
    ) in page
    assert '<span class="badge">Untranslated Cyrillic</span>' in page
    assert "2 of 3 segments are not approved yet" not in page
    assert (
        '<button type="submit" disabled aria-describedby="publish-reason">Publish</button>' in page
    )

    bulk = post(client, f"{PAGE}/approve-unflagged")
    assert live(bulk.text) == "Approved 2 segments; 1 flagged segments left to review."
    assert [s for s, _ in statuses(client)] == ["machine", "approved", "approved"]
    assert "1 of 3 segments are not approved yet." in bulk.text

    saved = save(client, 0, "The Verkhovna Rada passed the budget.")
    assert str(saved.url).endswith(f"{PAGE}?show=all&done=saved&at=0#segment-0")
    assert live(saved.text) == "Segment 1 saved."
    assert statuses(client)[0] == ("edited", "The Verkhovna Rada passed the budget.")
    assert (
        "<ins>The </ins>Verkhovna Rada <del>ухвалила</del><ins>passed</ins> "
        "<del>бюджет</del><ins>the budget</ins>.</p>"
    ) in saved.text.replace("\n", "")

    reverted = save(client, 0, "ignored", action="revert")
    assert live(reverted.text) == "Segment 1 reverted to the machine translation."
    assert statuses(client)[0] == ("edited", "Verkhovna Rada ухвалила бюджет.")

    approved = save(client, 0, "The Verkhovna Rada passed the budget.", action="approve")
    assert live(approved.text) == "Segment 1 approved."
    assert [s for s, _ in statuses(client)] == ["approved"] * 3
    assert '<button type="submit">Publish</button>' in approved.text

    published = post(client, f"{PAGE}/publish")
    assert live(published.text) == "The version is published."
    assert client.get("/v1/articles/budget/versions/en").json()["status"] == "published"
    assert "This version is published." in client.get(PAGE).text


def test_filters(client: httpx.Client) -> None:
    flagged = client.get(PAGE, params={"show": "flagged"}).text
    assert re.findall(r'<tr id="segment-(\d+)"', flagged) == ["0"]
    assert 'aria-current="page">Flagged (1)</a>' in flagged
    assert (
        re.findall(r'<tr id="segment-(\d+)"', client.get(PAGE, params={"show": "missing"}).text)
        == []
    )
    approved = save(client, 1, "Verkhovna Rada.", action="approve")  # lands on the next to do
    assert str(approved.url).endswith(f"{PAGE}?show=all&done=approved&at=1#segment-2")
    post(client, f"{PAGE}/approve-unflagged")
    unreviewed = client.get(PAGE, params={"show": "unreviewed"}).text
    assert re.findall(r'<tr id="segment-(\d+)"', unreviewed) == ["0"]


def test_a_lost_save_keeps_the_reviewers_text(client: httpx.Client) -> None:
    html = client.get(PAGE).text
    fields = {"csrf": token(html), "row_version": row_version(html, 2), "action": "save"}
    first = client.post(f"{PAGE}/segments/2", data=fields | {"text": "Kyiv city.", "seen": "Kyiv."})
    assert first.status_code == 303
    lost = client.post(f"{PAGE}/segments/2", data=fields | {"text": "Kyiv town.", "seen": "Kyiv."})
    assert lost.status_code == 409
    assert '<p lang="en" class="theirs">Kyiv city.</p>' in lost.text
    assert 'class="mine">Kyiv town.</textarea>' in lost.text
    assert '<p lang="en" class="machine">Kyiv.</p>' in lost.text
    assert statuses(client)[2] == ("edited", "Kyiv city.")

    current = int(re.search(r'name="row_version" value="(\d+)"', lost.text).group(1))  # type: ignore[union-attr]
    mine = client.post(
        f"{PAGE}/segments/2",
        data={
            "csrf": token(lost.text),
            "row_version": current,
            "text": "Kyiv town.",
            "seen": "Kyiv city.",
            "action": "save",
        },
        follow_redirects=True,
    )
    assert live(mine.text) == "Segment 3 saved."
    assert statuses(client)[2] == ("edited", "Kyiv town.")


def test_article_text_is_escaped(api_url: str) -> None:
    evil = "<script>alert(1)</script>"
    body = "<img src=x onerror=alert(1)> Kyiv.\n"
    reply = httpx.post(
        f"{api_url}/v1/articles",
        json={"title": evil, "body": body, "targets": ["en"], "slug": "evil", "source_lang": "uk"},
        timeout=60,
    )
    assert reply.status_code == 201, reply.text
    with httpx.Client(base_url=api_url) as client:
        listing = client.get("/review").text
        assert '<th scope="row" lang="uk">&lt;script&gt;alert(1)&lt;/script&gt;</th>' in listing
        page = client.get("/review/evil/en").text
        assert "&lt;img src=x onerror=alert(1)&gt; Kyiv." in page
        assert re.findall(r"<script[^>]*>", listing + page) == [SCRIPT]
        assert "<img" not in listing + page
        html = page
        fields = {"csrf": token(html), "action": "save", "seen": "x"}
        form = html.split('action="/review/evil/en/segments/0"', 1)[1]
        version = int(re.search(r'name="row_version" value="(\d+)"', form).group(1))  # type: ignore[union-attr]
        edited = client.post(
            "/review/evil/en/segments/0",
            data=fields | {"row_version": version, "text": "<b onclick=alert(1)>Kyiv.</b>"},
            follow_redirects=True,
        ).text
        assert (
            "&lt;<del>img</del><ins>b</ins> <del>src=x onerror</del><ins>onclick</ins>"
            "=alert(1)&gt;<del> </del>Kyiv.<ins>&lt;/b&gt;</ins></p>"
        ) in edited
        assert "<b " not in edited


def test_security_headers_and_csrf(client: httpx.Client) -> None:
    page = client.get(PAGE)
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert re.findall(r"<script[^>]*>", page.text) == [SCRIPT]  # no inline script
    assert "style=" not in page.text and "<style" not in page.text
    cookie = page.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    html = page.text
    fields = {
        "row_version": row_version(html, 2),
        "text": "Hacked.",
        "seen": "Kyiv.",
        "action": "save",
    }
    assert client.post(f"{PAGE}/segments/2", data=fields).status_code == 403
    assert client.post(f"{PAGE}/segments/2", data=fields | {"csrf": "A" * 43}).status_code == 403
    assert client.post(f"{PAGE}/publish", data={}).status_code == 403
    assert statuses(client)[2] == ("machine", "Kyiv.")
    assert client.get("/static/review.css").status_code == 200


def test_stale_segments_are_marked(client: httpx.Client) -> None:
    edit = client.put(
        "/v1/articles/budget", json={"body": BODY.replace("Kyiv.", "Kyiv is big.")}, timeout=60
    )
    assert edit.status_code == 200, edit.text
    listing = client.get("/review").text
    assert '<span class="status status-stale">stale</span>' in listing
    assert "<td>3</td><td>3</td><td>2</td><td>1</td>" in listing  # "Kyiv is big." is unchanged
    stale = client.get(PAGE, params={"show": "stale"}).text
    assert re.findall(r'<tr id="segment-(\d+)"', stale) == ["2"]
    assert '<p class="stale" lang="en">Stale: the source sentence changed;' in stale
    assert '<p class="current">Kyiv is big.</p>' in stale


def test_stale_segments_show_the_old_and_new_source(client: httpx.Client) -> None:
    for body in ("Kyiv is <b>x</b>.", "Kyiv is big."):
        edit = client.put(
            "/v1/articles/budget", json={"body": BODY.replace("Kyiv.", body)}, timeout=60
        )
        assert edit.status_code == 200, edit.text
    assert client.get("/v1/articles/budget/parallel/en").json()[2]["previous_source"] == (
        "Kyiv is <b>x</b>."
    )
    stale = client.get(PAGE, params={"show": "stale"}).text
    assert (
        '<p class="diff source-change"><span class="diff-label" lang="en">Source changed:</span> '
        "Kyiv is <del>&lt;b&gt;x&lt;/b&gt;</del><ins>big</ins>.</p>"
    ) in stale
    assert "<b>" not in stale

    approved = save(client, 2, "Kyiv is big.", action="approve")
    assert live(approved.text) == "Segment 3 approved."
    assert "Source changed:" not in approved.text


def test_sign_in_with_an_api_key(client: httpx.Client, cli: Invoke) -> None:
    secret = cli("keys", "create", "newsroom").stdout.split("\t")[0]
    asked = client.get(PAGE)
    assert asked.status_code == 303
    assert asked.headers["location"] == "/review/sign-in?next=/review/budget/en"
    html = client.get(asked.headers["location"]).text
    assert '<input type="hidden" name="next" value="/review/budget/en">' in html
    fields = {"csrf": token(html), "next": PAGE}
    assert client.post(f"{PAGE}/publish", data={"csrf": token(html)}).status_code == 403

    wrong = client.post("/review/sign-in", data=fields | {"key": secret + "x"})
    assert wrong.status_code == 403
    assert "That key is not valid or was revoked." in wrong.text
    assert client.post("/review/sign-in", data={"key": secret, "next": PAGE}).status_code == 403

    signed = client.post("/review/sign-in", data=fields | {"key": secret})
    assert (signed.status_code, signed.headers["location"]) == (303, PAGE)
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and secret not in cookie
    assert "Secure" not in cookie.split("; ")  # plain HTTP to loopback
    assert client.get(PAGE).status_code == 200
    assert "1 articles." in client.get("/review").text
    elsewhere = httpx.post(
        f"{client.base_url}/review/sign-in",
        data=fields | {"key": secret},
        headers={"Host": "news.example", "Cookie": f"review_csrf={fields['csrf']}"},
    )
    assert "Secure" in elsewhere.headers["set-cookie"].split("; ")  # not loopback: Secure

    assert cli("keys", "revoke", secret[:8]).exit_code == 0
    assert client.get(PAGE).status_code == 303  # a revoked key's sessions end with it


def test_translation_memory_suggestions(client: httpx.Client) -> None:
    def create(slug: str, body: str) -> None:
        article = {"title": slug, "body": body, "targets": ["en"], "source_lang": "uk"}
        reply = client.post("/v1/articles", json=article | {"slug": slug}, timeout=60)
        assert reply.status_code == 201, reply.text

    def use(slug: str, html: str, text: str, seen: str, action: str) -> httpx.Response:
        fields = {"csrf": token(html), "seen": seen, "text": text, "action": action}
        version = re.search(r'name="row_version" value="(\d+)"', html).group(1)  # type: ignore[union-attr]
        return client.post(
            f"/review/{slug}/en/segments/0",
            data=fields | {"row_version": version},
            follow_redirects=True,
        )

    create("kyiv", "Kyiv is big.\n")
    first = client.get("/review/kyiv/en").text
    assert '<ul class="suggestions">' not in first
    approved = use("kyiv", first, "Kyiv is a big city.", "Kyiv is big.", "approve")
    assert live(approved.text) == "Segment 1 approved."

    create("kyiv-today", "Kyiv is big today.\n")
    page = client.get("/review/kyiv-today/en").text
    assert '<span class="score" lang="en">80 %</span>' in page
    assert (
        '<span class="tm-source" lang="uk">Kyiv is big<ins> today</ins>.</span>\n'
        '              → <span class="tm-target">Kyiv is a big city.</span>'
    ) in page
    suggestion = page.split('<ul class="suggestions">', 1)[1]
    used = use("kyiv-today", suggestion, "Kyiv is a big city.", "Kyiv is big today.", "save")
    assert live(used.text) == "Segment 1 saved."
    pairs = client.get("/v1/articles/kyiv-today/parallel/en").json()
    assert (pairs[0]["status"], pairs[0]["target"]) == ("edited", "Kyiv is a big city.")
    assert '<ul class="suggestions">' not in used.text  # the suggestion is the text now


def test_in_place_answers_in_json(client: httpx.Client) -> None:
    html = client.get(PAGE).text
    fields = {"csrf": token(html), "row_version": row_version(html, 2), "seen": "Kyiv."}
    json = {"Accept": "application/json"}

    def send(position: int, **data: object) -> httpx.Response:
        return client.post(f"{PAGE}/segments/{position}", data=fields | data, headers=json)

    saved = send(2, text="Kyiv city.", action="save")
    assert saved.status_code == 200
    assert saved.headers["content-security-policy"].startswith("default-src 'none'")
    answer = saved.json()
    assert {k: v for k, v in answer.items() if k != "page"} == {
        "position": 2,
        "done": "saved",
        "message": "Segment 3 saved.",
        "focus": 2,
        "conflict": "",
    }
    page = answer["page"]
    assert re.findall(r'<tr id="segment-(\d+)"', page) == ["2"]  # only the row acted on
    assert '<p class="current">Kyiv city.</p>' in page
    assert "Kyiv<ins> city</ins>.</p>" in page  # the diff against the machine output
    assert row_version(page, 2) > fields["row_version"]
    assert '<span class="status status-edited">edited</span>' in page
    assert 'aria-current="page">All (3)</a>' in page  # the counts are the whole version's

    lost = send(2, text="Kyiv town.", action="approve")
    assert lost.status_code == 409
    answer = lost.json()
    assert (answer["done"], answer["focus"]) == ("lost", 2)
    assert answer["message"] == (
        "Segment 3 was not saved: someone else changed it. Your text is kept: "
        "choose which text to keep."
    )
    assert '<p lang="en" class="theirs">Kyiv city.</p>' in answer["conflict"]
    assert 'class="mine">Kyiv town.</textarea>' in answer["conflict"]
    assert '<input type="hidden" name="action" value="approve">' in answer["conflict"]
    assert '<p class="current">Kyiv city.</p>' in answer["page"]  # the row as stored now
    assert statuses(client)[2] == ("edited", "Kyiv city.")

    fields["row_version"] = row_version(html, 1)
    approved = send(1, text="Verkhovna Rada.", seen="Verkhovna Rada.", action="approve").json()
    assert (approved["done"], approved["message"], approved["focus"]) == (
        "approved",
        "Segment 2 approved.",
        2,  # the next one not approved
    )
    empty = send(0, text="", row_version=row_version(html, 0), seen="x", action="save")
    assert (empty.status_code, empty.json()["done"]) == (422, "empty")
    refused = client.post(f"{PAGE}/segments/0", data={"text": "Hacked."}, headers=json)
    assert refused.status_code == 403
    assert refused.json() == {
        "error": "the form's security token is missing or stale; reload the page"
    }
    assert [s for s, _ in statuses(client)] == ["machine", "approved", "edited"]


# Names found beyond the glossary (kind "name" in the term report), set through the store as
# the pipeline would report them: Фастів came through as "Fastiv", Ярослава Жуковська was lost.
NAMES_SOURCE = "У Фастові привітали Ярославу Жуковську."
NAMES_TARGET = "In Fastiv they greeted Yaroslava."
NAMES_PAGE = "/review/names/en"
ADDED = "New translations will use it; this article is not translated again."


def name_hits() -> TermReport:
    """Фастів realised at "Fastiv", Ярослава Жуковська missing."""
    fastiv = NAMES_SOURCE.index("Фастові")
    person = NAMES_SOURCE.index("Ярославу Жуковську")
    found = [
        TermHit("Фастів", "Fastiv", fastiv, fastiv + 7, "Фастові", "name"),
        TermHit(
            "Ярослава Жуковська",
            "Yaroslava Zhukovska",
            person,
            person + 18,
            NAMES_SOURCE[person : person + 18],
            "name",
        ),
    ]
    start = NAMES_TARGET.index("Fastiv")
    realised = [TermSpan("Fastiv", start, start + 6, "name")]
    return TermReport(found=found, realised=realised, missing=[found[1]])


def create_with_names(client: httpx.Client, slug: str, glossary: str | None) -> None:
    """An article whose one sentence carries :func:`name_hits` in its term report."""
    article = {"title": slug, "body": NAMES_SOURCE + "\n", "targets": ["en"], "slug": slug}
    article |= {"source_lang": "uk", "glossary": glossary}
    reply = client.post("/v1/articles", json=article, timeout=60)
    assert reply.status_code == 201, reply.text
    with Session(get_engine()) as session:
        row = session.exec(
            select(SegmentTranslation)
            .join(Segment)
            .join(Article)
            .where(Article.slug == slug, Segment.position == 0)
        ).one()
        row.machine_text = row.current_text = NAMES_TARGET
        row.term_report = name_hits()
        session.add(row)
        session.commit()


def add_name(
    client: httpx.Client, source: str, target: str, json: bool = False, **fields: str
) -> httpx.Response:
    html = client.get(NAMES_PAGE).text
    data = {"csrf": token(html), "source": source, "target": target, "show": "all"} | fields
    headers = {"Accept": "application/json"} if json else {}
    return client.post(
        f"{NAMES_PAGE}/segments/0/glossary", data=data, headers=headers, follow_redirects=True
    )


def glossary_targets() -> dict[str, str]:
    return {e.source: e.target for e in library.by_name("ukraine-news", "uk", "en").entries}


def test_names_are_marked_and_added_to_the_glossary(client: httpx.Client, home: Path) -> None:
    create_with_names(client, "names", "default")
    page = client.get(NAMES_PAGE).text
    title = "name: Фастів → Fastiv (romanised; not in the glossary)"
    assert f'У <mark class="name" tabindex="0" title="{title}">Фастові</mark> привітали' in page
    assert f'In <mark class="name" tabindex="0" title="{title}">Fastiv</mark> they' in page
    lost = "Ярослава Жуковська → Yaroslava Zhukovska"
    assert (
        '<mark class="name missing" tabindex="0" title="Missing in the translation: name: '
        f'{lost} (romanised; not in the glossary)">Ярославу Жуковську</mark>'
        '<span class="visually-hidden" lang="en"> (name missing in the translation)</span>.'
    ) in page
    assert f'<li><mark class="name missing">name: {lost}</mark></li>' in page
    assert '<li><mark class="name">Name: romanised, not in the glossary</mark></li>' in page
    assert (
        '<p class="names-note" id="names-note">“Add to glossary” puts a name in the '
        f"ukraine-news glossary. {ADDED}</p>"
    ) in page
    assert re.findall(r'<input type="hidden" name="source" value="([^"]+)">', page) == [
        "Фастів",
        "Ярослава Жуковська",
    ]
    assert 'id="name-0-0" name="target" value="Fastiv"' in page
    assert (
        '<button type="submit">Add <span class="visually-hidden" lang="uk">Фастів </span>'
        "to glossary</button>"
    ) in page
    assert (
        'href="/review/budget/en?show=names">Names (0)</a>' in client.get("/review/budget/en").text
    )
    names = client.get(NAMES_PAGE, params={"show": "names"}).text
    assert 'aria-current="page">Names (1)</a>' in names
    assert re.findall(r'<tr id="segment-(\d+)"', names) == ["0"]
    shipped = len(library.by_name("ukraine-news", "uk", "en").entries)

    refused = client.post(
        f"{NAMES_PAGE}/segments/0/glossary", data={"source": "Фастів", "target": "Fastiv"}
    )
    assert refused.status_code == 403
    assert not (home / "glossaries" / "ukraine-news.uk-en.tsv").exists()

    added = add_name(client, "Фастів", "Fastiv")
    assert str(added.url).endswith(
        f"{NAMES_PAGE}?show=all&done=added&at=0&name=%D0%A4%D0%B0%D1%81%D1%82%D1%96%D0%B2#segment-0"
    )
    assert live(added.text) == f"Added Фастів → Fastiv to ukraine-news. {ADDED}"
    assert glossary_targets()["Фастів"] == "Fastiv"
    copy = home / "glossaries" / "ukraine-news.uk-en.tsv"
    assert copy.read_text(encoding="utf-8").endswith("\nФастів\tFastiv\n")
    assert len(library.by_name("ukraine-news", "uk", "en").entries) == shipped + 1
    assert (
        '<span lang="uk">Фастів</span> → Fastiv <span class="in-glossary">(in ukraine-news)</span>'
    ) in added.text
    assert re.findall(r'name="source" value="([^"]+)"', added.text) == ["Ярослава Жуковська"]
    assert '<p class="current">In <mark class="name"' in added.text  # not translated again

    again = add_name(client, "Фастів", "Fastov")
    assert again.status_code == 422
    assert live(again.text) == "Not added: «Фастів» is already in ukraine-news (→ Fastiv)."
    assert glossary_targets()["Фастів"] == "Fastiv"

    edited = add_name(client, "Ярослава Жуковська", " Iaroslava  Zhukovska ", json=True)
    assert edited.status_code == 200
    answer = edited.json()
    message = f"Added Ярослава Жуковська → Iaroslava Zhukovska to ukraine-news. {ADDED}"
    assert (answer["done"], answer["message"], answer["focus"]) == ("added", message, 0)
    assert (
        '→ Iaroslava Zhukovska <span class="in-glossary">(in ukraine-news)</span>' in answer["page"]
    )
    assert 'name="source"' not in answer["page"]
    assert glossary_targets()["Ярослава Жуковська"] == "Iaroslava Zhukovska"

    twice = add_name(client, "Ярослава Жуковська", "Yaroslava Zhukovska", json=True)
    assert (twice.status_code, twice.json()["done"]) == (422, "refused")
    assert twice.json()["message"] == (
        "Not added: «Ярослава Жуковська» is already in ukraine-news (→ Iaroslava Zhukovska)."
    )
    empty = add_name(client, "Згурівка", "Zghurivka")
    assert empty.status_code == 400
    assert empty.json() == {"error": "«Згурівка» is not a name found in sentence 1"}
    assert len(library.by_name("ukraine-news", "uk", "en").entries) == shipped + 2


def test_names_without_a_glossary_are_listed_not_offered(client: httpx.Client) -> None:
    create_with_names(client, "names", None)
    page = client.get(NAMES_PAGE).text
    assert '<mark class="name" tabindex="0"' in page
    note = (
        "This article is translated without a glossary, so names cannot be added to one from here."
    )
    assert f'<p class="names-note" id="names-note">{note}</p>' in page
    assert (
        '<span lang="uk">Фастів</span> → Fastiv <span class="in-glossary">(romanised)</span>'
    ) in page
    assert 'class="add-name"' not in page
    crafted = add_name(client, "Фастів", "Fastiv")
    assert crafted.status_code == 422
    assert live(crafted.text) == f"Not added: {note}"
    assert "Фастів" not in glossary_targets()
