"""Validate located data against a pydantic model; every failure becomes a Vietnamese ContentError."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .problems import Problems
from .sources import Located, dotted

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], located: Located, problems: Problems, loc_prefix: tuple = (),
             data: Any = None, context: dict | None = None) -> M | None:
    """Validate ``data`` (default: the whole file) as ``model``; report all failures, return None on any."""
    if data is None:
        data = located.data
    try:
        return model.model_validate(data, context=context)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = loc_prefix + tuple(err["loc"])
            message, hint = translate(err, model)
            problems.add(located.path, located.line_of(loc), dotted(loc), message, hint)
        return None


def did_you_mean(value: str, options, cutoff: float = 0.6, otherwise: str = "") -> str:
    """The hint for an unknown name or value: the closest known one, if any is close enough."""
    close = difflib.get_close_matches(str(value), list(options), n=1, cutoff=cutoff)
    return f"có phải ý bạn là '{close[0]}'?" if close else otherwise


def translate(err: dict, model: type[BaseModel]) -> tuple[str, str]:
    """Turn one pydantic error into (Vietnamese message, hint)."""
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "Thiếu trường bắt buộc.", ""
    if kind == "extra_forbidden":
        name = str(err["loc"][-1])
        return "Trường không được hỗ trợ.", did_you_mean(name, sorted(field_names(model)),
                                                       otherwise="xem hướng dẫn các trường")
    if kind in ("value_error", "assertion_error"):
        error = ctx.get("error", err["msg"])
        return _sentence(str(error)), getattr(error, "hint", "")
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", ""))
        options = [o.strip(" '\"") for o in expected.replace(" or ", ", ").split(",") if o.strip()]
        return (f"Giá trị '{value}' không hợp lệ; chọn một trong: {', '.join(options)}.",
                did_you_mean(value, options, cutoff=0.5))
    if kind in ("string_type",):
        return "Phải là một đoạn chữ.", "đặt giá trị trong dấu ngoặc kép"
    if kind == "string_too_short":
        return "Không được để trống.", ""
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{value}' không phải là số nguyên.", ""
    if kind in ("float_type", "float_parsing"):
        return f"'{value}' không phải là số.", ""
    if kind in ("greater_than_equal", "greater_than"):
        return f"Phải lớn hơn hoặc bằng {ctx.get('ge', ctx.get('gt'))}.", ""
    if kind in ("less_than_equal", "less_than"):
        return f"Phải nhỏ hơn hoặc bằng {ctx.get('le', ctx.get('lt'))}.", ""
    if kind in ("bool_type", "bool_parsing"):
        return "Phải là true (có) hoặc false (không).", ""
    if kind in ("list_type", "tuple_type", "set_type"):
        return "Phải là một danh sách (mỗi mục một dòng bắt đầu bằng dấu -).", ""
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "Phải là một nhóm trường dạng 'tên: giá trị'.", ""
    if kind in ("too_short",):
        return f"Cần ít nhất {ctx.get('min_length')} mục.", ""
    if kind in ("too_long",):
        return f"Chỉ được tối đa {ctx.get('max_length')} mục.", ""
    if kind == "string_pattern_mismatch":
        return f"Giá trị '{value}' không đúng dạng.", "xem ví dụ trong tệp mẫu tạo bằng lệnh hoctap new"
    if kind == "union_tag_invalid":
        return f"Giá trị '{ctx.get('tag')}' không hợp lệ; chọn một trong: {ctx.get('expected_tags')}.", ""
    return f"Giá trị không hợp lệ ({err['msg']}).", ""


def _sentence(text: str) -> str:
    text = text.strip()
    first = text.split(" ", 1)[0]
    if "_" not in first and "'" not in first:
        text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!")) else text + "."


def field_names(model: type[BaseModel], seen: set | None = None) -> set[str]:
    """Every field name (alias) of a model and the models nested in it."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names: set[str] = set()
    for name, info in model.model_fields.items():
        names.add(info.alias or name)
        for sub in _models_in(info.annotation):
            names |= field_names(sub, seen)
    return names


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        out.extend(_models_in(arg))
    if isinstance(annotation, types.UnionType):
        for arg in annotation.__args__:
            out.extend(_models_in(arg))
    return out
