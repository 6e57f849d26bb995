"""Service journeys: ordered moments, their touch points, the experience curve and its low points.

Service design thinking looks at a service the way its user lives it: a *journey* made of
*moments* (finding help, reporting, hearing back, getting it fixed), each met through *touch
points* (people, process, tools and places) over a *channel*. Scoring the experience at every
moment draws the journey curve; the moments below a threshold are *pain points*. Every moment
is a *moment of truth* in Carlzon's sense (a contact with the organisation); what people
remember is mostly the peak and the end (Kahneman's peak-end rule). The toolkit picks the
*first moment to fix*: one the team marks, or else the sharpest drop.

A journey is entered by hand (:class:`Journey`, :class:`Moment`, :func:`touch_points`) or built
from survey responses (:func:`journey_from_survey`). Plots live in :mod:`toolkit.plots.journey`.

The code lives in themed modules, re-exported here: :mod:`toolkit.analytics.journey.moments`
(moments and touch points), :mod:`toolkit.analytics.journey.journey_map` (the journey, its curve
and low points) and :mod:`toolkit.analytics.journey.survey` (a journey built from survey responses).
"""

from __future__ import annotations

from toolkit.analytics.journey.journey_map import Journey
from toolkit.analytics.journey.moments import TOUCH_POINT_KINDS, Moment, TouchPoint, touch_points
from toolkit.analytics.journey.survey import SURVEY_MOMENTS, journey_from_survey

__all__ = [
    "SURVEY_MOMENTS",
    "TOUCH_POINT_KINDS",
    "Journey",
    "Moment",
    "TouchPoint",
    "journey_from_survey",
    "touch_points",
]
