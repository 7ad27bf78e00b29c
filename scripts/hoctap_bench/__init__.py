"""Benchmark of hoctap: a seeded corpus generator and the measurements of issue #11.

Run through ``scripts/bench``; see README, section "Performance". Imports no hoctap module:
hoctap is driven through its public entry points only (the ``hoctap`` command, ``python -m mkdocs``).
"""
