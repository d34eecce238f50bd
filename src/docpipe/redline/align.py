"""Which old block became which new block: a diff of keys, then pairing by likeness where they differ.

difflib finds the blocks whose keys are equal (unchanged). Between two runs of equal blocks, a
"replace" region holds old blocks that were changed or removed and new blocks that were changed or
added; there the pairing that keeps the order and maximises the summed likeness is chosen (a small
dynamic programme: the regions hold a handful of blocks). Pairs below ``LIKENESS`` are not pairs:
a removed risk and an added risk become a deletion and an insertion, not one rewritten row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

LIKENESS = 0.5
Pair = tuple[int | None, int | None]
"""(old index, new index): both for a kept or changed block, one of them for a deleted or inserted one."""


def aligned(old_keys: Sequence[str], new_keys: Sequence[str], likeness: Callable[[int, int], float], *,
            pair_single: bool = False) -> list[Pair]:
    """Every old and every new index once, in the order of both sequences; deletions before insertions.

    ``pair_single``: one block replaced by one block of its kind is a changed block however unlike
    (a cell's one paragraph rewritten reads better as a word diff than as a paragraph swapped).
    """
    pairs: list[Pair] = []
    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            pairs += zip(range(old_start, old_end), range(new_start, new_end), strict=True)
        elif pair_single and old_end - old_start == new_end - new_start == 1 and likeness(old_start, new_start) > 0:
            pairs.append((old_start, new_start))
        else:
            pairs += paired(range(old_start, old_end), range(new_start, new_end), likeness)
    return pairs


def paired(old: range, new: range, likeness: Callable[[int, int], float]) -> list[Pair]:
    """The order-keeping pairing of ``old`` with ``new`` indices of the highest summed likeness."""
    rows, columns = len(old), len(new)
    best = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    score = {(i, j): likeness(old[i], new[j]) for i in range(rows) for j in range(columns)}
    for i in range(rows - 1, -1, -1):
        for j in range(columns - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            if score[i, j] >= LIKENESS:
                options.append(score[i, j] + best[i + 1][j + 1])
            best[i][j] = max(options)
    pairs: list[Pair] = []
    i = j = 0
    while i < rows and j < columns:
        if score[i, j] >= LIKENESS and best[i][j] == score[i, j] + best[i + 1][j + 1]:
            pairs.append((old[i], new[j]))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            pairs.append((old[i], None))
            i += 1
        else:
            pairs.append((None, new[j]))
            j += 1
    pairs += [(old[k], None) for k in range(i, rows)]
    pairs += [(None, new[k]) for k in range(j, columns)]
    return pairs


def text_likeness(old: str, new: str) -> float:
    """How much of two texts is the same, word by word, 0 to 1."""
    matcher = SequenceMatcher(None, old.split(), new.split(), autojunk=False)
    if matcher.real_quick_ratio() < LIKENESS or matcher.quick_ratio() < LIKENESS:
        return matcher.quick_ratio()
    return matcher.ratio()
