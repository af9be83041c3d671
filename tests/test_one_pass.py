"""One pass from text to stored version: each step runs once per text or sentence, over real
HTTP against the real app (spies count the calls of the real functions; nothing is replaced)."""

from collections import Counter
from collections.abc import Callable
from functools import wraps
from typing import Any

import httpx
import pytest

from tests.conftest import UK_EN, Invoke
from translator import pipeline
from translator.glossary import library
from translator.models import installed
from translator.store import articles

TITLE = "Верховна Рада ухвалила бюджет"
BODY = (
    "Депутати Верховної Ради проголосували. Рішення підтримали 256 депутатів.\n"
    "\n"
    "Уряд подасть зміни.\n"
)
SENTENCES = [
    "Депутати Верховної Ради проголосували.",
    "Рішення підтримали 256 депутатів.",
    "Уряд подасть зміни.",
]


class Spy:
    """Counts the calls of a real function, by a key made from its arguments."""

    def __init__(
        self,
        monkeypatch: pytest.MonkeyPatch,
        owners: list[object],
        name: str,
        key: Callable[..., object],
    ) -> None:
        self.calls: Counter[object] = Counter()
        real = getattr(owners[0], name)

        @wraps(real)
        def spy(*args: Any, **kwargs: Any) -> Any:
            self.calls[key(*args, **kwargs)] += 1
            return real(*args, **kwargs)

        for owner in owners:  # every module that imported the function
            monkeypatch.setattr(owner, name, spy)


def test_an_article_passes_each_step_once(api_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    segmented = Spy(monkeypatch, [pipeline, articles], "segment", lambda text, lang: text)
    checked = Spy(monkeypatch, [pipeline], "run_checks", lambda unit: unit.source)
    terms = Spy(monkeypatch, [pipeline], "check", lambda translation, hits: translation)
    defaults = Spy(monkeypatch, [library], "default_for", lambda source, target: (source, target))
    reads = Spy(monkeypatch, [installed], "read_package", lambda path: path.name)

    reply = httpx.post(
        f"{api_url}/v1/articles", json={"title": TITLE, "body": BODY, "targets": ["en"]}
    )
    assert reply.status_code == 201, reply.text

    pairs = httpx.get(f"{api_url}/v1/articles/{reply.json()['slug']}/parallel/en").json()
    assert segmented.calls == Counter({BODY: 1, TITLE: 1})
    assert checked.calls == Counter({TITLE: 1, **dict.fromkeys(SENTENCES, 1)})
    with_terms = [t for t in (pairs[0], pairs[1], pairs[2]) if t["term_report"]["found"]]
    assert set(terms.calls.values()) == {1}
    assert len(terms.calls) == 1 + len(with_terms)  # the title's and each sentence's with a term
    assert defaults.calls == Counter({("uk", "en"): 1})
    assert reads.calls == Counter({"translate-uk_en": 1})  # once, after it was installed
    again = httpx.post(
        f"{api_url}/v1/articles", json={"title": "Інше", "body": BODY, "targets": ["en"]}
    )
    assert again.status_code == 201, again.text
    assert reads.calls == Counter({"translate-uk_en": 1})  # the folder did not change
    version = reply.json()["versions"][0]
    assert (version["glossary_name"], version["model_package"]) == (
        "ukraine-news",
        "translate-uk_en",
    )
    assert [p["source"] for p in pairs] == SENTENCES
    assert pairs[0]["term_report"]["found"][0]["target"] == "Verkhovna Rada"
    assert pairs[0]["qa_flags"] == ["script"] and "same" in pairs[1]["qa_flags"]


def test_installed_models_are_read_again_only_when_the_folder_changes(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("models", "install", str(UK_EN)).exit_code == 0
    reads = Spy(monkeypatch, [installed], "read_package", lambda path: path.name)
    first = installed.installed_models()
    assert installed.installed_models() == first
    assert reads.calls == Counter({"translate-uk_en": 1})
    assert cli("models", "remove", "uk", "en").exit_code == 0
    assert installed.installed_models() == []
