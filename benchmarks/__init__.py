"""The benchmark harness: `manage.py bench` measures pages at national scale.

A development tool, not part of the product: `kapstok/settings.py` installs this app only when
`KAPSTOK_BENCH=true` (set by `make bench`, `scripts/loadtest.sh` and the test suite), so web
processes never load it. The labelled cards of the clustering section are in `data/`.

`scale` generates the national-scale data set (`scale_kapstok` the kapstok half of it, `draws`
the seeded draws both use), `measure` times requests and functions and counts their queries,
`scenarios` says what is measured, the floors every group measures and issue #19's targets
(the foundation group; `scenarios_kapstok`, `scenarios_support`, `scenarios_peers`,
`scenarios_representation` and `scenarios_roles` register theirs, imported by
`BenchConfig.ready`; support, peers and representation build their own data with
`scale_support`, `scale_peers` and `scale_representation` in a `prepare` step), `personas` makes
the accounts the pages are requested as, and `report` renders and merges the sections of
BENCHMARKS.md. `extra_sections` adds the ones that are not page timings, among them
`public_site`: the map page served by gunicorn and loaded in Chromium. `load` and `locustfile`
are the load test of `scripts/loadtest.sh`.
"""
