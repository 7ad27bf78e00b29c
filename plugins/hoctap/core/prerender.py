"""The second core: a forked child makes generated pages' HTML from the last page backwards while
the build works forwards (issue #11, point 3: "use both cores where the work splits").

Each page is made once, by whichever process claims it first: the child claims pages downwards
from the end, the build claims a page when it first reads it; a shared lock orders the claims.
The child sends each page it made through a pipe, which a thread of the build drains, so the
child never waits. Whatever the child does not deliver (it stopped, failed or was never started)
the build makes itself, with the page's own function: the output does not depend on which process
made a page (``tests/test_prerender.py`` builds both ways and compares).

Only where ``os.fork`` exists and the process has no other thread (``mkdocs build``; not under
``serve``, whose server threads a fork would copy mid-work). ``HOCTAP_JOBS=1`` turns it off.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import struct
import threading
from typing import Callable

from . import textcache

_HEADER = struct.Struct("<iI")   # page index, length of the UTF-8 HTML


def enabled(threads_ok: bool = False) -> bool:
    """``threads_ok``: fork even if this process runs other threads (tests, whose session fixtures
    serve pages from a thread; the child touches none of their locks)."""
    if os.environ.get("HOCTAP_JOBS", "").strip() == "1":
        return False
    return hasattr(os, "fork") and (os.cpu_count() or 1) >= 2 and (threads_ok or threading.active_count() == 1)


class Prerender:
    """``start(makers)`` with the pages' HTML functions in build order; ``html(i)`` then gives
    page ``i``'s HTML, made here or received from the child."""

    def __init__(self) -> None:
        self._makers: list[Callable[[], str]] = []
        self._results: dict[int, str] = {}
        self._cond = threading.Condition()
        self._done = True            # no child: the build makes every page
        self._pid: int | None = None
        self._thread: threading.Thread | None = None
        self.received = 0

    def start(self, makers: list[Callable[[], str]], *, threads_ok: bool = False) -> bool:
        self._makers = makers
        if len(makers) < 2 or not enabled(threads_ok):
            return False
        ctx = multiprocessing.get_context("fork")
        self._lock = ctx.Lock()
        # [0]: the lowest index the child has claimed (len: none yet); [1]: the highest the build has
        self._claims = ctx.RawArray("q", [len(makers), -1])
        read_fd, write_fd = os.pipe()
        self._cache_mark = textcache.current().mark()
        gc.freeze()   # the collector leaves the shared objects alone in the child: no copy of them
        pid = os.fork()
        if pid == 0:   # the child: never returns
            os.close(read_fd)
            self._child(write_fd)
        os.close(write_fd)
        self._pid, self._done = pid, False
        self._thread = threading.Thread(target=self._drain, args=(read_fd,), daemon=True)
        self._thread.start()
        return True

    def _child(self, write_fd: int) -> None:
        status = 0
        try:
            with os.fdopen(write_fd, "wb", buffering=1 << 16) as pipe:
                for index in range(len(self._makers) - 1, -1, -1):
                    with self._lock:
                        if index <= self._claims[1]:
                            break
                        self._claims[0] = index
                    data = self._makers[index]().encode("utf-8")
                    pipe.write(_HEADER.pack(index, len(data)))
                    pipe.write(data)
                    pipe.flush()
        except BaseException:   # the build makes what the child did not send
            status = 1
        try:   # what it worked out once for all runs (QR codes, descriptions) goes to the parent
            textcache.current().export_since(self._cache_mark)
        except BaseException:
            pass
        os._exit(status)   # no atexit handlers, no flushing of the parent's buffers

    def _drain(self, read_fd: int) -> None:
        with os.fdopen(read_fd, "rb") as pipe:
            while True:
                header = pipe.read(_HEADER.size)
                if len(header) < _HEADER.size:
                    break
                index, length = _HEADER.unpack(header)
                data = pipe.read(length)
                if len(data) < length:
                    break
                with self._cond:
                    self._results[index] = data.decode("utf-8")
                    self.received += 1
                    self._cond.notify_all()
        with self._cond:
            self._done = True
            self._cond.notify_all()

    def html(self, index: int) -> str:
        if not self._done or index in self._results:
            with self._lock:
                if index > self._claims[1]:
                    self._claims[1] = index
                childs = index >= self._claims[0]
            if childs:
                with self._cond:
                    while index not in self._results and not self._done:
                        self._cond.wait()
                    if index in self._results:
                        return self._results.pop(index)
        return self._makers[index]()

    def finish(self) -> None:
        """Wait for the child and the reader (every page read by now: the child has stopped)."""
        if self._pid is not None:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            textcache.current().merge_child(self._pid)
            self._pid = None
        if self._thread is not None:
            self._thread.join()
            self._thread = None
            gc.unfreeze()   # what start() froze for the child may be collected again
        self._results.clear()

    def stop(self) -> None:
        """On a failed build: end the child now."""
        if self._pid is not None:
            try:
                os.kill(self._pid, 9)
            except ProcessLookupError:
                pass
        self.finish()
