"""Every chart in the course, in one house style.

Each function takes ``ax=None``, draws on it (or on a new figure) and returns the Axes, so a
lesson can show it as is and an analyst can place it in a figure of their own. Analytics
modules never import matplotlib; only this package does.
"""

from toolkit.plots._style import PALETTE, get_ax

__all__ = ["PALETTE", "get_ax"]
