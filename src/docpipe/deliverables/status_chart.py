"""The status note's chart: progress by phase as horizontal stacked bars, one colour per status.

Drawn with matplotlib (a well-kept library that every reader's tools can show as a PNG; a native Word
chart would need an embedded workbook and LibreOffice draws those differently). The PNG is the same
bytes on every run: Agg canvas without pyplot's global state, fixed size and dpi, the DejaVu Sans that
ships with matplotlib, and no metadata (matplotlib would stamp its version into the file).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docpipe.deliverables.values import Picture

STATUS_COLOURS = {"done": "#70AD47", "in_progress": "#2E75B6", "late": "#C00000", "planned": "#9DC3E6"}
WIDTH_IN, ROW_IN, DPI = 6.3, 0.42, 150
CHART_WIDTH_MM = 160.0


def progress_chart(phases: Sequence[tuple[str, dict[str, int]]], labels: dict[str, str], alt: str) -> Picture:
    """The chart of ``phases`` ((name, count per status) in plan order), labelled in Danish, as a Picture."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with rc_context({"font.family": "DejaVu Sans", "font.size": 8, "svg.hashsalt": "docpipe"}):
        figure = Figure(figsize=(WIDTH_IN, 0.9 + ROW_IN * len(phases)), dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        names = [name for name, _ in phases][::-1]
        left = [0] * len(phases)
        for status, colour in STATUS_COLOURS.items():
            counts = [count.get(status, 0) for _, count in phases][::-1]
            bars = axes.barh(names, counts, left=left, color=colour, label=labels[status], height=0.6)
            axes.bar_label(bars, labels=[str(n) if n else "" for n in counts], label_type="center",
                           color="white" if status in ("in_progress", "late") else "black", fontsize=7)
            left = [a + b for a, b in zip(left, counts, strict=True)]
        axes.set_xlabel("Antal aktiviteter")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.legend(ncols=4, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return Picture(buffer.getvalue(), CHART_WIDTH_MM, alt=alt)
