"""rashomon.align: the figures that count as evidence that two statements give one fact."""

import numpy as np

from rashomon.align import AlignmentSettings, _figure_blocks, _figure_groups, figures


def test_a_figure_reads_the_same_however_written():
    assert figures("Netanyahu left his cabinet meeting to speak with Putin for 50 minutes.") == {"50 minute"}
    assert figures("engaged in a 50-minute telephone conversation") == {"50 minute"}
    assert figures("About 1,200 residents were moved out") == figures("roughly 1,200 people from the area")


def test_dates_ages_and_counts_of_one_or_two_are_not_figures():
    assert not figures("the Hamas attack on October 7 does not justify")
    assert not figures("a previous call on 17 October")
    assert not figures("a 59 - year - old woman was struck")
    assert not figures("One man was shot and killed, two touchdowns")
    assert not figures("a damning 2023 safety report")


def test_a_figure_group_adds_the_sentences_that_state_it_inside_another_fact():
    # units 0 and 1: one fact, stated with the figure by source a only; units 2 and 3: the
    # figure alone, in sources b and c; unit 4: unrelated
    sources = np.array(["a", "b", "b", "c", "c"])
    sim = np.array(
        [
            [2.0, 0.9, 0.6, 0.6, 0.1],
            [0.9, 2.0, 0.3, 0.3, 0.1],
            [0.6, 0.3, 2.0, 0.7, 0.1],
            [0.6, 0.3, 0.7, 2.0, 0.1],
            [0.1, 0.1, 0.1, 0.1, 2.0],
        ],
        dtype=np.float32,
    )
    figs = [frozenset({"50 minute"}), frozenset(), frozenset({"50 minute"}), frozenset({"50 minute"}), frozenset()]
    settings = AlignmentSettings()
    groups = _figure_groups([[0, 1], [2, 3], [4]], _figure_blocks(sim, figs, sources, settings), sources, settings)
    assert sorted(groups) == [[0, 1], [0, 2, 3], [4]]
