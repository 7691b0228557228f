"""The benchmark harness: `manage.py bench` measures registry pages at national scale.

`scale` generates the national-scale data set, `measure` times requests and counts queries,
`scenarios` says what is measured (later issues register more groups there) and `report`
renders and merges the sections of BENCHMARKS.md.
"""
