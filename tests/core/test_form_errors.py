"""Every form of the project says what is wrong in plain Chinese naming the field: a missing,
overlong or malformed value never shows Django's default phrasing ("这个字段是必填项。",
"确保该值不超过…", "输入一个有效的日期。")."""

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.utils import ErrorDict
from django.utils.datastructures import MultiValueDict

import fazhi
from fazhi.core.errors import plain_model_errors
from fazhi.core.forms import PlainErrors
from fazhi.ledgers.forms import record_form_class
from fazhi.ledgers.registry import all_kinds, get_kind

DJANGO_PHRASES = (
    "这个字段",
    "此字段",
    "确保该",
    "输入一个",
    "输入整数",
    "选择一个有效",
    "所提交的是空文件",
    "没有提交文件",
    "不是有效选项",
    "未提交文件",
)
SKIPPED_MODULES = ("migrations", "__main__", "wsgi", "management")


def _project_form_classes() -> list[type]:
    for module in pkgutil.walk_packages(fazhi.__path__, "fazhi."):
        if any(part in module.name for part in SKIPPED_MODULES):
            continue
        importlib.import_module(module.name)
    found, pending = set(), [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.startswith("fazhi."):
                found.add(subclass)
    found.update(record_form_class(kind) for kind in all_kinds())
    return sorted(found, key=lambda cls: (cls.__module__, cls.__qualname__))


FORMS = _project_form_classes()


def _probe(form_class, data: dict, files: dict | None = None):
    """The form's field cleaning alone: without its own __init__ (which takes a user or a
    record) and clean() (cross-field rules, tested with each form)."""
    form = form_class.__new__(form_class)
    base = forms.BaseModelForm if issubclass(form_class, forms.BaseModelForm) else forms.BaseForm
    base.__init__(form, data, MultiValueDict({k: [v] for k, v in (files or {}).items()}))
    form.cleaned_data = {}
    form._errors = ErrorDict()
    form._clean_fields()
    return form


def _bad_values(field: forms.Field) -> list[tuple[str, object]]:
    if isinstance(field, forms.FileField):
        return [("empty", SimpleUploadedFile("空.xlsx", b""))]
    values = []
    if isinstance(field, forms.CharField) and field.max_length:
        values.append(("overlong", "字" * (field.max_length + 1)))
    if isinstance(field, forms.DateField | forms.DateTimeField):
        values.append(("malformed", "2025-13-45"))
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        values.append(("malformed", "很多"))
    if isinstance(field, forms.ModelChoiceField):
        if field.queryset is not None:
            values.append(("not a choice", "987654321"))
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.TypedChoiceField):
        values.append(("not a choice", "不存在的选项"))
    return values


def _check(messages, field, label: str, where: str, *, names_field: bool = True):
    """Each message plain Chinese naming the field, unless the form chose its own words."""
    assert messages, f"{where}: no error"
    chosen = {str(message) for message in field.error_messages.values()}
    for message in messages:
        assert not any(phrase in message for phrase in DJANGO_PHRASES), f"{where}: {message}"
        if names_field and message not in chosen:
            assert label in message, f"{where}: {message!r} does not name {label!r}"


def test_every_form_of_the_project_takes_the_plain_errors_base():
    assert len(FORMS) > 60
    missing = [f"{cls.__module__}.{cls.__qualname__}" for cls in FORMS]
    missing = [
        name for name, cls in zip(missing, FORMS, strict=True) if not issubclass(cls, PlainErrors)
    ]
    assert missing == []
    # Forms made inside functions are not found by walking classes: none may start afresh.
    for path in Path(fazhi.__file__).parent.rglob("*.py"):
        if path.name != "forms.py" or path.parent.name != "core":
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"\(forms\.(Model)?Form\b", text), path


def _checkable(form_class) -> bool:
    """A form with a visible field that can be left out or filled wrongly (not a bare base or
    a form of hidden fields only, whose errors a person never sees)."""
    return any(
        not (isinstance(field.widget, forms.HiddenInput) or field.disabled)
        and (field.required or _bad_values(field))
        for field in form_class.base_fields.values()
    )


CHECKABLE = [cls for cls in FORMS if _checkable(cls)]


def test_most_forms_have_fields_to_check():
    assert len(CHECKABLE) > 60, len(CHECKABLE)


@pytest.mark.parametrize(
    "form_class", CHECKABLE, ids=[f"{cls.__module__[6:]}.{cls.__name__}" for cls in CHECKABLE]
)
def test_each_fields_error_names_the_field_in_plain_chinese(db, form_class):
    checked = 0
    for name, field in form_class.base_fields.items():
        if isinstance(field.widget, forms.HiddenInput) or field.disabled:
            continue
        label = str(field.label or name)
        if field.required:
            form = _probe(form_class, {})
            is_file = isinstance(field, forms.FileField)
            _check(
                form.errors.get(name, []), field, label, f"{name} missing", names_field=not is_file
            )
            checked += 1
        for what, value in _bad_values(field):
            if isinstance(value, SimpleUploadedFile):
                form = _probe(form_class, {}, {name: value})
                assert form.errors[name] == ["上传的文件是空的，请重新选择"], name
            else:
                form = _probe(form_class, {name: value})
                _check(form.errors.get(name, []), field, label, f"{name} {what}")
            checked += 1
    assert checked


def test_the_messages_read_as_the_issue_asks(db):
    form = _probe(record_form_class(get_kind("publicity-activities")), {"occurred_on": "3月15日"})
    assert form.errors["occurred_on"] == ["活动日期格式不对，请按 2025-03-15 填写"]
    assert _probe(record_form_class(get_kind("publicity-activities")), {}).errors[
        "occurred_on"
    ] == ["请填写活动日期"]
    field = forms.CharField(label="标题", max_length=200)
    form_class = type("TitleForm", (fazhi.core.forms.Form,), {"title": field})
    assert _probe(form_class, {"title": "字" * 215}).errors["title"] == [
        "标题不能超过200个字（现在有215个）"
    ]


def test_a_model_chosen_message_is_kept_and_the_defaults_are_rewritten():
    kind = get_kind("governance-meetings")
    record = kind.model(attendees=0)
    try:
        record.full_clean(exclude=["organisation", "year"])
    except ValidationError as error:
        messages = plain_model_errors(error, kind.model).message_dict
    assert messages["attendees"] == ["参会人数至少为 1。"]
    assert messages["occurred_on"] == ["请填写会议日期"]
