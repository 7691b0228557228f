"""The top floor of Kapstok: what composes the domain apps and may import any of them.

The start page per role, /healthz and the error pages, the scheduler's daily jobs and the demo
seed (`seed_demo`). No other app imports this one.
"""
