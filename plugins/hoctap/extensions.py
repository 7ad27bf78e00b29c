"""Imports the modules that register loaders, page blocks and renderers with the hub.

One line per content kind; the hub itself names none of them.
"""
