"""The registry of kinds: explicit list, load order from requires/feeds, no import side effects."""

import subprocess
import sys

import pytest

from hoctap.kinds import BUILTIN_KINDS
from hoctap.site.hub import SITE_BLOCKS
from hoctap.site.registry import Kind, Registry, RegistryError, load_order


def names(kinds):
    return [k.name for k in kinds]


def test_builtin_load_order_follows_requires_and_feeds():
    """Plans first (cited by all); clubs before the calendar they feed; news and reports after it."""
    order = names(load_order(BUILTIN_KINDS))
    assert order == ["ke-hoach", "van-ban", "vinh-danh", "nha-van-hoa", "cau-lac-bo", "su-kien", "tin-tuc", "bao-cao",
                     "tim-kiem", "phan-cong", "kiem-tra", "khao-sat", "danh-gia"]
    for kind in BUILTIN_KINDS:
        for required in kind.requires:
            assert order.index(required) < order.index(kind.name)
        for fed in kind.feeds:
            assert order.index(fed) > order.index(kind.name)


def test_load_order_does_not_depend_on_the_listing():
    assert names(load_order(reversed(BUILTIN_KINDS)))[0] == "ke-hoach"
    assert names(load_order(reversed(BUILTIN_KINDS))).index("cau-lac-bo") < names(
        load_order(reversed(BUILTIN_KINDS))).index("su-kien")


def test_outputs_follow_the_listing_order():
    registry = Registry(BUILTIN_KINDS)
    assert registry.renderers == [k.outputs for k in BUILTIN_KINDS if k.outputs]


def test_a_missing_requirement_is_named():
    lonely = Kind(name="thong-bao", label="Thông báo", requires=("ke-hoach", "khong-co"))
    with pytest.raises(RegistryError, match="'thong-bao' requires 'khong-co', which is not registered"):
        load_order([Kind(name="ke-hoach", label="Kế hoạch"), lonely])


def test_a_cycle_is_named():
    a = Kind(name="a", label="A", requires=("b",))
    b = Kind(name="b", label="B", requires=("c",))
    c = Kind(name="c", label="C", feeds=("b",), requires=("a",))
    with pytest.raises(RegistryError, match=r"cycle \(each loads after the next\): a -> b -> c -> a$"):
        load_order([a, b, c])


def test_a_kind_listed_twice_and_a_block_registered_twice_are_refused():
    with pytest.raises(RegistryError, match="listed twice"):
        Registry([BUILTIN_KINDS[0], BUILTIN_KINDS[0]])
    clash = Kind(name="khac", label="Khác", blocks={"lien-he": lambda hub, uri: ""})
    with pytest.raises(RegistryError, match="block 'lien-he'"):
        Registry([clash], site_blocks=SITE_BLOCKS)


def test_registries_belong_to_their_instance():
    """Two registries do not share blocks: nothing is registered in a module-level list."""
    extra = Kind(name="khac", label="Khác", blocks={"khoi-thu": lambda hub, uri: "x"})
    with_extra = Registry([*BUILTIN_KINDS, extra])
    plain = Registry(BUILTIN_KINDS)
    assert "khoi-thu" in with_extra.blocks and "khoi-thu" not in plain.blocks


def test_importing_modules_registers_nothing():
    """Importing every module of the package, in any order, leaves no registry state behind:
    the module-level lists of the old layout (LOADERS, RENDERERS, BLOCKS, EVENT_PROVIDERS, KINDS)
    are gone, and the commands' registry equals a fresh one."""
    code = (
        "import importlib, pkgutil, hoctap\n"
        "mods = sorted(m.name for m in pkgutil.walk_packages(hoctap.__path__, 'hoctap.'))\n"
        "for name in reversed(mods): importlib.import_module(name)\n"
        "import sys\n"
        "found = [f'{n}.{a}' for n in mods for a in ('LOADERS', 'RENDERERS', 'BLOCKS', 'EVENT_PROVIDERS', 'KINDS')\n"
        "         if hasattr(sys.modules[n], a)]\n"
        "print(found)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
