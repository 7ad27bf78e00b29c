"""The built-in content kinds, listed explicitly (nothing registers itself on import).

The list order is the order of the generated outputs; the load order follows from each
kind's ``requires=``/``feeds=`` (``site.registry.load_order``). To add a kind, write its
package and add it here (or pass it to ``load_hub(..., kinds=BUILTIN_KINDS + (KIND,))``).
"""

from __future__ import annotations

from functools import lru_cache

from ..site.registry import ContentKind, Registry
from .bodies import BODIES
from .assessments import ASSESSMENTS
from .clubs import CLUBS
from .documents import DOCUMENTS
from .consistency import CONSISTENCY
from .events import EVENTS
from .honours import HONOURS
from .news import NEWS
from .plans import PLANS
from .reports import REPORTS
from .search import SEARCH
from .surveys import SURVEYS
from .venues import VENUES

BUILTIN_KINDS = (PLANS, EVENTS, NEWS, CLUBS, REPORTS, SEARCH, DOCUMENTS, BODIES, HONOURS, VENUES, CONSISTENCY,
                 SURVEYS, ASSESSMENTS)


@lru_cache(maxsize=1)
def builtin_registry() -> Registry:
    """The registry of the built-in kinds, for the commands that read no content (new, schema)."""
    from ..site.hub import SITE_BLOCKS

    return Registry(BUILTIN_KINDS, site_blocks=SITE_BLOCKS)


def all_kinds() -> list[ContentKind]:
    """The content kinds staff write, by name."""
    return list(builtin_registry().content_kinds)


def get_kind(name: str) -> ContentKind | None:
    return builtin_registry().content_kind(name)
