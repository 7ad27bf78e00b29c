"""hoctap: knowledge hub and event calendar for community learning centres.

The domain core (everything in this package except ``mkdocs_plugin``) imports
nothing from MkDocs; ``hoctap.mkdocs_plugin`` adapts it to MkDocs 1.6.
"""

__version__ = "0.1.0"
