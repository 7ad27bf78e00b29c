"""libyaml's C parser reads clean files; PyYAML's pure-Python parser alone writes messages.

The fast path (``core.sources._FastLoader``) must give exactly what the pure-Python path gives:
the same data, the same line of every field and the same messages, for every content file of the
sample, every broken file of the bad-input corpus and a list of YAML corner cases where the two
parsers are known or suspected to differ (a tab between tokens, directives, odd spaces)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from hoctap.core import sources
from hoctap.core.problems import Problems

ROOT = Path(__file__).resolve().parent.parent

CORNER_CASES = [
    "a: b: c", "a: 1\t# c", "key:    \t value", "a:\t1", "a: \"b\\tc\"", "- a\n-b", "a: 'x\n  y'", "? a\n: b",
    "a: [1, 2,]", "{a: 1, b}", "k" * 1100 + ": 1", "a: !!str 1", "a: !x", "a: &x 1\nb: *x", "a: *x",
    "%YAML 1.2\n---\na: 1", "%YAML 1.3\n---\na: 1", "%YAML 2.0\n---\na: 1", "%TAG ! tag:x,2000:\n---\na: 1",
    "a: b\n---\nc: d", "a: `b", "a: @b", "a: %x", "a: 1\n...\n", "- - - a", "a: |\n  x\n\tb", "a: {b: c d: e}",
    'a: "\\x41"', 'a: "\\u00e9\\N\\_\\L\\P"', 'a: "\\e"', 'a: "\\0"', "[a:b]", "a:b", "a: [b, c]: d",
    "- a: 1\n  b: 2\n - c", "a: >-\n  x\n\n  y\n", "a: |2\n   x", "a: |0\n x", "a: 'it''s'", "a: \"x\n\n y\"",
    "---\n- 1\n- 2.5\n- .5\n- 1e3\n- 0x1F\n- 0o17\n- +1\n- -.inf\n- .nan\n- " + "9" * 19,
    "a: ~\nb: null\nc:\nd: no\ne: yes\nf: 14:30\ng: 2026-04-21", "a: {? b}", "? [a]\n: 1", "? {a: 1}\n: 2",
    "1: a\n2.5: b\ntrue: c\n~: d", "a: 1\na: 2", "<<: {a: 1}", "a: b\n  c: d", "a:\n  b: 1\n c: 2", "  a: 1\nb: 2",
    "a: 'b'c", "a: - b", "- a\nb: c", "a: [b\nc]", "a: |+\n  x\n\n", "- [a, b\n", "{", "]", "a: '", "? a", ": a",
    "a: 1 # x: y", "a: |-\n", "x: y\n--- \n", "---\n---\n", "", "# only", "...", "--- |\n  x",
    "a:\xa01", "a: b\xa0#c", "a:\u30001", "a: b\u3000c", "- a\n\xa0- b", "a: [b,\xa0c]", "\u2003a: 1",
    "a: b\x0c", "a: 1\n\x0c\nb: 2", "a: \"x\\\n  y\"", "a:\n  ? b\n  : c", "[" * 30 + "]" * 30,
]


def _outcome(text: str, fast: bool, monkeypatch) -> tuple:
    monkeypatch.setattr(sources, "_FastLoader", sources._FastLoader if fast else None)
    problems, scanned = Problems(Path("/tmp")), {}
    located = sources.parse_yaml(text, Path("/tmp/x.yaml"), problems, line_offset=1, scanned=scanned)
    data = None if located is None else (repr(located.data), located.lines)
    return data, list(problems.items), scanned


def test_libyaml_is_there():
    """The pinned PyYAML wheel ships libyaml: without it every file takes the slow path."""
    assert yaml.__with_libyaml__ and sources._FastLoader is not None


@pytest.mark.parametrize("text", CORNER_CASES)
def test_corner_case_reads_the_same(text, monkeypatch):
    fast = _outcome(text, True, monkeypatch)
    pure = _outcome(text, False, monkeypatch)
    assert fast == pure


def _content_files() -> list[Path]:
    roots = [ROOT / "content", ROOT / "events", ROOT / "tests" / "bad-input"]
    return sorted(p for root in roots for p in root.rglob("*")
                  if p.is_file() and p.suffix in (".yaml", ".yml", ".md"))


def test_every_sample_and_bad_input_file_reads_the_same(monkeypatch):
    files = _content_files()
    assert len(files) > 300
    differ = []
    for path in files:
        seen = []
        for fast in (True, False):
            monkeypatch.setattr(sources, "_FastLoader", sources._FastLoader if fast else None)
            problems = Problems(path.parent)
            if path.suffix == ".md":
                located = sources._load_front_matter_file(path, problems, required=False)
            else:
                located = sources._load_yaml_file(path, problems)
            seen.append((None if located is None else (located.data, located.lines, located.body,
                                                       located.body_line), list(problems.items)))
        if seen[0] != seen[1]:
            differ.append(path.relative_to(ROOT).as_posix())
    assert differ == []


class _Counting(sources._Loader):
    made = 0

    def __init__(self, stream):
        type(self).made += 1
        super().__init__(stream)


def test_clean_file_never_reaches_the_pure_python_parser(monkeypatch):
    monkeypatch.setattr(sources, "_Loader", _Counting)
    _Counting.made = 0
    problems = Problems(Path("/tmp"))
    located = sources.parse_yaml("ma: a\nlich:\n  - ngay: '2026-04-21'\n", Path("/tmp/x.yaml"), problems)
    assert located is not None and located.data == {"ma": "a", "lich": [{"ngay": "2026-04-21"}]}
    assert located.lines[("lich", 0, "ngay")] == 3
    assert _Counting.made == 0
    # A problem (here a duplicate field) is written by the pure-Python parser.
    located = sources.parse_yaml("ma: a\nma: b\n", Path("/tmp/x.yaml"), problems)
    assert _Counting.made == 2   # its scan, then its composer
    assert [(item.line, item.field) for item in problems.items] == [(2, "ma")]


def test_without_libyaml_the_pure_python_parser_reads_everything(monkeypatch):
    monkeypatch.setattr(sources, "_FastLoader", None)
    monkeypatch.setattr(sources, "_Loader", _Counting)
    _Counting.made = 0
    located = sources.parse_yaml("ma: a\n", Path("/tmp/x.yaml"), Problems(Path("/tmp")))
    assert located is not None and located.data == {"ma": "a"} and _Counting.made == 2
