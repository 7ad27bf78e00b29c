"""The registry of a hub: the kinds of content it publishes and what each kind contributes.

A *kind* (``Kind``) is one package under ``hoctap/kinds/``: plans, events, clubs, news, reports.
It declares, as data, everything the rest of the program needs of it:

- ``files``: the content files staff write (``ContentKind``: folder, pattern, pydantic model,
  scaffold), which ``hoctap new``, ``hoctap schema``, ``hoctap check`` and the shared rules in
  ``site/rules.py`` work from;
- ``load(hub)``: reads and cross-checks its content into the hub;
- ``blocks``: page blocks (``<!-- hoctap: name -->`` in a content page);
- ``outputs(hub)``: the pages and files it generates;
- ``event_providers``: calendar events it contributes (clubs' meetings), so that there is one
  recurrence implementation;
- ``anchors``: the explanation in the staff guide of its own messages;
- ``requires`` / ``feeds``: the kinds that load before it / after it. The load order follows
  from them (a stable topological sort); a cycle or an unknown name is a ``RegistryError``.

Nothing registers on import: ``hoctap/kinds/__init__.py`` lists the built-in kinds, and a
``Registry`` is made from a list of kinds (``Registry(BUILTIN_KINDS + (my_kind,))``). The hub
owns its registry (``hub.registry``); there are no module-level lists to fill.

A content kind's scaffold returns the whole file (front matter and body for Markdown kinds)
with every field present and commented in Vietnamese. Required values staff must still write
are left as ``""`` and marked ``# BẮT BUỘC``. ``hoctap new`` adds the
``# yaml-language-server: $schema=…`` line itself; ``hoctap schema`` writes
``schemas/<name>.schema.json`` from ``model``.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from pydantic import BaseModel

from ..core.outputs import Outputs
from ..core.sources import walkable

if TYPE_CHECKING:
    from .hub import Hub
    from .incremental import Edited

Scaffold = Callable[[str, str, date], str]


@dataclass(frozen=True)
class ContentKind:
    name: str                   # "ke-hoach"
    label: str                  # "Kế hoạch"
    folder: str                 # "content/ke-hoach", relative to the project root
    pattern: str                # "*.md"
    model: type[BaseModel]      # validates one file (its front matter for Markdown kinds)
    scaffold: Scaffold          # (title, slug, today) -> file text
    id_field: str | None = "ma"  # field holding the unique id of one item (None: the file name is the id)
    exclude: tuple[str, ...] = ("index.md",)   # files in the folder that are not items
    # Optional: turns the model's JSON Schema into the schema of a whole file (e.g. a file that
    # holds one item or a list of items).
    file_schema: Callable[[dict], dict] | None = None
    # Optional: the sub-folder a new item goes in, from the day it is made (e.g. the year).
    subfolder: Callable[[date], str] | None = None
    # File names unique across the whole kind (False when sub-folders are part of the address).
    unique_file_names: bool = True

    def new_path(self, root: Path, slug: str, today: date) -> Path:
        folder = root / self.folder
        if self.subfolder is not None:
            folder = folder / self.subfolder(today)
        return folder / f"{slug}{self.suffix}"

    @property
    def markdown(self) -> bool:
        return self.pattern.endswith(".md")

    @property
    def suffix(self) -> str:
        return self.pattern.rsplit("*", 1)[-1]

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The endings of the files read as items: a YAML kind reads ``.yml`` files as well."""
        return (".yaml", ".yml") if self.suffix == ".yaml" else (self.suffix,)

    @property
    def schema_file(self) -> str:
        return f"schemas/{self.name}.schema.json"

    def folder_for(self, unit: str | None) -> str:
        """The kind's folder inside a unit's folders (a hub of several units, ``site/units.py``):
        ``content/ke-hoach`` → ``content/vieng-lan/ke-hoach``, ``events`` → ``events/vieng-lan``."""
        if not unit:
            return self.folder
        first, _, rest = self.folder.partition("/")
        return f"{first}/{unit}" + (f"/{rest}" if rest else "")

    def nested_folders(self, root: Path, kinds: Iterable["ContentKind"], unit: str | None) -> list[Path]:
        """Folders inside this kind's folder (of ``unit``) that belong to another of ``kinds``."""
        base = root / self.folder_for(unit)
        return [root / k.folder_for(unit) for k in kinds
                if k.name != self.name and (root / k.folder_for(unit)) != base
                and (root / k.folder_for(unit)).is_relative_to(base)]

    def files(self, root: Path, kinds: Iterable["ContentKind"] = (),
              units: Iterable[str | None] = (None,)) -> list[Path]:
        """Files of this kind (in each unit's folder when ``units`` names them), ending in one of
        ``suffixes``, sorted by path; a folder inside this one that belongs to another of ``kinds``
        is left out (``events/cau-lac-bo/`` holds clubs, not events)."""
        kinds = list(kinds)
        out: list[Path] = []
        for unit in units:
            base = root / self.folder_for(unit)
            if not walkable(base, root):
                continue
            others = self.nested_folders(root, kinds, unit)
            out.extend(p for p in base.rglob("*") if p.suffix in self.suffixes and p.is_file()
                       and p.name not in self.exclude and not any(p.is_relative_to(o) for o in others))
        return sorted(out)


@dataclass(frozen=True)
class Backlink:
    """One item that cites a plan section (``ke_hoach: plan#II.1``) in one year: what the plan pages
    list under that section. Kinds contribute them through ``Kind.backlinks``."""

    ref: str              # the citation as written, "hoc-tap-suot-doi-den-2030#II.1"
    kind: str             # "Hoạt động", "Câu lạc bộ", "Lớp học", "Tin bài"
    title: str
    url: str              # output path of the item's page
    year: int             # the year it carried the section out
    when: date            # its latest day in that year (newest first)
    path: Path            # its content file (the unit mark in a hub of several units)


Block = Callable[["Hub", str], str]          # (hub, src_uri of the page) -> Markdown/HTML
Loader = Callable[["Hub"], None]
Renderer = Callable[["Hub"], Outputs]
EventProvider = Callable[["Hub"], list]      # -> [(EventSource, path, line)]
BacklinkProvider = Callable[["Hub"], list]   # -> [Backlink]
SearchProvider = Callable[["Hub"], list]     # -> [core.search.Entry]
EditView = Callable[["Hub", Path], "Edited | None"]   # see site/incremental.py


@dataclass(frozen=True)
class Kind:
    """One kind of content and everything it contributes to a hub (see the module docstring)."""

    name: str                                   # "su-kien"
    label: str                                  # "Sự kiện"
    files: tuple[ContentKind, ...] = ()         # the files staff write (none for reports)
    load: Loader | None = None                  # reads and checks the content into the hub
    blocks: Mapping[str, Block] = field(default_factory=dict)
    outputs: Renderer | None = None             # generated pages and files
    event_providers: tuple[EventProvider, ...] = ()
    # Items of this kind that cite plan sections, by year (listed under each section of a plan).
    backlinks: tuple[BacklinkProvider, ...] = ()
    # Entries of the site's search index for this kind's pages (read by the search kind).
    search: tuple[SearchProvider, ...] = ()
    anchors: tuple[tuple[str, str], ...] = ()   # (pattern in "field: message (hint)", anchor in loi.md)
    requires: tuple[str, ...] = ()              # kinds whose loaded content ``load`` reads
    feeds: tuple[str, ...] = ()                 # kinds that read what this one loads (clubs feed events)
    # Other kinds cite this one: when it has errors, loading stops after it (checking the others
    # against it would repeat one mistake once per citation).
    cited: bool = False
    # Serving one edited file of this kind (site/incremental.py): what the rest of the site reads
    # from it before and after the edit; None when the kind cannot tell (the whole site is rebuilt).
    edit: "EditView | None" = None
    # Checks this kind runs on one edited item of another kind (``Edited.item``), as its loader would.
    edit_checks: tuple[Callable[["Hub", object], None], ...] = ()


class RegistryError(ValueError):
    """A programming mistake in the list of kinds (raised before any content is read)."""


def load_order(kinds: Iterable[Kind]) -> list[Kind]:
    """Kinds in an order where each loads after what it ``requires`` and before what it ``feeds``;
    among kinds free to go, the one listed first goes first (the order is stable)."""
    kinds = list(kinds)
    by_name: dict[str, Kind] = {}
    for kind in kinds:
        if kind.name in by_name:
            raise RegistryError(f"kind {kind.name!r} is listed twice")
        by_name[kind.name] = kind
    before: dict[str, set[str]] = {k.name: set() for k in kinds}
    for kind in kinds:
        for relation, names in (("requires", kind.requires), ("feeds", kind.feeds)):
            for name in names:
                if name not in by_name:
                    raise RegistryError(f"kind {kind.name!r} {relation} {name!r}, which is not registered "
                                        f"(registered: {', '.join(by_name)})")
        before[kind.name].update(kind.requires)
        for name in kind.feeds:
            before[name].add(kind.name)
    order: list[Kind] = []
    placed: set[str] = set()
    while len(order) < len(kinds):
        ready = next((k for k in kinds if k.name not in placed and before[k.name] <= placed), None)
        if ready is None:
            raise RegistryError("kinds wait for each other in a cycle (each loads after the next): "
                                + _cycle(before, placed))
        order.append(ready)
        placed.add(ready.name)
    return order


def _cycle(before: dict[str, set[str]], placed: set[str]) -> str:
    """One cycle among the kinds not placed, as ``a -> b -> a`` (a loads after b, b after a)."""
    path = [next(n for n in before if n not in placed)]
    while True:
        nxt = sorted(before[path[-1]] - placed)[0]
        if nxt in path:
            return " -> ".join(path[path.index(nxt):] + [nxt])
        path.append(nxt)


class Registry:
    """What a list of kinds contributes, in load order; a hub owns one (``hub.registry``)."""

    def __init__(self, kinds: Iterable[Kind], site_blocks: Mapping[str, Block] | None = None):
        self.kinds: tuple[Kind, ...] = tuple(kinds)           # as listed: the order of outputs
        # The unit folders content files live in (a hub of several units); (None,): today's layout.
        self.unit_folders: tuple[str | None, ...] = (None,)
        self.load_order: tuple[Kind, ...] = tuple(load_order(self.kinds))
        self.content_kinds: tuple[ContentKind, ...] = tuple(
            sorted((f for k in self.kinds for f in k.files), key=lambda f: f.name))
        seen: dict[str, str] = {}
        for content in self.content_kinds:
            if content.name in seen:
                raise RegistryError(f"content kind {content.name!r} registered twice")
            seen[content.name] = content.name
        self.blocks: dict[str, Block] = {}
        sources = [("site", dict(site_blocks or {}))] + [(k.name, dict(k.blocks)) for k in self.kinds]
        sources += [(c.name, {f"mau-{c.name}": template_block(c)}) for c in self.content_kinds]
        for owner, blocks in sources:
            for name, block in blocks.items():
                if name in self.blocks:
                    raise RegistryError(f"block {name!r} of {owner!r} is registered twice")
                self.blocks[name] = block

    @property
    def loaders(self) -> list[Loader]:
        return [k.load for k in self.load_order if k.load is not None]

    @property
    def renderers(self) -> list[Renderer]:
        return [k.outputs for k in self.kinds if k.outputs is not None]

    @property
    def event_providers(self) -> list[EventProvider]:
        return [p for k in self.load_order for p in k.event_providers]

    @property
    def backlink_providers(self) -> list[BacklinkProvider]:
        return [p for k in self.kinds for p in k.backlinks]

    @property
    def search_providers(self) -> list[SearchProvider]:
        return [p for k in self.kinds for p in k.search]

    @property
    def anchors(self) -> list[tuple[str, str]]:
        return [a for k in self.kinds for a in k.anchors]

    def content_kind(self, name: str) -> ContentKind | None:
        return next((c for c in self.content_kinds if c.name == name), None)

    def files(self, content: ContentKind, root: Path) -> list[Path]:
        """The files of one content kind (nested folders of the other kinds left out)."""
        return content.files(root, self.content_kinds, self.unit_folders)

    def markdown_owners(self, root: Path) -> dict[Path, "Kind"]:
        """Resolved path → kind, for every Markdown file a content kind owns (its loader reads
        the front matter; the hub has a model of it). The other pages of content/ are the site's."""
        return {p.resolve(): kind for kind in self.kinds for content in kind.files
                if content.markdown for p in self.files(content, root)}


def yaml_quote(text: str) -> str:
    """A YAML double-quoted string (JSON strings are valid YAML), for scaffolds."""
    return json.dumps(text, ensure_ascii=False)


# -- the new-file header and the template block in the staff guide ---------------------------

SCHEMA_COMMENT = "# yaml-language-server: $schema="


def with_schema_line(kind: ContentKind, text: str, schema_ref: str) -> str:
    """Put the editor's schema comment on the first line (of the front matter for Markdown)."""
    line = SCHEMA_COMMENT + schema_ref + "\n"
    if kind.markdown:
        assert text.startswith("---\n"), "a Markdown scaffold starts with its front matter"
        return "---\n" + line + text[4:]
    return line + text


def template_block(kind: ContentKind) -> Block:
    """``<!-- hoctap: mau-<kind> -->`` in a guide page shows the current template of the kind."""
    def _template(hub, src_uri: str) -> str:
        text = with_schema_line(kind, kind.scaffold("Tiêu đề của bạn", "tieu-de-cua-ban", hub.today),
                                f"../../{kind.schema_file}")
        return f'\n<pre class="hoctap-mau"><code>{html.escape(text)}</code></pre>\n'
    return _template


# -- JSON Schema for editors ---------------------------------------------------------------------

def schema_text(kind: ContentKind) -> str:
    """``schemas/<name>.schema.json``: the kind's model as JSON Schema, by Vietnamese field names."""
    schema = kind.model.model_json_schema(by_alias=True)
    if kind.file_schema is not None:
        schema = kind.file_schema(schema)
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Tạo tự động từ mô hình dữ liệu bằng lệnh 'hoctap schema'; đừng sửa tay.",
        "title": kind.label,
    }
    schema = _drop_titles(schema)
    return json.dumps({**head, **schema}, ensure_ascii=False, indent=2) + "\n"


def _drop_titles(node, in_properties: bool = False):
    """Pydantic's automatic titles ("So Ky Hieu") help nobody; the field names are the Vietnamese."""
    if isinstance(node, dict):
        return {k: _drop_titles(v, k in ("properties", "$defs") and not in_properties)
                for k, v in node.items() if in_properties or k != "title"}
    if isinstance(node, list):
        return [_drop_titles(v) for v in node]
    return node
