"""Bring your own data: real export shapes, written by hand, mapped onto the course's tables."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pandas as pd
import pytest

from toolkit.analytics.metrics import change_success_rate, dora_four_keys, time_to_resolve
from toolkit.cli import main
from toolkit.data.imports import import_export

SERVICENOW_INCIDENTS = """\
number,short_description,business_service,opened_at,resolved_at,priority,state
INC0010001,Email down,Email,2025-03-03 09:00:00,2025-03-03 11:30:00,2 - High,Resolved
INC0010002,VPN slow,VPN,2025-03-04 14:00:00,,3 - Moderate,In Progress
INC0010003,Printer,Print,2025-03-05 08:15:00,2025-03-06 08:15:00,4 - Low,Closed
"""

SERVICENOW_CHANGES = """\
number,business_service,type,opened_at,work_end,close_code
CHG0030001,Email,Normal,2025-03-01 09:00:00,2025-03-03 20:00:00,Successful
CHG0030002,VPN,Standard,2025-03-02 09:00:00,2025-03-04 20:00:00,Successful with issues
CHG0030003,VPN,Emergency,2025-03-05 09:00:00,2025-03-05 12:00:00,Unsuccessful
CHG0030004,Email,Normal,2025-03-06 09:00:00,,
"""

JIRA_INCIDENTS = """\
Issue key,Summary,Component/s,Created,Resolved,Priority,Status
OPS-101,Login fails,Identity,03/Mar/25 9:00 AM,03/Mar/25 1:00 PM,Highest,Done
OPS-102,Slow pages,Web,04/Mar/25 10:30 AM,05/Mar/25 10:30 AM,Medium,Done
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_servicenow_incidents(tmp_path: Path) -> None:
    path = write(tmp_path, "incident.csv", SERVICENOW_INCIDENTS)
    incidents = import_export(path, kind="incidents", source="servicenow")["incidents"]
    assert incidents["incident_id"].tolist() == ["INC0010001", "INC0010002", "INC0010003"]
    assert incidents["priority"].tolist() == ["P2", "P3", "P4"]
    assert incidents["service_id"].tolist() == ["Email", "VPN", "Print"]
    # 2.5 h and 24 h resolved; the open one is left out: median 13.25 h.
    assert time_to_resolve(incidents) == pytest.approx(13.25)
    assert time_to_resolve(incidents, hours=None) == pytest.approx(13.25)


def test_servicenow_change_close_codes(tmp_path: Path) -> None:
    path = write(tmp_path, "change_request.csv", SERVICENOW_CHANGES)
    changes = import_export(path, kind="changes", source="servicenow")["changes"]
    assert changes["outcome"].tolist()[:3] == ["successful", "successful", "failed"]
    assert pd.isna(changes["outcome"].iloc[3])
    assert change_success_rate(changes) == pytest.approx(2 / 3)
    assert change_success_rate(
        changes.dropna(subset=["close_code"]),
        outcome="close_code",
        outcomes={"Successful": "success", "Successful with issues": "failure",
                  "Unsuccessful": "failure"},
    ) == pytest.approx(1 / 3)  # fmt: skip


def test_jira_dates_and_priorities(tmp_path: Path) -> None:
    path = write(tmp_path, "jira.csv", JIRA_INCIDENTS)
    incidents = import_export(path, kind="incidents", source="jira")["incidents"]
    assert incidents["opened_at"].iloc[0] == pd.Timestamp("2025-03-03 09:00")
    assert incidents["resolve_hours"].tolist() == [4.0, 24.0]
    assert incidents["priority"].tolist() == ["P1", "P3"]


def test_bad_rows_name_the_file_and_line(tmp_path: Path) -> None:
    bad_date = SERVICENOW_INCIDENTS.replace("2025-03-05 08:15:00,2025", "yesterday,2025")
    path = write(tmp_path, "incident.csv", bad_date)
    with pytest.raises(ValueError, match=r"incident\.csv:4: column 'opened_at' has 'yesterday'"):
        import_export(path, kind="incidents", source="servicenow")
    renamed = SERVICENOW_INCIDENTS.replace("opened_at", "sys_created_on")
    path = write(tmp_path, "renamed.csv", renamed)
    with pytest.raises(
        ValueError, match=r"renamed\.csv: missing column 'opened_at'.*'sys_created_on'"
    ):
        import_export(path, kind="incidents", source="servicenow")
    mapped = import_export(
        path, kind="incidents", source="servicenow", mapping={"opened_at": "sys_created_on"}
    )
    assert len(mapped["incidents"]) == 3
    backwards = SERVICENOW_INCIDENTS.replace("2025-03-03 11:30:00", "2025-03-02 11:30:00")
    path = write(tmp_path, "backwards.csv", backwards)
    with pytest.raises(ValueError, match=r"backwards\.csv:2: resolved before it was opened"):
        import_export(path, kind="incidents", source="servicenow")


def test_smlab_import_writes_tables_and_reports_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "incident.csv", SERVICENOW_INCIDENTS)
    out = tmp_path / "mine"
    assert main(["import", "incidents", str(path), "--from", "servicenow", "--out", str(out)]) == 0
    written = pd.read_csv(out / "incidents.csv")
    assert written["incident_id"].tolist() == ["INC0010001", "INC0010002", "INC0010003"]
    assert "3 rows" in capsys.readouterr().out
    broken = write(tmp_path, "broken.csv", SERVICENOW_INCIDENTS.replace("4 - Low,Closed", ""))
    broken.write_text(SERVICENOW_INCIDENTS.replace("2025-03-04 14:00:00", "14h"), encoding="utf-8")
    code = main(["import", "incidents", str(broken), "--from", "servicenow", "--out", str(out)])
    assert code == 1
    assert "broken.csv:3: column 'opened_at' has '14h'" in capsys.readouterr().err


# --- code hosts ----------------------------------------------------------------------------


def push(after: str, *commits: tuple[str, str]) -> dict[str, object]:
    return {
        "event": "push",
        "payload": {
            "after": after,
            "commits": [{"id": sha, "timestamp": when} for sha, when in commits],
        },
    }


def status(deployment: int, sha: str, state: str, when: str) -> dict[str, object]:
    return {
        "event": "deployment_status",
        "payload": {
            "deployment": {"id": deployment, "sha": sha},
            "deployment_status": {"state": state, "updated_at": when},
            "repository": {"name": "shop"},
        },
    }


FOURKEYS_EVENTS = [
    push("c3", ("c1", "2025-01-06T09:00:00Z"), ("c2", "2025-01-06T10:00:00Z"),
         ("c3", "2025-01-06T11:00:00Z")),
    status(1, "c3", "pending", "2025-01-06T14:50:00Z"),
    status(1, "c3", "success", "2025-01-06T15:00:00Z"),
    push("c5", ("c4", "2025-01-07T08:00:00+01:00"), ("c5", "2025-01-07T12:00:00Z")),
    status(2, "c5", "failure", "2025-01-07T12:30:00Z"),
    status(3, "c5", "success", "2025-01-08T12:00:00Z"),
    # A redeploy of c3 (a rollback) carries no new change: c1-c3 count once, at deployment 1.
    status(4, "c3", "success", "2025-01-09T10:00:00Z"),
]  # fmt: skip


def test_fourkeys_event_stream_gives_fourkeys_lead_time(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text(json.dumps(FOURKEYS_EVENTS), encoding="utf-8")
    tables = import_export(path, kind="deployments", source="github")
    deployments, commits = tables["deployments"], tables["commits"]
    assert deployments["deployment_id"].tolist() == ["1", "3", "4"]
    # fourkeys' lead_time_for_changes.sql: each change (commit) to the deployment that carried
    # it, in minutes, the median over changes (PERCENTILE_CONT 0.5). By hand:
    # c1 09:00->15:00 360, c2 300, c3 240; c4 07:00Z (08:00+01:00) -> 8 Jan 12:00Z 1740,
    # c5 12:00 -> 12:00 next day 1440.
    minutes = [360, 300, 240, 1740, 1440]
    fourkeys_hours = statistics.median(minutes) / 60
    keys = dora_four_keys(deployments, changes=commits)
    assert keys.loc["lead_time", "value"] == pytest.approx(fourkeys_hours)  # 6 h
    assert keys.loc["lead_time", "n"] == 5
    assert keys.loc["lead_time", "basis"].startswith("per change")
    assert sorted(commits["change_id"]) == ["c1", "c2", "c3", "c4", "c5"]


def test_github_rest_pull_requests_and_deployments(tmp_path: Path) -> None:
    data = {
        "deployments": [
            {"id": 11, "created_at": "2025-02-03T16:00:00Z", "repository": "shop"},
            {"id": 12, "created_at": "2025-02-05T16:00:00Z", "repository": "shop"},
        ],
        "pull_requests": [
            {"number": 7, "created_at": "2025-02-03T09:00:00Z",
             "merged_at": "2025-02-03T12:00:00Z", "repository": "shop"},
            {"number": 8, "created_at": "2025-02-04T10:00:00Z",
             "merged_at": "2025-02-04T11:00:00Z", "repository": "shop"},
            {"number": 9, "created_at": "2025-02-04T10:00:00Z", "merged_at": None},
        ],
    }  # fmt: skip
    path = tmp_path / "github.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    tables = import_export(path, kind="deployments", source="github")
    commits = tables["commits"]
    assert commits["deployment_id"].tolist() == ["11", "12"]
    # PR 7: 09:00 -> 16:00 = 7 h; PR 8: 4 Feb 10:00 -> 5 Feb 16:00 = 30 h; median 18.5 h.
    keys = dora_four_keys(tables["deployments"], changes=commits)
    assert keys.loc["lead_time", "value"] == pytest.approx(18.5)


def test_gitlab_merge_requests_need_their_lists(tmp_path: Path) -> None:
    path = tmp_path / "gitlab.json"
    path.write_text(json.dumps({"deployments": []}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"gitlab\.json: expected a list under 'merge_requests'"):
        import_export(path, kind="deployments", source="gitlab")
    path.write_text('{\n  "deployments": [,]\n}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gitlab\.json:2: not valid JSON"):
        import_export(path, kind="deployments", source="gitlab")
