"""The benchmark runner finds every benchmark and reports ratios, not bare timings."""

from __future__ import annotations

import pytest

from benchmarks.__main__ import discover, format_row, main


def test_discover_filters_by_word() -> None:
    every = discover([])
    assert every == sorted(every)
    assert all(name.startswith("bench_") for name in every)
    assert discover(["no-such-benchmark"]) == []


def test_a_row_reads_as_a_ratio_against_its_baseline() -> None:
    line = format_row(
        {
            "name": "grade 100,000 responses",
            "seconds": 0.25,
            "baseline": "naive loop",
            "baseline_seconds": 5.0,
            "ratio": 20.0,
            "target": "< 1 s",
        }
    )
    assert "250.00 ms" in line
    assert "20.0x vs naive loop" in line
    assert "target < 1 s" in line


def test_runner_reports_a_broken_benchmark_and_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import benchmarks.__main__ as runner

    class Broken:
        @staticmethod
        def run() -> list[dict[str, object]]:
            raise RuntimeError("boom")

    monkeypatch.setattr(runner, "discover", lambda only: ["bench_broken"])
    monkeypatch.setattr(runner.importlib, "import_module", lambda name: Broken)
    assert main([]) == 1
    assert "failed: RuntimeError: boom" in capsys.readouterr().out
