"""Charts for "start where you are": the readiness radar and the tribal-audit heatmap."""

from __future__ import annotations

import math
import textwrap

import numpy as np
from matplotlib.axes import Axes
from matplotlib.projections.polar import PolarAxes

from toolkit.analytics.assessment import ANSWER_SCALE, MAX_SCORE, CSFAssessment, TribalAudit
from toolkit.plots._style import COMMON, IMPROVEMENT, TARGET, get_ax

#: Marks the ticks of bridges (items shared by two or more groups) and of groups with a gap.
BRIDGE_MARK = " *"
GAP_MARK = " (!)"


def _radar_values(
    result: CSFAssessment, baseline: CSFAssessment | None, by: str
) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray | None]:
    if by == "factor":
        frame = result.frame
        labels = frame["name"].astype(str).tolist()
        then = None
        if baseline is not None:
            then = baseline.frame["score"].reindex(frame.index).to_numpy(dtype=float)
    elif by == "theme":
        frame = result.by_theme()
        labels = [str(t) for t in frame.index]
        then = None
        if baseline is not None:
            then = baseline.by_theme()["score"].reindex(frame.index).to_numpy(dtype=float)
    else:
        raise ValueError(f"by is {by!r}: expected 'factor' or 'theme'")
    score = frame["score"].to_numpy(dtype=float)
    target = frame["target"].to_numpy(dtype=float)
    return labels, score, target, then


def _closed(values: np.ndarray) -> np.ndarray:
    return np.append(values, values[:1])


def csf_radar(
    result: CSFAssessment,
    *,
    baseline: CSFAssessment | None = None,
    by: str = "factor",
    show_target: bool = True,
    ax: Axes | None = None,
    label_width: int = 16,
) -> Axes:
    """Draw a radar chart of an assessment against its target and, if given, a baseline.

    Parameters
    ----------
    result : CSFAssessment
        The assessment (from :func:`toolkit.analytics.assessment.csf_assessment`).
    baseline : CSFAssessment, optional
        An earlier assessment to show underneath; factors it lacks leave a gap.
    by : {"factor", "theme"}
        One spoke per factor, or per theme (weighted mean of its factors).
    show_target : bool
        Draw the target outline.
    ax : matplotlib.axes.Axes, optional
        A polar Axes to draw on; a new square figure when None.
    label_width : int
        Spoke labels are wrapped at this many characters.

    Returns
    -------
    matplotlib.axes.Axes
        The polar Axes. Its lines, in order: the assessment (solid, circles), the target
        (dashed, triangles) when shown, and the baseline (dotted, squares) when given; each
        is closed, so it holds one more point than there are spokes. Radius is the 0-4 score.

    Raises
    ------
    ValueError
        If ``by`` is unknown, there are fewer than three spokes, or ``ax`` is not polar.

    Examples
    --------
    >>> from toolkit.analytics.assessment import csf_assessment, load_critical_success_factors
    >>> ids = load_critical_success_factors()["id"]
    >>> ax = csf_radar(csf_assessment(dict.fromkeys(ids, "partly"), target=3))
    >>> ax.lines[0].get_ydata()[:3].tolist()
    [2.0, 2.0, 2.0]
    """
    labels, score, target, then = _radar_values(result, baseline, by)
    if len(labels) < 3:
        raise ValueError(
            f"a radar needs at least 3 spokes, got {len(labels)} ({by}s); answer more factors "
            "or use by='factor'"
        )
    ax = get_ax(ax, figsize=(9.0, 9.0), projection="polar")
    if not isinstance(ax, PolarAxes):
        raise ValueError(
            f"ax is a {ax.name!r} Axes: a radar needs a polar one, e.g. "
            "plt.subplot(projection='polar')"
        )
    theta = np.linspace(0, 2 * math.pi, len(labels), endpoint=False)
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.plot(
        _closed(theta),
        _closed(score),
        color=IMPROVEMENT,
        marker="o",
        linestyle="-",
        label=f"now ({result.assessed_on}): readiness {result.readiness:.3g}%",
    )
    ax.fill(_closed(theta), _closed(score), color=IMPROVEMENT, alpha=0.15)
    if show_target:
        ax.plot(
            _closed(theta),
            _closed(target),
            color=TARGET,
            marker="^",
            linestyle="--",
            label=f"target: readiness {result.target_readiness:.3g}%",
        )
    if baseline is not None and then is not None:
        ax.plot(
            _closed(theta),
            _closed(then),
            color=COMMON,
            marker="s",
            linestyle=":",
            label=f"baseline ({baseline.assessed_on}): readiness {baseline.readiness:.3g}%",
        )
    ax.set_xticks(theta, [textwrap.fill(label, label_width) for label in labels], fontsize=9)
    ax.tick_params(axis="x", pad=12)
    ax.set_ylim(0, MAX_SCORE)
    ax.set_yticks(list(ANSWER_SCALE), [f"{k} {w}" for k, w in ANSWER_SCALE.items()], fontsize=8)
    # Put the 0-4 labels between the first two spokes, clear of the spoke labels.
    ax.set_rlabel_position(180 / len(labels))
    ax.set_title("Critical success factors: score 0 (no) to 4 (yes)", pad=36)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), fontsize=10)
    return ax


def tribal_heatmap(audit: TribalAudit, *, ax: Axes | None = None, annotate: bool = True) -> Axes:
    """Draw the tribal audit as a group x tool/method heatmap.

    Parameters
    ----------
    audit : TribalAudit
        The result of :func:`toolkit.analytics.assessment.tribal_audit`.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure sized to the matrix when None.
    annotate : bool
        Write each cell's value in it (a tick for 100%, else the percentage), so the chart
        never relies on colour alone.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.images[0]`` holds :attr:`TribalAudit.matrix`. Items shared by two or more
        groups (bridges) end in ``" *"``; groups with a gap (isolated or low openness) end
        in ``" (!)"``; each group label shows its openness.
    """
    matrix = audit.matrix
    rows, cols = matrix.shape
    ax = get_ax(ax, figsize=(max(6.0, 0.45 * cols + 3.5), max(3.0, 0.5 * rows + 2.5)))
    image = ax.imshow(matrix.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.grid(False)
    bridges = set(audit.bridges["item"])
    gap_groups = set(audit.gaps["group"])
    xlabels = [f"{item}{BRIDGE_MARK if item in bridges else ''}" for item in matrix.columns]
    openness = audit.groups["openness"].astype(float).to_numpy()
    ylabels = [
        f"{g} ({level:g}/5){GAP_MARK if g in gap_groups else ''}"
        for g, level in zip(matrix.index, openness, strict=True)
    ]
    # Upright labels at 90 degrees: slanted ones overlap their neighbours' boxes.
    ax.set_xticks(range(cols), xlabels, rotation=90, ha="center", fontsize=9)
    ax.set_yticks(range(rows), ylabels, fontsize=10)
    n_tools = int((audit.item_kind == "tool").sum())
    if 0 < n_tools < cols:
        ax.axvline(n_tools - 0.5, color="black", linewidth=2)
        ax.text(n_tools / 2 - 0.5, -0.7, "tools", ha="center", va="bottom", fontweight="bold")
        ax.text(
            (n_tools + cols) / 2 - 0.5,
            -0.7,
            "methods",
            ha="center",
            va="bottom",
            fontweight="bold",
        )
    if annotate:
        values = matrix.to_numpy(dtype=float)
        for r in range(rows):
            for c in range(cols):
                share = values[r, c]
                if share > 0:
                    text = "\u2713" if share == 1 else f"{share:.0%}"
                    colour = "white" if share > 0.6 else "black"
                    ax.text(c, r, text, ha="center", va="center", color=colour, fontsize=10)
    ax.set_xlabel("preferred tool or method  (* shared by 2+ groups: a bridge)")
    ax.set_ylabel("group (openness 1-5; (!) a gap)")
    ax.set_title("Tribal audit: who uses what", pad=24)
    values = matrix.to_numpy(dtype=float)
    if np.isin(values, (0.0, 1.0)).all():  # yes or no: a colour scale would mean nothing
        ax.set_title("Tribal audit: who uses what (\u2713 = the group uses it)", pad=24)
    else:
        ax.figure.colorbar(image, ax=ax, label="share of the group using it", shrink=0.8)
    return ax
