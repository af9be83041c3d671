"""Name finding's cost in the pipeline, on the example articles: names on vs off.

Also on the names evaluation set as one text, where many names are found and injected.

Uses the realistic-size copy model of ``bench/engine.py`` (6+6 layers, d_model 512, 8 heads,
FFN 2048, 8k vocabulary, int8) and the shipped uk→en glossary in both runs. Prints one markdown
table: per article, the pipeline time with names off and on, the difference, the finder's own
time (``find_names`` on the article's sentences, warm and with its word caches emptied first),
and the names found.

    python bench/names.py [--repeat 5] [--keep]
"""

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.engine import EXAMPLES, install_packages, make_workspace, point_environment  # noqa: E402
from bench.glossary import best  # noqa: E402


def eval_set_text() -> str:
    """The evaluation set's sentences (``tests/data/names/eval.txt``, 306 names), one paragraph
    per document: a text with many names the glossary does not hold."""
    from tests.names_eval import load

    return "\n\n".join(
        " ".join(sentence.text for sentence in document.sentences) for document in load()
    )


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
        from translator.names import readings
        from translator.names.find import find_names
        from translator.pipeline import translate_documents
        from translator.segment import segment

        options = EngineOptions(beam_size=4, intra_threads=args.threads)
        rows = []
        documents = [(path.name, path.read_text(encoding="utf-8")) for path in EXAMPLES]
        documents.append(("names eval set, as one text", eval_set_text()))
        for label, text in documents:
            sentences = [span.text for span in segment(text, "uk")]

            def run(names: bool, text: str = text) -> object:
                return translate_documents([text], "en", "uk", options=options, names=names)

            def cold(sentences: list[str] = sentences) -> float:
                readings.readings.cache_clear()
                started = time.perf_counter()
                find_names(sentences)
                return time.perf_counter() - started

            off = best(lambda: run(False), args.repeat)
            on = best(lambda: run(True), args.repeat)
            find = best(lambda sentences=sentences: find_names(sentences), args.repeat)
            first = min(cold() for _ in range(args.repeat))
            (document,) = run(True)
            found = sum(
                hit.kind == "name" for segment_ in document.segments for hit in segment_.terms.found
            )
            rows.append((label, len(text), found, off, on, find, first))

        print(
            "| article | chars | names | pipeline, names off | names on | extra "
            "| find_names (warm) | find_names (cold word cache) | share |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for name, chars, found, off, on, find, first in rows:
            print(
                f"| {name} | {chars} | {found} | {off:.3f} s | {on:.3f} s "
                f"| {(on - off) / off:+.1%} "
                f"| {find * 1000:.1f} ms | {first * 1000:.1f} ms | {find / off:.2%} |"
            )
        shares = [find / off for *_, off, _, find, _ in rows]
        extras = [(on - off) / off for *_, off, on, _, _ in rows]
        print(
            f"\nfind_names share of pipeline time: median {statistics.median(shares):.2%}; "
            f"measured extra (names on vs off): median {statistics.median(extras):+.1%} "
            "(goal ≤ 5 %)"
        )
        print(
            f"model: bench copy model (6+6 layers, d_model 512, 8 heads, FFN 2048, 8k vocab, "
            f"int8), beam 4, {args.threads} threads; best of {args.repeat}; "
            "command: python bench/names.py"
        )
    finally:
        shutil.rmtree(ws.root, ignore_errors=True)


if __name__ == "__main__":
    main()
