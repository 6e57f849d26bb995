"""Learner-facing tables: readable names and values, text that wraps."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.widgets.table import MISSING, format_table, format_value, readable_name, table


def test_values_read_as_words_not_reprs() -> None:
    frame = pd.DataFrame(
        {
            "sla_compliance": [0.912345, np.nan],
            "met": [True, False],
            "responses": pd.array([1200, None], dtype="Int64"),
            "route": [{"risk": 3}, ("a", "b")],
            "hours": [3.14159, 2.0],
        }
    )
    shown = format_table(frame, percent=["sla_compliance"], units={"hours": " h"})
    assert list(shown.columns) == ["SLA compliance", "Met", "Responses", "Route", "Hours"]
    assert shown.to_dict("records") == [
        {
            "SLA compliance": "91.2%",
            "Met": "yes",
            "Responses": "1,200",
            "Route": "Risk: 3",
            "Hours": "3.1 h",
        },
        {
            "SLA compliance": MISSING,
            "Met": "no",
            "Responses": MISSING,
            "Route": "a, b",
            "Hours": "2.0 h",
        },
    ]


def test_no_raw_python_or_pandas_text_in_the_html() -> None:
    frame = pd.DataFrame(
        {
            "rate": [0.123456789, None],
            "ok": [True, pd.NA],
            "when": pd.to_datetime(["2026-01-12", None]),
        },
        index=pd.Index(["SVC-HR", "SVC-EMAIL"], name="service_id"),
    )
    html = table(frame, percent=["rate"])._repr_html_()
    for raw in ("True", "False", "NaN", "<NA>", "NaT", "0.123456789", "service_id"):
        assert raw not in html
    assert "Service ID" in html
    assert "12.3%" in html
    assert "12 Jan 2026" in html
    assert "white-space:normal" in html
    assert "text-overflow" not in html


def test_periods_read_as_quarters_and_months() -> None:
    assert format_value(pd.Period("2026Q1", freq="Q")) == "Q1 2026"
    assert format_value(pd.Period("2026-03", freq="M")) == "Mar 2026"


def test_an_unknown_column_is_named_in_the_error() -> None:
    with pytest.raises(ValueError, match=r"percent names column 'rat'.*\['rate'\]"):
        table(pd.DataFrame({"rate": [0.5]}), percent=["rat"])


def test_readable_names() -> None:
    assert readable_name("time_to_resolve") == "Time to resolve"
    assert readable_name(("score", "mean")) == "Score mean"


def test_every_lesson_table_source_formats_without_reprs() -> None:
    incidents = toolkit.load_incidents()
    shown = str(toolkit.table(toolkit.sla_compliance(incidents, by="priority"), percent=["rate"]))
    assert re.search(r"\d+\.\d%", shown)
    assert "0.8" not in shown.split()
