"""Glossary cost in the pipeline: a 10,000-entry glossary vs none, on the example articles.

Uses the realistic-size copy model of ``bench/engine.py`` (6+6 layers, d_model 512, 8 heads,
FFN 2048, 8k vocabulary, int8). Prints one markdown table: per article, the pipeline time
without a glossary and with the 10,000-entry glossary (index built once beforehand, as the
pipeline does), the glossary's share, and the matcher's own ``find()`` time; plus the one-off
index build time and the time to load it from the disk cache in a new process.

    python bench/glossary.py [--repeat 5] [--keep]
"""

import argparse
import pickle
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.engine import EXAMPLES, install_packages, make_workspace, point_environment  # noqa: E402

SIZE = 10_000


def big_glossary() -> "Glossary":  # noqa: F821 (imported lazily)
    """The shipped uk→en glossary topped up to 10,000 entries with adjective–noun terms."""
    from tests.test_glossary_match import synthetic_glossary
    from translator.glossary import library
    from translator.glossary.model import Glossary

    shipped = library.default_for("uk", "en")
    assert shipped is not None
    seen = {e.source for e in shipped.entries}
    extra = [e for e in synthetic_glossary().entries if e.source not in seen]
    entries = (*shipped.entries, *extra[: SIZE - len(shipped.entries)])
    return Glossary("bench-10k", "uk", "en", entries)


def best(action: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` runs after one warm-up."""
    action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the model in bench/.cache")
    args = parser.parse_args(argv)
    ws = make_workspace(args.keep)
    try:
        point_environment(ws, args.threads)
        install_packages(ws)
        from translator.engine.options import EngineOptions
        from translator.glossary.match import GlossaryIndex
        from translator.pipeline import translate_documents

        glossary = big_glossary()
        started = time.perf_counter()
        index = GlossaryIndex.build(glossary)
        build_seconds = time.perf_counter() - started
        blob = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
        load_seconds = best(lambda: pickle.loads(blob), args.repeat)
        options = EngineOptions(beam_size=4, intra_threads=args.threads)

        rows = []
        for path in EXAMPLES:
            text = path.read_text(encoding="utf-8")

            def run(choice: object, text: str = text) -> object:
                return translate_documents([text], "en", "uk", options=options, glossary=choice)

            plain = best(lambda: run(None), args.repeat)
            with_glossary = best(lambda: run(glossary), args.repeat)
            find = best(lambda text=text: index.find(text), args.repeat)
            matches = len(index.find(text))
            rows.append((path.name, len(text), matches, plain, with_glossary, find))

        print(
            f"| article | chars | matches | pipeline, no glossary | with {len(glossary.entries)}"
            "-entry glossary | extra | find() | find() share |"
        )
        print("|---|---|---|---|---|---|---|---|")
        for name, chars, matches, plain, with_glossary, find in rows:
            extra = (with_glossary - plain) / plain
            print(
                f"| {name} | {chars} | {matches} | {plain:.3f} s | {with_glossary:.3f} s "
                f"| {extra:+.1%} | {find * 1000:.1f} ms | {find / plain:.2%} |"
            )
        shares = [find / plain for *_, plain, _, find in rows]
        print(
            f"\nfind() share of pipeline time: median {statistics.median(shares):.2%} (goal ≤ 5 %)"
        )
        print(
            f"index build, once per glossary: {build_seconds:.2f} s; "
            f"load from the disk cache: {load_seconds * 1000:.0f} ms "
            f"({len(blob) / 1e6:.1f} MB)"
        )
        print(
            f"model: bench copy model (6+6 layers, d_model 512, 8 heads, FFN 2048, 8k vocab, "
            f"int8), beam 4, {args.threads} threads; best of {args.repeat}; "
            "command: python bench/glossary.py"
        )
    finally:
        shutil.rmtree(ws.root, ignore_errors=True)


if __name__ == "__main__":
    main()
