"""End-to-end tests: a real Chromium, driven by Playwright, against pytest-django's live server.

They check what only a browser shows: that each persona lands on its start page after logging in
through the real form, that a lead can add a member through the real forms, and that the main pages
have no serious or critical accessibility violations according to axe-core. See `conftest.py`.
"""
