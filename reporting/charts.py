"""Charts drawn on the server as SVG: the same markup on the page and in the PDF, no
script, no inline style (the CSP forbids it: colours are presentation attributes and
classes from the stylesheet).

A chart is an image with a title and a description for screen readers (`role="img"` with
`aria-labelledby`); the figures themselves are always beside it in a table, since a chart
alone hides them from anyone who cannot see it. A hidden figure (too few people) is a gap
in the line, never a zero."""

from dataclasses import dataclass
from itertools import count

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 320, 120
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 8, 22
# Two series at most: this period and the year before. Dark blue and orange, told apart
# also by a dashed line (colour alone is not enough).
STYLES = (
    {"stroke": "#0b4f8a", "dash": ""},
    {"stroke": "#a14a00", "dash": "4 3"},
)

_ids = count(1)


@dataclass
class Series:
    name: str
    values: list[float | None]


def _nice_top(value: float) -> float:
    if value <= 0:
        return 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step:
            return step
    magnitude = 10 ** (len(str(int(value))) - 1)
    return (int(value / magnitude) + 1) * magnitude


def line_chart(
    *, title: str, description: str, labels: list[str], series: list[Series], top=None
) -> SafeString:
    """Lines over `labels` (the months), one per series, with gaps where a value is None."""
    chart_id = f"chart-{next(_ids)}"
    values = [v for s in series for v in s.values if v is not None]
    top = top or _nice_top(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)

    def x(i):
        return LEFT + i * step

    def y(v):
        return TOP + plot_h - (v / top) * plot_h

    parts = [
        format_html(
            '<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}" stroke="#6c757d"/>',
            LEFT,
            TOP + plot_h,
            WIDTH - RIGHT,
            TOP + plot_h,
        ),
        format_html(
            '<text x="{}" y="{}" font-size="9" text-anchor="end" fill="#212529">{}</text>',
            LEFT - 4,
            TOP + 8,
            number_format(top, use_l10n=True),
        ),
        format_html(
            '<text x="{}" y="{}" font-size="9" text-anchor="end" fill="#212529">0</text>',
            LEFT - 4,
            TOP + plot_h,
        ),
    ]
    for i, label in enumerate(labels):
        if len(labels) <= 12 or i % 2 == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="9" text-anchor="middle" '
                    'fill="#212529">{}</text>',
                    round(x(i), 1),
                    HEIGHT - 6,
                    label,
                )
            )
    for style, line in zip(STYLES, series, strict=False):
        runs, current = [], []
        for i, value in enumerate(line.values):
            if value is None:
                if current:
                    runs.append(current)
                current = []
            else:
                current.append((round(x(i), 1), round(y(value), 1)))
        if current:
            runs.append(current)
        for run in runs:
            points = " ".join(f"{px},{py}" for px, py in run)
            if len(run) > 1:
                parts.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"'
                        ' stroke-dasharray="{}"/>',
                        points,
                        style["stroke"],
                        style["dash"],
                    )
                )
            parts.extend(
                format_html('<circle cx="{}" cy="{}" r="2.5" fill="{}"/>', px, py, style["stroke"])
                for px, py in run
            )
    legend = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" '
        'stroke-dasharray="{}"/><text x="{}" y="{}" font-size="9" fill="#212529">{}</text>',
        (
            (
                LEFT + n * 150,
                TOP - 2,
                LEFT + n * 150 + 14,
                TOP - 2,
                style["stroke"],
                style["dash"],
                LEFT + n * 150 + 18,
                TOP + 1,
                line.name,
            )
            for n, (style, line) in enumerate(zip(STYLES, series, strict=False))
        ),
    )
    return format_html(
        '<svg class="chart" viewBox="0 {} {} {}" width="100%" role="img" '
        'aria-labelledby="{id}-title" aria-describedby="{id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>{}{}</svg>',
        -8,
        WIDTH,
        HEIGHT + 8,
        title,
        description,
        legend,
        mark_safe("".join(parts)),
        id=chart_id,
    )
