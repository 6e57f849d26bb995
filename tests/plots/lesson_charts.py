"""Every chart the lessons draw, at the sliders' defaults and extremes, as named cases.

Each case is a function that draws one chart the way its lesson does (same data, same
arguments) and returns the figure. ``tests/plots/test_text_layout.py`` checks them all.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

import toolkit
from toolkit import plots

Case = Callable[[], Figure]
CASES: dict[str, Case] = {}


def case(name: str) -> Callable[[Case], Case]:
    def register(draw: Case) -> Case:
        CASES[name] = draw
        return draw

    return register


def _fig(ax: object) -> Figure:
    figure = ax.figure if hasattr(ax, "figure") else plt.gcf()  # type: ignore[attr-defined]
    return figure  # type: ignore[no-any-return]


# -- 01 -------------------------------------------------------------------------------------
@case("01 convictions")
def _01a() -> Figure:
    return _fig(
        plots.plot_icon_array(
            900,
            per_row=45,
            title="About 900 postmasters convicted, 1999-2015: one mark for each person",
        )
    )


@case("01 closures")
def _01b() -> Figure:
    return _fig(
        plots.plot_icon_array(
            10,
            marked=3,
            marked_label="closed",
            rest_label="still open",
            title="3 in 10 post offices closed because of the scandal (as the source reports)",
        )
    )


# -- 02 -------------------------------------------------------------------------------------
def _mirror(rate: float, periods: int) -> Figure:
    frame = pd.DataFrame(
        {
            f"{rate:.1%} better": toolkit.compound(rate, periods),
            f"{rate:.1%} worse": toolkit.compound(-rate, periods),
        }
    )
    return _fig(plots.plot_trajectories(frame, title="Your rate and its mirror"))


for _rate, _periods in [(0.01, 52), (0.001, 1), (0.05, 365), (0.05, 1), (0.001, 365)]:
    CASES[f"02 mirror rate={_rate} periods={_periods}"] = lambda r=_rate, p=_periods: _mirror(r, p)


@case("02 a year of 1% days")
def _02a() -> Figure:
    year = pd.DataFrame(
        {"1% better": toolkit.compound(0.01, 365), "1% worse": toolkit.compound(-0.01, 365)}
    )
    return _fig(plots.plot_trajectories(year, xlabel="Day", title="A year of 1% days"))


def _race(kind: str = "level", **kw: float) -> Figure:
    params = {"step": 0.2, "half_life": 13.0, "delay": 0, "rate": 0.01, "backsliding": 0.0} | kw
    result = toolkit.big_bang_vs_iterative(periods=104, **params)  # type: ignore[arg-type]
    return _fig(plots.plot_big_bang_vs_iterative(result, kind=kind))


CASES["02 big bang level"] = lambda: _race()
CASES["02 big bang cumulative"] = lambda: _race("cumulative")
for _extreme in [
    {"step": 0.05, "half_life": 1.0, "delay": 52, "rate": 0.03, "backsliding": 0.03},
    {"step": 1.0, "half_life": 104.0, "delay": 0, "rate": 0.0, "backsliding": 0.0},
    {"step": 1.0, "half_life": 1.0, "delay": 52, "rate": 0.03, "backsliding": 0.0},
    {"step": 0.05, "half_life": 104.0, "delay": 0, "rate": 0.03, "backsliding": 0.03},
]:
    CASES[f"02 big bang {_extreme}"] = lambda e=_extreme: _race(**e)


@case("02 gap closing")
def _02g() -> Figure:
    frame = pd.DataFrame(
        {
            "half-life 3 months": toolkit.gap_closing(90, ceiling=100, half_life=3, periods=12),
            "half-life 6 months": toolkit.gap_closing(90, ceiling=100, half_life=6, periods=12),
        }
    )
    return _fig(
        plots.plot_gap_closing(frame, ceiling=100, target=98, ylabel="Change success rate (%)")
    )


def _fan(**kw: float) -> Figure:
    params = {"rate": 0.01, "rate_sd": 0.01, "setback_prob": 0.05, "setback_size": 0.1} | kw
    bands = toolkit.simulate(periods=52, paths=2_000, seed=2, **params)  # type: ignore[arg-type]
    return _fig(plots.plot_fan_chart(bands, xlabel="Week"))


CASES["02 fan"] = lambda: _fan()
CASES["02 fan high"] = lambda: _fan(setback_prob=0.0, setback_size=0.0, rate=0.03, rate_sd=0.05)
CASES["02 fan low"] = lambda: _fan(setback_prob=0.3, setback_size=0.5, rate=-0.01, rate_sd=0.0)


# -- 03 -------------------------------------------------------------------------------------
def _watermelon(sla: float = 0.90, bar: int = 0) -> Figure:
    incidents, survey = toolkit.load_incidents(), toolkit.load_survey()
    table = toolkit.watermelon(incidents, survey=survey, sla_target=sla, experience_target=bar)
    return _fig(plots.plot_watermelon(table))


for _sla, _bar in [(0.90, 0), (0.75, -50), (1.0, 50), (0.75, 50), (1.0, -50)]:
    CASES[f"03 watermelon sla={_sla} bar={_bar}"] = lambda s=_sla, b=_bar: _watermelon(s, b)


@case("03 SLA vs experience")
def _03b() -> Figure:
    quarterly = toolkit.watermelon(
        toolkit.load_incidents(), survey=toolkit.load_survey(), freq="Q", sla_target=0.90
    )
    return _fig(plots.plot_sla_vs_experience(quarterly, service="SVC-HR"))


# -- 04 -------------------------------------------------------------------------------------
@case("04 change success")
def _04a() -> Figure:
    quarterly = toolkit.change_success_rate(toolkit.load_changes(), freq="Q")
    return _fig(plots.plot_change_success(quarterly))


@case("04 DORA")
def _04b() -> Figure:
    return _fig(plots.plot_dora(toolkit.dora_four_keys(toolkit.load_deployments())))


# -- 05 -------------------------------------------------------------------------------------
def _email() -> pd.DataFrame:
    monthly = toolkit.time_to_resolve(toolkit.load_incidents(), by="service_id", freq="M")
    return monthly.loc[toolkit.IMPROVEMENT_SERVICE].reset_index()


@case("05 run chart")
def _05a() -> Figure:
    runs = toolkit.run_chart(_email(), value="p50", date="period")
    return _fig(
        plots.plot_run_chart(runs, ylabel="median hours to resolve", title="SVC-EMAIL: run chart")
    )


@case("05 XmR rebased")
def _05b() -> Figure:
    with warnings.catch_warnings():  # as the lesson does: the chart says "trial limits"
        warnings.simplefilter("ignore", toolkit.TrialLimitsWarning)
        rebased = toolkit.xmr(
            _email(),
            value="p50",
            date="period",
            improvement="decrease",
            rebase_at=toolkit.IMPROVEMENT_DATE,
        )
    return _fig(
        plots.plot_xmr(
            rebased, ylabel="median hours to resolve", title="SVC-EMAIL: rebased at the change"
        )
    )


def _success(target: float) -> Figure:
    success = toolkit.change_success_rate(toolkit.load_changes(), freq="M").reset_index()
    success["percent"] = success["rate"] * 100
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", toolkit.TrialLimitsWarning)
        rate = toolkit.xmr(
            success, value="percent", date="period", improvement="increase", target=98
        )
    return _fig(
        plots.plot_xmr(
            rate, target=target, ylabel="change success (%)", title="Monthly change success"
        )
    )


for _target in (98.0, 85.0, 105.0):
    CASES[f"05 assurance target={_target}"] = lambda t=_target: _success(t)


# -- 06 -------------------------------------------------------------------------------------
_ANSWERS = {
    "leadership-support": "partly",
    "goals-set": "yes",
    "baseline": "no",
    "front-door": "yes",
    "experience-measured": "no",
}


@case("06 radar")
def _06a() -> Figure:
    january = toolkit.csf_assessment(_ANSWERS, target=3, assessed_on=date(2026, 1, 12))
    return _fig(plots.csf_radar(january, by="theme"))


@case("06 radar with baseline")
def _06b() -> Figure:
    january = toolkit.csf_assessment(_ANSWERS, target=3, assessed_on=date(2026, 1, 12))
    april = toolkit.csf_assessment(
        _ANSWERS | {"baseline": 3}, target=3, assessed_on=date(2026, 4, 13)
    )
    return _fig(plots.csf_radar(april, baseline=january, by="theme"))


@case("06 tribal heatmap")
def _06c() -> Figure:
    return _fig(plots.tribal_heatmap(toolkit.tribal_audit(toolkit.load_tribal_audit_sample())))


# -- 07 -------------------------------------------------------------------------------------
def _laptop(marked: bool) -> Figure:
    tp, M = toolkit.touch_points, toolkit.Moment  # noqa: N806 (as the lesson writes it)
    laptop = toolkit.Journey(
        "Getting a broken laptop fixed (workshop scores)",
        [
            M("find_help", 5, "Find help", "intranet", tp(people="A colleague", tool="Intranet")),
            M("report", 7, "Report", "phone", tp(people="Desk analyst", process="Logging")),
            M("loan", 8, "Loan laptop", "walk-in", tp(tool="Loan laptop", place="IT bar")),
            M("wait", 3, "Wait for repair", "email", tp(process="Updates", tool="Ticket emails")),
            M("returned", 8, "Laptop back", "walk-in", tp(people="Engineer", place="IT bar")),
            M("follow_up", 6, "Follow-up", "email", tp(tool="Survey form")),
        ],
        pain_threshold=5,
    )
    if marked:
        laptop = laptop.marked("wait", "returned")
    return _fig(plots.plot_journey(laptop))


CASES["07 laptop journey"] = lambda: _laptop(False)
CASES["07 laptop journey marked"] = lambda: _laptop(True)


def _desk(statistic: str, service: str | None = None, threshold: int | None = None) -> Figure:
    survey = toolkit.load_survey()
    data = survey if service is None else survey[survey["service_id"] == service]
    kwargs = (
        {} if threshold is None else {"name": f"Journey: {service}", "pain_threshold": threshold}
    )
    return _fig(
        plots.plot_journey(toolkit.journey_from_survey(data, statistic=statistic, **kwargs))
    )


CASES["07 desk mean"] = lambda: _desk("mean")
CASES["07 desk net"] = lambda: _desk("net")
for _threshold in (0, -50, 50):
    CASES[f"07 explore SVC-HR pain<{_threshold}"] = lambda t=_threshold: _desk("net", "SVC-HR", t)


# -- 08 -------------------------------------------------------------------------------------
for _risk in (1, 3, 5):
    for _novelty in (1, 4, 5):
        for _scale, _urgent in ((1, False), (2, False), (5, True)):
            CASES[f"08 routes risk={_risk} novelty={_novelty} scale={_scale} urgent={_urgent}"] = (
                lambda r=_risk, n=_novelty, s=_scale, u=_urgent: _fig(
                    plots.plot_governance_routes(scale=s, urgent=u, risk=r, novelty=n)
                )
            )


# -- 09 -------------------------------------------------------------------------------------
@case("09 value effort")
def _09() -> Figure:
    register = toolkit.ImprovementRegister(today=lambda: date(2026, 3, 2))
    rows = [
        ("Raise change success from 91% to above 98%", "Priya Shah", "assess", 15, 13, 8, 13, 8),
        ("Quick reference card for a standard change", "Tom Reid", "plan", 2, 8, 3, 5, 1),
        (
            "Ask one experience question on every closed ticket",
            "Ana Costa",
            "vision",
            5,
            10,
            5,
            3,
            3,
        ),
        (
            "One front door for IT, HR and facilities requests",
            "Dee Okafor",
            "vision",
            60,
            13,
            3,
            5,
            20,
        ),
        ("Monthly lunch-and-learn on one practice", "Sam Lee", "act", 3, 3, 1, 2, 2),
        ("Move the change log into the ITSM tool", "Priya Shah", "plan", 20, 3, 2, 5, 8),
    ]
    columns = [
        "description",
        "owner",
        "status",
        "effort",
        "business_value",
        "time_criticality",
        "risk_reduction",
        "job_size",
    ]
    for row in rows:
        # Lesson 09's rule: a baseline from "Where are we now?" on, a target from "aim" on.
        register.add(dict(zip(columns, row, strict=True)), baseline="measured", target="agreed")
    return _fig(plots.value_effort_chart(register.to_frame(), value_split=7, effort_split=10))
