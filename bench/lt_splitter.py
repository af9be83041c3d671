"""A MiniSBD sentence splitter for LibreTranslate's side of ``bench/serve.py`` (bench only).

LibreTranslate 1.9 translates through ``argos-translate-lt``, whose only sentence splitter is
MiniSBD: ``MiniSBDSentencizer`` loads the first ``*.onnx`` in the package's ``minisbd/`` folder,
else downloads ``<code>.onnx`` from MiniSBD's releases (no network here). A MiniSBD model is an
ONNX graph from ``units`` (int64 [batch, chars]: character ids) and ``features`` (float32
[batch, chars, features]) to per-character class scores (float32 [batch, chars, 5]: 0 inside a
token, 1 token end, 2 sentence end, 3/4 the same with a multi-word token), with its character
vocabulary and settings in the model's metadata (``config``, ``vocab``, ``lexicon``).

The trained Ukrainian model cannot be fetched, so :func:`build` writes a rule-based one in that
format: a character ends a token before a space (or the end), and ends a sentence when it is
``. ! ? …`` (or a closing ``» " ” )`` right after one) followed by a space and then not by a
lower-case letter (``т. зв.`` stays whole).
Run with LibreTranslate's venv (it needs ``onnx`` and ``minisbd``)::

    python bench/lt_splitter.py build OUT.onnx
    python bench/lt_splitter.py count MODEL.onnx TEXTS.json   # sentence count of each text
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TERMINALS = ".!?…"
CLOSERS = '»"”)'
LOWER = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёыэъ" + "abcdefghijklmnopqrstuvwxyz"
VOCAB = ["<PAD>", "<UNK>", " ", *TERMINALS, *CLOSERS, *LOWER]  # any other character is <UNK>
CONFIG = {"feat_funcs": ["space_before"], "batch_size": 32, "use_dictionary": False}
OPSET = 17
IR_VERSION = 8  # read by every onnxruntime that minisbd supports


def _table(name: str, chars: str, pad: float) -> object:
    """A float vector over :data:`VOCAB`: 1 for ``chars``, ``pad`` for <PAD>, else 0."""
    from onnx import TensorProto, helper

    values = [pad if unit == "<PAD>" else float(unit in chars) for unit in VOCAB]
    return helper.make_tensor(name, TensorProto.FLOAT, [len(VOCAB)], values)


def build(out: Path) -> None:
    """Write the rule-based MiniSBD model to ``out``."""
    import onnx
    from onnx import TensorProto, helper

    def ints(name: str, values: list[int]) -> object:
        return helper.make_tensor(name, TensorProto.INT64, [len(values)], values)

    def scalar(name: str, value: float) -> object:
        return helper.make_tensor(name, TensorProto.FLOAT, [], [value])

    node = helper.make_node
    nodes = [
        node("Gather", ["terminal", "units"], ["term"]),
        node("Gather", ["blank", "units"], ["is_blank"]),
        node("Gather", ["lower", "units"], ["is_lower"]),
        node("Gather", ["closer", "units"], ["is_closer"]),
        # a closing quote or bracket right after a terminal ends what the terminal ends
        node("Slice", ["term", "zero", "minus_one", "axis1"], ["term_before_cut"]),
        node("Pad", ["term_before_cut", "pad_first", "zero_f"], ["term_before"]),
        node("Mul", ["is_closer", "term_before"], ["closes"]),
        node("Add", ["term", "closes"], ["ender"]),
        # next character blank (a space or the padding after the text): a token ends here
        node("Slice", ["is_blank", "one", "end", "axis1"], ["blank_after"]),
        node("Pad", ["blank_after", "pad_one", "one_f"], ["word_end"]),
        # the character after next lower-case: no sentence end (abbreviations: "т. зв.")
        node("Slice", ["is_lower", "two", "end", "axis1"], ["lower_after"]),
        node("Pad", ["lower_after", "pad_two", "zero_f"], ["lower_next"]),
        node("Sub", ["one_f", "lower_next"], ["upper_next"]),
        node("Mul", ["ender", "word_end"], ["term_end"]),
        node("Mul", ["term_end", "upper_next"], ["sentence_end"]),
        node("Mul", ["sentence_end", "two_f"], ["class2"]),
        node("Shape", ["term"], ["shape"]),
        node("Expand", ["half_f", "shape"], ["class0"]),
        node("Expand", ["minus_f", "shape"], ["class_mwt"]),
        *(
            node("Unsqueeze", [name, "last"], [f"{name}_3d"])
            for name in ("class0", "word_end", "class2", "class_mwt")
        ),
        node(
            "Concat",
            ["class0_3d", "word_end_3d", "class2_3d", "class_mwt_3d", "class_mwt_3d"],
            ["scores"],
            axis=2,
        ),
    ]
    constants = [
        _table("terminal", TERMINALS, 0.0),
        _table("blank", " ", 1.0),
        _table("lower", LOWER, 0.0),
        _table("closer", CLOSERS, 0.0),
        ints("zero", [0]),
        ints("minus_one", [-1]),
        ints("one", [1]),
        ints("two", [2]),
        ints("end", [2**62]),
        ints("axis1", [1]),
        ints("last", [-1]),
        ints("pad_first", [0, 1, 0, 0]),
        ints("pad_one", [0, 0, 0, 1]),
        ints("pad_two", [0, 0, 0, 2]),
        scalar("one_f", 1.0),
        scalar("zero_f", 0.0),
        scalar("two_f", 2.0),
        scalar("half_f", 0.5),
        scalar("minus_f", -1.0),
    ]
    graph = helper.make_graph(
        nodes,
        "rule_sbd",
        [
            helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "chars"]),
            helper.make_tensor_value_info(
                "features", TensorProto.FLOAT, ["batch", "chars", len(CONFIG["feat_funcs"])]
            ),
        ],
        [helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["batch", "chars", 5])],
        initializer=constants,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = IR_VERSION
    vocab = {
        "lang": "uk",
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_unit2id": {unit: index for index, unit in enumerate(VOCAB)},
        "_id2unit": VOCAB,
    }
    metadata = {
        "lang_code": "uk",
        "config": json.dumps(CONFIG),
        "vocab": json.dumps(vocab, ensure_ascii=False),
        "lexicon": "null",
    }
    helper.set_model_props(model, metadata)
    onnx.checker.check_model(model)
    out.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(out))


def count(model: Path, texts: Path) -> list[int]:
    """How many sentences MiniSBD (as LibreTranslate runs it) finds in each text of ``texts``."""
    from minisbd import SBDetect

    detector = SBDetect(str(model), use_gpu=False)
    items: list[str] = json.loads(texts.read_text(encoding="utf-8"))
    return [len(detector.sentences(text)) for text in items]


def main(argv: list[str]) -> None:
    match argv:
        case ["build", out]:
            build(Path(out))
        case ["count", model, texts]:
            print(json.dumps(count(Path(model), Path(texts))))
        case _:
            raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
