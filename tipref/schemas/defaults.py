"""Fields a record written by an older tipref lacks, filled in as the model would."""

from __future__ import annotations

from functools import cache
from typing import Any, get_args

from pydantic import BaseModel
from pydantic_core import to_jsonable_python


def fill_defaults(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    """Add the fields a record written by an older tipref lacks, as the model would."""
    defaults, nested = _field_spec(model)
    for name in defaults.keys() - data.keys():
        data[name] = to_jsonable_python(defaults[name].get_default(call_default_factory=True))
    for name, inner in nested:
        value = data.get(name)
        if isinstance(value, dict):
            fill_defaults(inner, value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    fill_defaults(inner, item)
    return data


@cache
def _field_spec(
    model: type[BaseModel],
) -> tuple[dict[str, Any], tuple[tuple[str, type[BaseModel]], ...]]:
    """A model's optional fields, and the fields that hold other models (in lists too)."""
    defaults = {
        name: field for name, field in model.model_fields.items() if not field.is_required()
    }
    nested = tuple(
        (name, inner)
        for name, field in model.model_fields.items()
        if (inner := _nested_model(field.annotation)) is not None  # type: ignore[arg-type]
    )
    return defaults, nested


@cache
def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside ``Model``, ``list[Model]`` or ``Model | None``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _nested_model(arg)
        if found is not None:
            return found
    return None
