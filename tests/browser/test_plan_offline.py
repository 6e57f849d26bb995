"""Lesson 11's one-page plan opens from file:// with the network cut off, headings visible."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import toolkit
from tests.browser.support import LOCAL, cut_off_the_network
from toolkit.export.plan import HEADINGS

pytestmark = pytest.mark.browser


def test_plan_opens_offline_with_its_headings(page: Page, tmp_path: Path) -> None:
    export = toolkit.datasets_dir() / "samples" / "servicenow_incident.csv"
    tickets = toolkit.import_export(export, kind="incidents", source="servicenow")["incidents"]
    weekly = toolkit.time_to_resolve(tickets, freq="W").reset_index()
    chart = toolkit.xmr(weekly, value="p50", date="period", improvement="decrease")
    register = toolkit.ImprovementRegister()
    register.add(description="Status updates", owner="Desk lead", status="vision",
                 business_value=8, time_criticality=5, risk_reduction=3, job_size=2)  # fmt: skip
    plan = toolkit.export_plan(
        register, chart, service="Remote access", measure="median hours", out=tmp_path / "p.html"
    )

    requested: list[str] = []
    aborted = cut_off_the_network(page)
    page.on("request", lambda request: requested.append(request.url))
    page.goto(plan.as_uri())
    expect(page.locator("h1")).to_have_text("Improvement plan: Remote access")
    for heading in HEADINGS:
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    chart_svg = page.locator("figure svg")
    expect(chart_svg).to_be_visible()
    assert chart_svg.bounding_box()["width"] > 300  # type: ignore[index]
    expect(page.get_by_role("cell", name="Status updates")).to_be_visible()
    assert aborted == []
    assert [url for url in requested if not url.startswith(LOCAL)] == []
