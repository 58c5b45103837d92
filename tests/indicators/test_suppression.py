"""Small counts of persons are hidden, and so is enough of the rest of each published table that
no hidden count can be found by subtraction.

The hand-worked example: victims identified in one country in one year.

    total 27 | women 24, men 3 | children 5, adults 22

A naive rule hides only "men 3" (1 to 4 persons). Anyone can still subtract: 27 - 24 = 3.
Complementary suppression also hides the smallest other cell of the sex breakdown (women 24),
so the sex equation 27 = ? + ? has two unknowns. The age breakdown has no small count, and the
total stays visible, so nothing else needs hiding.
"""

import pytest

from indicators.selectors import BLANK, Hidden, display_value, suppress_table

TOTAL = BLANK
WOMEN = ("F", "", "", "", "")
MEN = ("M", "", "", "", "")
CHILDREN = ("", "child", "", "", "")
ADULTS = ("", "adult", "", "", "")
SEXUAL = ("", "", "sexual", "", "")
LABOUR = ("", "", "labour", "", "")
OTHER = ("", "", "other", "", "")

EXAMPLE = {TOTAL: 27, WOMEN: 24, MEN: 3, CHILDREN: 5, ADULTS: 22}


def naive(cells, threshold=5):
    return {key: Hidden.PRIMARY for key, value in cells.items() if 0 < value < threshold}


def derivable(cells, hidden):
    """The attacker: every breakdown that adds up to the total is an equation; repeatedly solve
    each equation with exactly one unknown. Returns the hidden cells recovered exactly."""
    equations = []
    for position in range(5):
        members = [k for k in cells if k[position] and sum(bool(v) for v in k) == 1]
        if members and sum(cells[k] for k in members) == cells.get(TOTAL):
            equations.append((TOTAL, members))
    known = {k: v for k, v in cells.items() if k not in hidden}
    recovered = {}
    progress = True
    while progress:
        progress = False
        for total, members in equations:
            unknown = [k for k in (total, *members) if k not in known]
            if len(unknown) != 1:
                continue
            (key,) = unknown
            if key == total:
                known[key] = sum(known[k] for k in members)
            else:
                known[key] = known[total] - sum(known[k] for k in members if k != key)
            recovered[key] = known[key]
            progress = True
    return recovered


def test_the_naive_rule_leaks_the_men_by_subtraction():
    assert derivable(EXAMPLE, naive(EXAMPLE)) == {MEN: 3}


def test_complementary_suppression_closes_the_leak():
    hidden = suppress_table(EXAMPLE)
    assert hidden == {MEN: Hidden.PRIMARY, WOMEN: Hidden.SECONDARY}
    assert derivable(EXAMPLE, hidden) == {}


def test_a_small_total_spreads_to_every_breakdown():
    cells = {TOTAL: 4, WOMEN: 4, MEN: 0, CHILDREN: 1, ADULTS: 3}
    hidden = suppress_table(cells)
    assert {TOTAL, WOMEN, CHILDREN, ADULTS} <= set(hidden)
    assert derivable(cells, hidden) == {}


def test_a_complement_hidden_in_one_breakdown_does_not_leak_through_another():
    # Two small counts in the forms of exploitation; the total is visible.
    cells = {TOTAL: 30, WOMEN: 20, MEN: 10, SEXUAL: 2, LABOUR: 25, OTHER: 3}
    hidden = suppress_table(cells)
    assert hidden == {SEXUAL: Hidden.PRIMARY, OTHER: Hidden.PRIMARY}
    assert derivable(cells, hidden) == {}


def test_a_single_small_form_takes_the_next_smallest_with_it():
    cells = {TOTAL: 30, SEXUAL: 2, LABOUR: 20, OTHER: 8}
    hidden = suppress_table(cells)
    assert hidden == {SEXUAL: Hidden.PRIMARY, OTHER: Hidden.SECONDARY}
    assert derivable(cells, hidden) == {}


def test_a_breakdown_that_does_not_add_up_cannot_be_subtracted_from():
    cells = {TOTAL: 30, CHILDREN: 3}  # adults not reported
    assert suppress_table(cells) == {CHILDREN: Hidden.PRIMARY}


def test_zero_is_not_a_small_count():
    assert suppress_table({TOTAL: 10, WOMEN: 10, MEN: 0}) == {}


@pytest.mark.parametrize("seed", range(200))
def test_no_generated_table_leaks(seed):
    import random

    rng = random.Random(seed)
    women, men, children = rng.randint(0, 9), rng.randint(0, 9), None
    total = women + men
    children = rng.randint(0, total)
    cells = {TOTAL: total, WOMEN: women, MEN: men, CHILDREN: children, ADULTS: total - children}
    hidden = suppress_table(cells)
    assert derivable(cells, hidden) == {}
    assert all(key in hidden for key, value in cells.items() if 0 < value < 5)


def test_suppression_is_configurable():
    assert suppress_table(EXAMPLE, enabled=False) == {}
    assert suppress_table(EXAMPLE, threshold=3) == {}
    assert suppress_table(EXAMPLE, threshold=10)[CHILDREN] == Hidden.PRIMARY


def test_how_hidden_cells_read():
    assert display_value(3, Hidden.PRIMARY, 5) == "< 5"
    assert display_value(24, Hidden.SECONDARY, 5) == "c"
    assert display_value(24, None, 5) == "24"
