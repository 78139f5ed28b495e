"""Plain-text tables that fit a terminal: the last column wraps instead of running off the edge."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

WIDTH = 100
GAP = "  "
MIN_LAST = 24  # below this the last column is unreadable; let the line run long instead


def table(header: Sequence[str], rows: Sequence[Sequence[str]], width: int = WIDTH) -> str:
    """Columns padded to their widest cell; the last one wraps so no line exceeds ``width``."""
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    indent = sum(widths[:-1]) + len(GAP) * (len(widths) - 1)  # where the last column starts
    last = max(MIN_LAST, min(widths[-1], width - indent))
    widths[-1] = min(widths[-1], last)
    lines = [_line(cells[0], widths), GAP.join("-" * w for w in widths)]
    for row in cells[1:]:
        wrapped = textwrap.wrap(row[-1], last, break_on_hyphens=False) or [""]
        lines.append(_line([*row[:-1], wrapped[0]], widths))
        lines.extend(" " * indent + more for more in wrapped[1:])
    return "\n".join(lines)


def _line(row: Sequence[str], widths: Sequence[int]) -> str:
    return GAP.join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
