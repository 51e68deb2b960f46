"""Django's default validation messages rewritten as plain Chinese naming the field.

"这个字段是必填项。" becomes "请填写活动日期", "确保该值不超过 200 个字符（现在有 215 个）" becomes
"标题不能超过200个字（现在有215个）". Only Django's own default messages are rewritten (found by
identity, so a message a model or form chose itself stays as it is). Used by every form
(fazhi.core.forms) and by the services' model validation (ledgers, save_validated).
"""

import importlib
from functools import cache

from django import forms
from django.core.exceptions import ValidationError

_DJANGO_MODULES = (
    "django.forms.fields",
    "django.forms.models",
    "django.db.models.fields",
    "django.db.models.fields.files",
    "django.db.models.fields.json",
    "django.db.models.fields.related",
    "django.db.models.base",
    "django.core.validators",
)
_CHOOSE = (forms.ChoiceField, forms.ModelChoiceField, forms.FileField, forms.BooleanField)
DATE_EXAMPLE = "2025-03-15"


@cache
def _defaults() -> frozenset[int]:
    """The ids of Django's default message objects (they are passed on as they are)."""
    found = []
    for name in _DJANGO_MODULES:
        for value in vars(importlib.import_module(name)).values():
            if not isinstance(value, type):
                continue
            found.extend(getattr(value, "default_error_messages", {}).values())
            if name == "django.core.validators":
                found.append(getattr(value, "message", None))
    return frozenset(id(message) for message in found if message is not None)


def is_django_default(error: ValidationError) -> bool:
    return id(error.message) in _defaults()


def _choose(field) -> bool:
    return isinstance(field, _CHOOSE) or getattr(field, "choices", None)


def _invalid(label: str, field) -> str:
    if isinstance(field, forms.DateTimeField) or type(field).__name__ == "DateTimeField":
        return f"{label}格式不对，请按 {DATE_EXAMPLE} 14:30 填写"
    if isinstance(field, forms.DateField) or type(field).__name__ == "DateField":
        return f"{label}格式不对，请按 {DATE_EXAMPLE} 填写"
    if isinstance(field, forms.IntegerField) or "IntegerField" in type(field).__name__:
        return f"{label}应填写整数"
    if isinstance(field, forms.DecimalField | forms.FloatField) or type(field).__name__ in (
        "DecimalField",
        "FloatField",
    ):
        return f"{label}应填写数字"
    if isinstance(field, forms.EmailField) or type(field).__name__ == "EmailField":
        return f"{label}不是有效的电子邮箱地址"
    if isinstance(field, forms.FileField):
        return "没有收到上传的文件，请重新选择"
    return f"{label}的内容不正确，请检查"


def plain_message(error: ValidationError, label: str, field=None) -> str | None:
    """The plain Chinese message for one of Django's default errors, or None to keep it."""
    if not label or not is_django_default(error):
        return None
    params = error.params or {}
    limit, shown = params.get("limit_value"), params.get("show_value")
    code = error.code
    if code in ("required", "blank", "null"):
        return f"请选择{label}" if _choose(field) else f"请填写{label}"
    if code == "max_length":
        if isinstance(field, forms.FileField):
            return f"文件名不能超过{params.get('max')}个字（现在有{params.get('length')}个）"
        return f"{label}不能超过{limit}个字（现在有{shown}个）"
    if code == "min_length":
        return f"{label}至少要{limit}个字（现在有{shown}个）"
    if code == "max_value":
        return f"{label}不能大于{limit}"
    if code == "min_value":
        return f"{label}不能小于{limit}"
    if code == "step_size":
        return f"{label}应为{limit}的整数倍"
    if code in ("max_digits", "max_whole_digits"):
        return f"{label}的数字太长，最多{params.get('max')}位"
    if code == "max_decimal_places":
        return f"{label}最多保留{params.get('max')}位小数"
    if code in ("invalid_choice", "invalid_list", "invalid_pk_value"):
        return f"{label}不在可选范围内，请从列表中选择"
    if code == "empty":
        return "上传的文件是空的，请重新选择"
    if code == "missing":
        return "没有收到上传的文件，请重新选择"
    if code == "contradiction":
        return "请在上传新文件和清除原文件之间只选一项"
    if code == "unique":
        return f"已有{label}相同的{params.get('model_name', '记录')}"
    if code == "invalid":
        return _invalid(label, field)
    return None


def plain(error: ValidationError, label: str, field=None) -> ValidationError:
    """One error (a single one, not a list or dict) in plain Chinese."""
    message = plain_message(error, label, field)
    return error if message is None else ValidationError(message, code=error.code)


def plain_list(error: ValidationError, label: str, field=None) -> list[ValidationError]:
    return [plain(each, label, field) for each in error.error_list]


def plain_model_errors(error: ValidationError, model) -> ValidationError:
    """A model's full_clean() errors with each field's verbose name in its messages."""
    if not hasattr(error, "error_dict"):
        return error
    rewritten = {}
    for name, errors in error.error_dict.items():
        try:
            field = model._meta.get_field(name)
        except Exception:  # NON_FIELD_ERRORS and names that are not fields
            rewritten[name] = errors
            continue
        label = str(getattr(field, "verbose_name", "") or "")
        rewritten[name] = [plain(each, label, field) for each in errors]
    return ValidationError(rewritten)
