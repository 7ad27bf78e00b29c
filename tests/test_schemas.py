"""JSON Schemas in schemas/ are generated from the models and agree with the validator."""

from __future__ import annotations

import json

import jsonschema
import pytest

from conftest import ROOT
from units_fixture import DISTRICT, SAMPLES, VIENG_LAN

UNITS = (VIENG_LAN, DISTRICT, *SAMPLES)   # the shipped sample is a hub: files are in unit folders
from hoctap.core.problems import Problems
from hoctap.kinds import all_kinds, builtin_registry
from hoctap.site.registry import schema_text
from hoctap.core.sources import load_front_matter_file, load_yaml_file

KINDS_LIST = all_kinds()


@pytest.mark.parametrize("kind", KINDS_LIST, ids=lambda k: k.name)
def test_committed_schema_equals_regenerated(kind):
    path = ROOT / kind.schema_file
    assert path.is_file(), f"run: hoctap schema ({kind.schema_file} missing)"
    assert path.read_text(encoding="utf-8") == schema_text(kind), "run: hoctap schema"


def test_no_stray_schema_files():
    assert sorted(p.name for p in (ROOT / "schemas").glob("*.json")) == sorted(
        f"{kind.name}.schema.json" for kind in KINDS_LIST)


def _documents(kind):
    for path in kind.files(ROOT, builtin_registry().content_kinds, UNITS):
        problems = Problems(ROOT)
        located = load_front_matter_file(path, problems) if kind.markdown else load_yaml_file(path, problems)
        assert not problems.errors, problems.errors
        yield path, located.data


@pytest.mark.parametrize("kind", KINDS_LIST, ids=lambda k: k.name)
def test_sample_content_is_valid_for_the_schema(kind):
    schema = json.loads((ROOT / kind.schema_file).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    docs = list(_documents(kind))
    assert docs, f"no sample content for {kind.name}"
    for path, data in docs:
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
        assert not errors, f"{path}: {[e.message for e in errors]}"


@pytest.mark.parametrize("kind", KINDS_LIST, ids=lambda k: k.name)
def test_schema_refuses_unknown_field_like_the_model(kind):
    schema = json.loads((ROOT / kind.schema_file).read_text(encoding="utf-8"))
    path, data = next(iter(_documents(kind)))
    if kind.name == "su-kien" and "su_kien" in data:   # a file listing several events
        data = data["su_kien"][0]
    bad = dict(data, truong_la="x")
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    with pytest.raises(Exception):
        kind.model.model_validate(bad)


@pytest.mark.parametrize("kind", KINDS_LIST, ids=lambda k: k.name)
def test_schema_references_in_content_resolve(kind):
    """Files made by ``hoctap new`` carry the reference (tested in test_cli); where a file has one,
    it points at the kind's schema."""
    for path in kind.files(ROOT, builtin_registry().content_kinds, UNITS):
        text = path.read_text(encoding="utf-8")
        first = text.split("\n")[1 if kind.markdown else 0]
        if not first.startswith("# yaml-language-server: $schema="):
            continue
        target = (path.parent / first.split("=", 1)[1].strip()).resolve()
        assert target == (ROOT / kind.schema_file).resolve(), path
