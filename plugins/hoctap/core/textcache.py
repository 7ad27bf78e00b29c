"""What hoctap works out from one piece of text alone, kept between runs (issue #11, point 3:
``hoctap check`` at size L).

Some results depend on nothing but a text: the parsed YAML of a data file or a front matter
(``sources.parse_yaml``, with the line of every field), the scan of a piece of staff Markdown
(``publishing.scan_markdown``: what it runs or loads, what it links to), the instances of a
recurrence rule in a window (``recurrence._between``), a description's Markdown conversion
(``render.markdown_html``, sanitised on every call), a QR code's mask (``subscribe.qr_code``:
segno encodes the address on every call) and a content page's conversion by MkDocs
(``adapters/mkdocs.py``, sanitised on every build). A check after an edit of
one file finds every other text here, under a hash of the text and of hoctap's own code, and
skips the parse and the Markdown rendering. Everything that depends on more than one file
(validation, references, links, generated pages) is worked out again on every run.

Where it lives: ``$HOCTAP_CACHE`` or ``$XDG_CACHE_HOME/hoctap`` (``~/.cache/hoctap``), one file per
project folder; never inside the project, so a commit cannot plant one. ``HOCTAP_CACHE=0`` turns it
off. Only results that are plain data (dicts, lists, strings, numbers) are kept, read back by an
unpickler that refuses every class (``_PlainUnpickler``), so a cache file someone else wrote can at
worst give a wrong result, never run code; a damaged or foreign file is ignored. Only clean results
are kept: a text with a problem is parsed again on every run, so each run reports it. Results are
stored as bytes and unpickled on every use: a caller may change what it gets.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

_FORMAT = b"hoctap-textcache-2"


class _PlainUnpickler(pickle.Unpickler):
    """Builtin containers and scalars only: any class or function is refused."""

    def find_class(self, module: str, name: str):
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed here")


def _plain_loads(data: bytes) -> Any:
    return _PlainUnpickler(io.BytesIO(data)).load()


def _code_version() -> bytes:
    """A hash of hoctap's own Python files and of the parsers' versions: results made by other
    code are not reused."""
    import markdown
    import nh3
    import segno
    import yaml

    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    versions = (yaml.__version__, getattr(yaml, "__with_libyaml__", False), markdown.__version__,
                getattr(nh3, "__version__", ""), segno.__version__)
    digest.update(repr(versions).encode())
    return digest.digest()


def cache_dir() -> Path | None:
    """The folder of cache files, or None when ``HOCTAP_CACHE`` turns the cache off."""
    value = os.environ.get("HOCTAP_CACHE", "").strip()
    if value in ("0", "off", "no", "false"):
        return None
    if value:
        return Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hoctap"


class TextCache:
    """Results keyed by (space, text); loaded from ``file`` when given, written back by ``save``."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = file
        self._stored: dict[bytes, bytes] = {}
        self._used: dict[bytes, bytes] = {}
        self._added = 0
        self.hits = 0
        self._version = _code_version() if file is not None else b""
        if file is not None:
            self._stored = self._read(file)

    def _read(self, file: Path) -> dict[bytes, bytes]:
        try:
            data = _plain_loads(file.read_bytes())
        except FileNotFoundError:
            return {}
        except Exception:   # damaged, foreign or from another format: start afresh
            return {}
        if (not isinstance(data, tuple) or len(data) != 3 or data[0] != _FORMAT or data[1] != self._version
                or not isinstance(data[2], dict)):
            return {}
        return {k: v for k, v in data[2].items() if isinstance(k, bytes) and isinstance(v, bytes)}

    @staticmethod
    def _key(space: str, text: str) -> bytes:
        """The space in clear (``save`` prunes by space), then a hash of the text."""
        return space.encode() + b"\0" + hashlib.blake2b(space.encode() + b"\0" + text.encode("utf-8", "surrogatepass"),
                                                        digest_size=20).digest()

    def get(self, space: str, text: str, make: Callable[[], Any], keep: Callable[[Any], Any]) -> Any:
        """``make()``'s result for ``text``, from the cache when there; a new result is kept when
        ``keep(result)`` gives plain data to store (None: not kept)."""
        found = self.peek(space, text)
        if found is not None:
            return found
        result = make()
        plain = keep(result)
        if plain is not None:
            self.put(space, text, plain)
        return result

    def peek(self, space: str, text: str) -> Any:
        """The kept result for ``text``, or None (for results made elsewhere: ``put``)."""
        key = self._key(space, text)
        data = self._used.get(key) or self._stored.get(key)
        if data is None:
            return None
        try:
            value = _plain_loads(data)
        except Exception:
            return None
        self._used[key] = data
        self.hits += 1
        return value

    def put(self, space: str, text: str, value: Any) -> None:
        """Keep ``value`` (plain data; anything else is not kept) as the result for ``text``."""
        try:
            data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            _plain_loads(data)
        except Exception:
            return
        self._used[self._key(space, text)] = data
        self._added += 1

    def save(self, prune: Iterable[str] | None = ()) -> None:
        """Write the results back, atomically (a temporary file renamed), silently giving up when
        the folder is not writable. ``prune``: the spaces this run has gone through completely
        (``CHECK_SPACES`` after a check, None for every space after a build), whose results it did
        not use (texts since edited or removed) are dropped; the rest is kept."""
        if self.file is None:
            return
        spaces = None if prune is None else {space.encode() + b"\0" for space in prune}

        def dropped(key: bytes) -> bool:
            return key not in self._used and (spaces is None or key[: key.find(b"\0") + 1] in spaces)

        stale = [key for key in self._stored if dropped(key)]
        if not self._added and not stale:
            return
        merged = {**{k: v for k, v in self._stored.items() if not dropped(k)}, **self._used}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps((_FORMAT, self._version, merged), protocol=pickle.HIGHEST_PROTOCOL)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.file.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, self.file)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            return
        self._stored, self._added = merged, 0

    # -- a forked child (core/prerender.py) hands back what it used and made ---------------------

    def mark(self) -> int:
        """Taken before a fork: the child's results are those it records after this."""
        return len(self._used)

    def _part(self, pid: int) -> Path | None:
        return None if self.file is None else self.file.with_name(f"{self.file.name}.{pid}.part")

    def export_since(self, mark: int) -> None:
        """In the child: what it used or made since ``mark``, to a file its parent reads."""
        part = self._part(os.getpid())
        if part is None:
            return
        entries = dict(list(self._used.items())[mark:])
        if entries:
            part.write_bytes(pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))

    def merge_child(self, pid: int) -> None:
        """In the parent, once the child ``pid`` has ended: take what it handed back."""
        part = self._part(pid)
        if part is None:
            return
        try:
            entries = _plain_loads(part.read_bytes())
        except Exception:
            entries = {}
        finally:
            try:
                part.unlink()
            except OSError:
                pass
        if isinstance(entries, dict):
            for key, data in entries.items():
                if isinstance(key, bytes) and isinstance(data, bytes) and key not in self._used:
                    self._used[key] = data
                    self._added += 1


# What a check goes through completely: after ``hoctap check`` only these are pruned.
CHECK_SPACES = ("yaml", "scan", "rrule")


_current = TextCache(None)


def current() -> TextCache:
    """The cache of the project being loaded (a cache that keeps nothing between runs when none
    was opened)."""
    return _current


def open_for(root: Path) -> TextCache:
    """Open (once per process and project) the cache of the project folder ``root``."""
    global _current
    folder = cache_dir()
    if folder is None:
        _current = TextCache(None)
        return _current
    name = hashlib.blake2b(str(Path(root).resolve()).encode(), digest_size=12).hexdigest() + ".pickle"
    file = folder / name
    if _current.file != file:
        _current = TextCache(file)
    # The same project again (``serve`` rebuilding): the same cache, with what every load of this
    # process used. A file parsed before and unchanged is taken from ``sources``' own per-process
    # cache without asking this one, so "not used by this load" would not mean "stale".
    return _current
