"""The one way workflow actions report back: the form's or the service's reasons, or done."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from fazhi.core.actions import open_actions, refusal, run_action
from fazhi.core.forms import Form


class DayForm(Form):
    day = forms.DateField(label="办理日期")
    note = forms.CharField(label="说明", required=False)


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def _flashed(request):
    return [(m.level_tag, m.message) for m in get_messages(request)]


def test_an_invalid_form_names_each_field_and_does_not_call_the_service():
    request, calls = _request(), []
    ran = run_action(request, DayForm({}), calls.append, done="已办理。", failed="登记未办理：")
    assert ran is False and calls == []
    assert _flashed(request) == [("error", "登记未办理：请填写办理日期。")]


def test_a_refusing_service_flashes_its_reasons_in_one_sentence():
    def refuse(data):
        raise ValidationError(["日期不能晚于今天。", "须先登记审核"])

    request = _request()
    ran = run_action(request, DayForm({"day": "2025-03-01"}), refuse, done="已办理。")
    assert ran is False
    assert _flashed(request) == [("error", "日期不能晚于今天；须先登记审核。")]


@pytest.mark.parametrize("note", ["", "按期"])
def test_a_valid_form_runs_the_service_with_the_cleaned_data(note):
    request, calls = _request(), []
    ran = run_action(
        request, DayForm({"day": "2025-03-01", "note": note}), calls.append, done="已办理。"
    )
    assert ran is True
    assert [str(data["day"]) for data in calls] == ["2025-03-01"]
    assert _flashed(request) == [("success", "已办理。")]


def _closed(actor, record):
    if record == "closed":
        raise ValidationError("案件已结案，不能再办理。")


def _editor_only(actor, record):
    if actor != "clerk":
        raise PermissionDenied("您的角色无权办理。")


CHECKS = {"close": _closed, "edit": _editor_only}


def test_open_actions_are_those_whose_check_passes_and_refusal_says_why():
    assert open_actions(CHECKS, "clerk", "open") == ["close", "edit"]
    assert open_actions(CHECKS, "clerk", "closed") == ["edit"]
    assert open_actions(CHECKS, "leader", "open") == ["close"]
    assert refusal(_closed, "clerk", "closed") == "案件已结案，不能再办理。"
    assert refusal(_editor_only, "leader", "open") == "您的角色无权办理。"
    assert refusal(_closed, "clerk", "open") is None


def test_the_precondition_runs_before_the_form():
    request, calls = _request(), []
    check = lambda: _closed("clerk", "closed")  # noqa: E731
    ran = run_action(
        request, DayForm({}), calls.append, done="已办理。", failed="未办理：", check=check
    )
    assert ran is False and calls == []
    assert _flashed(request) == [("error", "未办理：案件已结案，不能再办理。")]
    # A role that may not act is refused (403) whatever it posted.
    with pytest.raises(PermissionDenied):
        run_action(
            _request(), DayForm({}), calls.append, done="", check=lambda: _editor_only("x", "")
        )
