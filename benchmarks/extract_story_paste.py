"""Cross-validate the pasted-text extractor on two kinds of paste of the AEB dev pages.

    .venv/bin/python benchmarks/extract_story_paste.py [PATH]

"page": the whole page pasted (what `rashomon train extract` scores); "story": the same
paste cut to the story, from the line before its first story line (often the headline) to
its last story line, which is what a feed's text or a dev set's paragraphs look like. The
line classifier is fit per fold on whole pages only, as the shipped one is; each held-out
page is scored in both forms, with the shipped decision and with the decision before
``keep_story_runs``. About 2.5 minutes on 2 cores.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import numpy as np
from sklearn.model_selection import KFold

from rashomon.extract import keep_near_misses
from rashomon.extract.blocks import page_blocks, parse_html
from rashomon.extract.classifier import RunClassifier
from rashomon.extract.plaintext import line_features, split_lines
from rashomon.extract.training import Example, align_labels, keep_text, read_jsonl, render_as_pasted, score_pieces


def describe(text: str, gold: str) -> tuple[Example, list]:
    """Features and labels of a paste, as ``training.text_examples`` makes them."""
    lines = split_lines(text)
    pieces = [ln.text for ln in lines]
    labels = np.array(align_labels(pieces, gold)) >= 0.5
    return Example(line_features(lines, text), labels, pieces, gold), lines


def pastes(rows: list[dict], seed: int = 0) -> tuple[list[Example], list[Example]]:
    """Each page pasted whole (the same renderings, in the same order, as the training
    recipe's) and the same paste cut to the story."""
    rng = random.Random(seed)
    pages, stories = [], []
    for row in rows:
        rendered = render_as_pasted(page_blocks(parse_html(row["html"])), rng)
        page, lines = describe(rendered, row["gold"])
        pages.append(page)
        story = np.flatnonzero(page.labels)
        if len(story):
            first, last = max(int(story[0]) - 1, 0), int(story[-1])
            stories.append(describe(rendered[lines[first].start : lines[last].end] + "\n", row["gold"])[0])
        else:
            stories.append(page)
    return pages, stories


def before_runs(example: Example, proba: np.ndarray, threshold: float) -> np.ndarray:
    """The decision before sentences were let run on from the story."""
    pieces = list(example.pieces)
    return np.array(keep_near_misses(pieces, proba, list(proba >= threshold), threshold), dtype=bool)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/eval/extract_aeb_dev.jsonl.gz")
    pages, stories = pastes(list(read_jsonl(path)))
    keeps = {(kind, rule): [np.zeros(0, bool)] * len(pages) for kind in ("page", "story") for rule in ("before", "now")}
    for train_idx, test_idx in KFold(5, shuffle=True, random_state=0).split(np.arange(len(pages))):
        train = [pages[i] for i in train_idx if len(pages[i].labels)]
        model = RunClassifier(threshold=0.5, seed=0).fit([e.features for e in train], [e.labels for e in train])
        for i in test_idx:
            for kind, ex in (("page", pages[i]), ("story", stories[i])):
                if not len(ex.labels):
                    continue
                proba = model.predict_proba(ex.features)
                for rule, choose in (("before", before_runs), ("now", keep_text)):
                    keeps[(kind, rule)][i] = choose(ex, proba, 0.5)
    for kind, examples in (("page", pages), ("story", stories)):
        for rule in ("before", "now"):
            s = score_pieces(examples, keeps[(kind, rule)])
            print(f"{kind:5} {rule:6}  F1 {s['f1']:.4f}  P {s['precision']:.4f}  R {s['recall']:.4f}", flush=True)


if __name__ == "__main__":
    main()
