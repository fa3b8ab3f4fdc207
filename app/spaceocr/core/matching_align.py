"""The exact span of a value inside a window of a page's view: a semi-global alignment.

rapidfuzz proposes the windows; this small edit-distance alignment (free ends in the window,
unit costs) gives the span and the number of value characters located in it.
"""

from __future__ import annotations

import logging

__all__ = ["align"]

logger = logging.getLogger(__name__)


def align(v: str, w: str) -> tuple[int, int, int, int, tuple[int, ...]] | None:
    """Best substring of ``w`` for ``v`` (free ends in ``w``; unit costs).

    Returns (start, end, matches, inserted, matched positions in w) or None when nothing of
    ``v`` is in ``w``.
    """
    m, n = len(v), len(w)
    if m == 0 or n == 0:
        return None
    inf = m + n + 1
    # cost rows; back[i][j]: 0 diag, 1 up (value char missing), 2 left (extra page char)
    prev = [0] * (n + 1)
    back: list[bytearray] = [bytearray(n + 1)]
    for i in range(1, m + 1):
        vi = v[i - 1]
        cur = [inf] * (n + 1)
        b = bytearray(n + 1)
        cur[0] = i
        b[0] = 1
        for j in range(1, n + 1):
            d = prev[j - 1] + (0 if vi == w[j - 1] else 1)
            u = prev[j] + 1
            left = cur[j - 1] + 1
            if d <= u and d <= left:
                cur[j], b[j] = d, 0
            elif u <= left:
                cur[j], b[j] = u, 1
            else:
                cur[j], b[j] = left, 2
        back.append(b)
        prev = cur
    best = min(prev[1:])
    if best >= m:
        return None
    end = prev.index(best, 1)
    # a misread last character is a substitution, not a missing one: keep it in the span
    limit = min(n, end + 2)
    while end < limit and prev[end + 1] == best:
        end += 1
    i, j = m, end
    matches = inserted = 0
    matched: list[int] = []
    while i > 0:
        op = back[i][j] if j > 0 else 1
        if op == 0:
            if v[i - 1] == w[j - 1]:
                matches += 1
                matched.append(j - 1)
            i, j = i - 1, j - 1
        elif op == 1:
            i -= 1
        else:
            inserted += 1
            j -= 1
    if matches == 0:
        return None
    return j, end, matches, inserted, tuple(reversed(matched))
