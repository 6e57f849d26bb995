"""Every chart in the course, in one house style.

Each function takes ``ax=None``, draws on it (or on a new figure) and returns the Axes, so a
lesson can show it as is and an analyst can place it in a figure of their own. Analytics
modules never import matplotlib; only this package does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit._lazy import attach

if TYPE_CHECKING:
    from toolkit.plots._style import PALETTE, get_ax
    from toolkit.plots.assessment import csf_radar, tribal_heatmap
    from toolkit.plots.explorers import (
        explore_big_bang,
        explore_rate,
        explore_setbacks,
        plot_half_life_fit,
        plot_rate_fit,
    )
    from toolkit.plots.governance import plot_governance_routes, plot_icon_array
    from toolkit.plots.improvement import (
        plot_big_bang_vs_iterative,
        plot_fan_chart,
        plot_gap_closing,
        plot_trajectories,
    )
    from toolkit.plots.journey import plot_journey
    from toolkit.plots.metrics import (
        plot_change_success,
        plot_dora,
        plot_sla_vs_experience,
        plot_watermelon,
    )
    from toolkit.plots.register import value_effort_chart
    from toolkit.plots.spc import plot_run_chart, plot_xmr

__getattr__, __dir__, _exports = attach(__name__, __file__)
__all__ = [
    "PALETTE",
    "csf_radar",
    "explore_big_bang",
    "explore_rate",
    "explore_setbacks",
    "get_ax",
    "plot_big_bang_vs_iterative",
    "plot_change_success",
    "plot_dora",
    "plot_fan_chart",
    "plot_gap_closing",
    "plot_governance_routes",
    "plot_half_life_fit",
    "plot_icon_array",
    "plot_journey",
    "plot_rate_fit",
    "plot_run_chart",
    "plot_sla_vs_experience",
    "plot_trajectories",
    "plot_watermelon",
    "plot_xmr",
    "tribal_heatmap",
    "value_effort_chart",
]
