"""Pure analysis code: plain data in, plain results out, no Django imports.

Each module is unit-tested without a database; one thin function per capability (in the app's
`selectors.py` or `services.py`) loads from the ORM, calls it, and saves or renders the result.
"""
