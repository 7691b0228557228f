"""The benchmark harness: `manage.py bench` measures pages at national scale.

`scale` generates the national-scale data set (`scale_kapstok` the kapstok half of it, `draws`
the seeded draws both use), `measure` times requests and functions and counts their queries,
`scenarios` says what is measured (the foundation group; `scenarios_kapstok`,
`scenarios_support` and `scenarios_peers` register theirs, imported by `BenchConfig.ready`; the
last two build their own data with `scale_support` and `scale_peers` in a `prepare` step) and
`report` renders and merges the sections of BENCHMARKS.md.
"""
