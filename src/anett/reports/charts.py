"""Server-side SVG charts (no JavaScript, no build step). Plain Python.

Each function returns SVG markup with a <title> per mark, so values show on hover and
screen readers read them; the pages show the same figures in a table beside the chart.
Hidden values (small-cell suppression) are drawn as gaps marked "< 5" / "–".
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from anett.core.disclosure import Hidden

SERIES_COLOURS = ("#0b4f8a", "#b35c00", "#1a7f37", "#6f42c1")
HIDDEN_COLOUR = "#9aa3ad"


def _num(v: float) -> str:
    return f"{v:,.0f}".replace(",", ".")


def _tick(v: float) -> str:
    return _num(v) if float(v).is_integer() else f"{v:.1f}".replace(".", ",")


def _nice_max(v: float) -> float:
    if v <= 0:
        return 1
    magnitude = 10 ** (len(str(int(v))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= v:
            return top
    return 10 * magnitude


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence]],
    *,
    title: str,
    width: int = 720,
    height: int = 240,
) -> str:
    """Lines of monthly values; `series` = [(label, values)], values int | Hidden."""
    left, right, top, bottom = 48, 12, 14, 44
    w, h = width - left - right, height - top - bottom
    values = [v for _l, vals in series for v in vals if not isinstance(v, Hidden) and v]
    y_max = _nice_max(max(values, default=0))
    n = max(1, len(x_labels) - 1)

    def x(i):
        return left + w * i / n

    def y(v):
        return top + h - h * v / y_max

    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for k in range(5):
        v = y_max * k / 4
        out.append(
            f'<line x1="{left}" x2="{left + w}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            'stroke="#d8dde3" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#5b6470">{_tick(v)}</text>'
        )
    step = max(1, len(x_labels) // 12)
    for i, label in enumerate(x_labels):
        if (len(x_labels) - 1 - i) % step == 0:  # counted from the latest month
            out.append(
                f'<text x="{x(i):.1f}" y="{top + h + 16}" text-anchor="middle" font-size="11" '
                f'fill="#5b6470">{escape(label)}</text>'
            )
    for s, (label, vals) in enumerate(series):
        colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
        segments, current = [], []
        for i, v in enumerate(vals):
            if isinstance(v, Hidden):
                if current:
                    segments.append(current)
                current = []
                out.append(
                    f'<text class="hidden-mark" x="{x(i):.1f}" y="{top + h - 4}" '
                    f'text-anchor="middle" font-size="10" fill="{HIDDEN_COLOUR}">'
                    f"<title>{escape(label)} {escape(x_labels[i])}: {escape(str(v))}</title>"
                    f"{escape(str(v))}</text>"
                )
            else:
                current.append((x(i), y(v or 0), v or 0, i))
        if current:
            segments.append(current)
        for seg in segments:
            points = " ".join(f"{px:.1f},{py:.1f}" for px, py, _v, _i in seg)
            out.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>'
            )
            for px, py, v, i in seg:
                out.append(
                    f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.5" fill="{colour}">'
                    f"<title>{escape(label)} {escape(x_labels[i])}: {_num(v)}</title></circle>"
                )
        lx = left + s * 190
        out.append(
            f'<rect x="{lx}" y="{height - 14}" width="12" height="4" fill="{colour}"/>'
            f'<text x="{lx + 16}" y="{height - 9}" font-size="11">{escape(label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def bar_chart(
    rows: Sequence[tuple[str, object]],
    *,
    title: str,
    width: int = 560,
    bar_height: int = 22,
    centred: bool = False,
    colour: str = "#0b4f8a",
    label_w: int = 210,
) -> str:
    """Horizontal bars, one per (label, value); `centred` draws a funnel."""
    right = 70
    w = width - label_w - right
    height = len(rows) * (bar_height + 6) + 8
    values = [v for _l, v in rows if not isinstance(v, Hidden) and v]
    v_max = max(values, default=0) or 1
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for k, (label, v) in enumerate(rows):
        y = 4 + k * (bar_height + 6)
        out.append(
            f'<text x="{label_w - 8}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" '
            f'font-size="12">{escape(label)}</text>'
        )
        if isinstance(v, Hidden):
            out.append(
                f'<text class="hidden-mark" x="{label_w + 4}" y="{y + bar_height * 0.7:.1f}" '
                f'font-size="12" fill="{HIDDEN_COLOUR}"><title>{escape(label)}: '
                f"{escape(str(v))}</title>{escape(str(v))}</text>"
            )
            continue
        v = v or 0
        bw = max(1.0, w * v / v_max) if v else 0
        x0 = label_w + (w - bw) / 2 if centred else label_w
        out.append(
            f'<rect x="{x0:.1f}" y="{y}" width="{bw:.1f}" height="{bar_height}" rx="3" '
            f'fill="{colour}"><title>{escape(label)}: {_num(v)}</title></rect>'
            f'<text x="{(x0 + bw + 6) if not centred else label_w + w + 6:.1f}" '
            f'y="{y + bar_height * 0.7:.1f}" font-size="12">{_num(v)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
