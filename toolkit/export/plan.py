"""A one-page improvement plan a learner can take to their manager (lesson 11).

:func:`export_plan` writes one self-contained HTML file: the measure's XmR chart drawn as
inline SVG, what the chart says (lesson 05's verdicts and every signal), the register's
improvements in WSJF order with their baselines and targets, and how the team will know it
worked. Everything is in the file: no script, no font, no image and no style loads from
anywhere, so it opens offline, prints on one page, and can be mailed as it is.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from toolkit.analytics.register import STATUSES, ImprovementRegister
from toolkit.analytics.spc import xmr_signals, xmr_summary
from toolkit.paths import workspace_dir
from toolkit.plots import plot_xmr
from toolkit.safety.files import write_atomically

#: The plan's section headings, in order (the browser test looks for each).
HEADINGS: tuple[str, ...] = (
    "Where we are now",
    "What the chart says",
    "What we will improve, in order",
    "How we will know it worked",
)

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 1.5rem auto;
       padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 1.4rem;
  border-bottom: 1px solid #bbb; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #999; padding: .3rem .4rem; text-align: left; vertical-align: top; }
th { background: #eee; } figure { margin: .5rem 0; } svg { max-width: 100%; height: auto; }
.meta { color: #444; } @media print { body { margin: 0; } }
"""


def _svg(chart: pd.DataFrame, measure: str, service: str) -> str:
    """The chart as inline SVG (no external reference), without the XML prologue."""
    figure, ax = plt.subplots(figsize=(8, 3.4))
    try:
        plot_xmr(chart, ax=ax, ylabel=measure, title=f"{service}: {measure}")
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", bbox_inches="tight")
    finally:
        plt.close(figure)
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


def _when(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return f"{value.day} {value:%b %Y}"
    return f"point {value}"


def _number(value: float) -> str:
    return f"{value:.3g}"


def plan_html(
    register: ImprovementRegister,
    chart: pd.DataFrame,
    *,
    service: str,
    measure: str,
    author: str = "",
    asks: Sequence[str] = (),
    today: date | None = None,
) -> str:
    """Return the one-page improvement plan as a self-contained HTML document.

    Parameters
    ----------
    register : ImprovementRegister
        The improvements; the open ones are listed in WSJF order (see
        :meth:`ImprovementRegister.prioritise`).
    chart : pandas.DataFrame
        The measure's XmR chart, from :func:`toolkit.xmr`.
    service : str
        The service the plan is for, as its users name it.
    measure : str
        What the chart measures, with its unit (``"median hours to resolve, by week"``).
    author : str, optional
        Who wrote the plan.
    asks : sequence of str, optional
        What the author asks of their manager (time, people, a decision).
    today : datetime.date, optional
        The plan's date; today by default.

    Returns
    -------
    str
        The HTML page: no script, and nothing loaded from a file or the network.

    Raises
    ------
    ValueError
        If the register has no open improvement, or ``chart`` is not a chart from
        :func:`toolkit.xmr`.

    Examples
    --------
    >>> import pandas as pd, toolkit
    >>> chart = toolkit.xmr(pd.DataFrame({"v": [5.0, 6, 5, 7, 6, 5, 6, 7, 5, 6, 6, 5]}), value="v")
    >>> register = toolkit.ImprovementRegister()
    >>> _ = register.add(description="Shorter waits", owner="Sam", status="vision")
    >>> page = plan_html(register, chart, service="Email", measure="hours")
    >>> "<script" in page, "Where we are now" in page
    (False, True)
    """
    summary = xmr_summary(chart)
    signals = xmr_signals(chart)
    ranked = register.prioritise()
    if ranked.empty:
        raise ValueError("the register has no open improvement: add one before the plan")
    e = html.escape
    day = today or date.today()
    dates = chart["date"] if "date" in chart.columns else None
    period = (
        f"from {_when(dates.iloc[0])} to {_when(dates.iloc[-1])}, {len(chart)} points"
        if dates is not None
        else f"{len(chart)} points"
    )
    better = {"increase": "higher is better", "decrease": "lower is better"}.get(
        summary.improvement, "neither direction is better"
    )
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Improvement plan: {e(service)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>Improvement plan: {e(service)}</h1>",
        f'<p class="meta">{e(author) + ", " if author else ""}{day.day} {day:%B %Y}</p>',
        f"<h2>{HEADINGS[0]}</h2>",
        f"<p>Measure: <strong>{e(measure)}</strong> ({better}), {e(period)}. "
        f"The process runs at a mean of {_number(summary.mean)}, with process limits "
        f"{_number(summary.lpl)} to {_number(summary.upl)}; the latest value is "
        f"{_number(summary.latest)}.</p>",
        f"<figure>{_svg(chart, measure, service)}<figcaption>XmR chart of {e(measure)}: "
        "the solid line is the mean, the dashed lines the process limits.</figcaption></figure>",
        f"<h2>{HEADINGS[1]}</h2>",
        f"<p>{e(str(summary))}</p>",
    ]
    if signals.empty:
        parts.append(
            "<p>No signal: the process is stable, so any change we make should show up as "
            "a new signal.</p>"
        )
    else:
        parts.append("<table><tr><th>from</th><th>to</th><th>points</th><th>reading</th>"
                     "<th>rules broken</th></tr>")  # fmt: skip
        for row in signals.itertuples(index=False):
            parts.append(
                f"<tr><td>{e(_when(row.start))}</td><td>{e(_when(row.end))}</td>"
                f"<td>{row.points}</td><td>{e(str(row.reading))}</td><td>{e(str(row.rules))}</td></tr>"
            )
        parts.append("</table>")
    parts += [
        f"<h2>{HEADINGS[2]}</h2>",
        "<p>In order of Weighted Shortest Job First (WSJF): the cost of delay (business "
        "value + time criticality + risk reduction) divided by the job size.</p>",
        "<table><tr><th>#</th><th>improvement</th><th>owner</th><th>step</th>"
        "<th>baseline</th><th>target</th><th>WSJF</th></tr>",
    ]
    scores = pd.to_numeric(ranked["priority_score"], errors="coerce").tolist()
    for position, (row, score) in enumerate(
        zip(ranked.itertuples(index=False), scores, strict=True), start=1
    ):
        shown = "not scored" if pd.isna(score) else f"{score:.3g}"
        parts.append(
            f"<tr><td>{position}</td><td>{e(str(row.description))}</td><td>{e(str(row.owner))}</td>"
            f"<td>{e(STATUSES[str(row.status)])}</td><td>{_cell(row.baseline)}</td>"
            f"<td>{_cell(row.target)}</td><td>{shown}</td></tr>"
        )
    parts += [
        "</table>",
        f"<h2>{HEADINGS[3]}</h2>",
        "<p>We will keep charting the same measure in the same way and read it with the same "
        "rules. A real improvement shows as a signal on the side of better (a run of eight or "
        "more points past the mean, or a point beyond a limit), not as one good week. When it "
        "does, we fix new limits on the new process and record the outcome in the "
        "register.</p>",
    ]
    if asks:
        parts.append("<p>What I am asking for:</p><ul>")
        parts += [f"<li>{e(ask)}</li>" for ask in asks]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "<em>not yet recorded</em>"
    return html.escape(str(value))


def export_plan(
    register: ImprovementRegister,
    chart: pd.DataFrame,
    *,
    service: str,
    measure: str,
    author: str = "",
    asks: Sequence[str] = (),
    out: str | Path | None = None,
    force: bool = False,
    today: date | None = None,
) -> Path:
    """Write the one-page improvement plan (see :func:`plan_html`) as an HTML file.

    Parameters
    ----------
    register, chart, service, measure, author, asks, today
        As :func:`plan_html`.
    out : str or Path, optional
        The file to write. By default ``improvement-plan.html`` in the learner's workspace
        (:func:`toolkit.paths.workspace_dir`), replaced each time the lesson runs.
    force : bool, default False
        Replace ``out`` if it exists (the default file is always replaced).

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    ValueError
        As :func:`plan_html`.
    toolkit.safety.files.TargetExistsError
        If ``out`` exists and ``force`` is False.
    """
    page = plan_html(
        register, chart, service=service, measure=measure, author=author, asks=asks, today=today
    )
    if out is None:
        folder = workspace_dir()
        folder.mkdir(parents=True, exist_ok=True)
        return write_atomically(folder / "improvement-plan.html", page, force=True)
    return write_atomically(Path(out), page, force=force)
