"""Performance measurements, run apart from the tests (``make bench``).

Every ``benchmarks/bench_*.py`` defines ``run() -> list[dict]``; each row names a measurement,
its time, the baseline measured in the same process, and their ratio. Timed assertions never
live in the tests: machines differ, ratios within one run do not lie.
"""
