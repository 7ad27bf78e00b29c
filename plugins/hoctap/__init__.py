"""hoctap: knowledge hub and event calendar for community learning centres.

Layers: ``core`` (sources, problems, values, dates, lunar, render, urls), ``site`` (config,
registry, hub, rules), ``kinds`` (one package per kind of content; ``hoctap.kinds`` lists the
built-in ones) and ``adapters`` (the MkDocs plugin and the ``hoctap`` command). Nothing but
``hoctap.adapters`` imports MkDocs.
"""

__version__ = "0.1.0"
