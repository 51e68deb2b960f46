"""How each rule kind turns a figure into points: plain Python, no database.

`score(kind, points, params, value)` is the one place an item's computed score is made; each
kind's parameters are described in PARAMS (the scheme validation, the import templates and the
scheme page read them from here). `value` is what the item reads: an indicator's value (a count,
or a rate in per cent, None when there was nothing to divide), a fact's value (True/False, or a
submission status for `late`), or None for manual items.
"""

from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from fazhi.assessment.models import RuleKind

ZERO = Decimal("0")
PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Param:
    name: str
    label: str
    required: bool = True
    default: object = None


# Each kind's parameters (names as stored in Item.params, labels as shown and imported).
PARAMS: dict[str, tuple[Param, ...]] = {
    RuleKind.THRESHOLD: (
        Param("target", "目标数"),
        Param("per_missing", "每缺一次扣分"),
        Param("cap", "最多扣分", required=False),
    ),
    RuleKind.RATIO: (
        Param("mode", "方式（linear 按比例 / banded 分档）", required=False, default="linear"),
        Param("target", "目标比率（%）", required=False, default=100),
        Param("step", "每档百分点", required=False, default=10),
        Param("per_step", "每档扣分", required=False, default=1),
    ),
    RuleKind.DEDUCTION: (
        Param("per_unit", "每次扣分"),
        Param("cap", "最多扣分", required=False),
    ),
    RuleKind.YESNO: (Param("deduction", "未做到扣分", required=False),),
    RuleKind.LATE: (
        Param("late", "迟报扣分"),
        Param("missing", "漏报扣分"),
    ),
    RuleKind.VETO: (Param("scope", "否决范围（item 本项 / whole 全部）", default="item"),),
    RuleKind.MANUAL: (),
}

# Kinds that read nothing computed: the inspector (or the township's self-assessment) scores.
MANUAL_KINDS = frozenset({RuleKind.MANUAL})
# What `late` reads: the submission's status.
ON_TIME, LATE, MISSING = "on_time", "late", "missing"
STATUS_LABELS = {ON_TIME: "按时报送", LATE: "迟报", MISSING: "漏报"}


@dataclass(frozen=True)
class Outcome:
    """An item's computed score (None: to be scored by a person), the value it read and a
    sentence saying how the one became the other. `veto_whole`: the whole assessment is 0."""

    points: Decimal | None
    value: object
    explanation: str
    veto_whole: bool = False


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _fmt(number) -> str:
    text = format(_decimal(number).normalize(), "f")
    return text


def _param(params: dict, kind: str, name: str) -> Decimal | str | None:
    spec = next(p for p in PARAMS[kind] if p.name == name)
    raw = params.get(name, spec.default)
    if raw is None or isinstance(raw, str) and name in ("mode", "scope"):
        return raw
    return _decimal(raw)


def _after(points: Decimal, deduction: Decimal, cap: Decimal | None) -> Decimal:
    limit = points if cap is None else min(cap, points)
    return (points - min(deduction, limit)).quantize(PLACES)


def score(kind: str, points, params: dict, value) -> Outcome:
    """The computed outcome of one item over the value it reads."""
    points = _decimal(points)
    if kind == RuleKind.MANUAL:
        return Outcome(None, value, f"人工评分，最高 {_fmt(points)} 分，须说明理由")
    if kind == RuleKind.THRESHOLD:
        target, per_missing = _param(params, kind, "target"), _param(params, kind, "per_missing")
        missing = max(ZERO, target - _decimal(value or 0))
        result = _after(points, missing * per_missing, _param(params, kind, "cap"))
        if not missing:
            return Outcome(result, value, f"{_fmt(value or 0)}，达到目标 {_fmt(target)}，得满分")
        return Outcome(
            result,
            value,
            f"{_fmt(value or 0)}，目标 {_fmt(target)}，缺 {_fmt(missing)} × {_fmt(per_missing)}"
            f" 分，得 {_fmt(result)} 分",
        )
    if kind == RuleKind.RATIO:
        return _ratio(points, params, value)
    if kind == RuleKind.DEDUCTION:
        return _deduction(points, params, value)
    if kind == RuleKind.YESNO:
        if value is None:
            return Outcome(points, value, "尚未到期限，暂不扣分")
        deduction = _param(params, kind, "deduction")
        done = _done(value)
        result = (
            points if done else _after(points, points if deduction is None else deduction, None)
        )
        return Outcome(result, value, f"{'已做到' if done else '未做到'}，得 {_fmt(result)} 分")
    if kind == RuleKind.LATE:
        if value is None:
            return Outcome(points, value, "尚未到报送期限，暂不扣分")
        status = value if value in STATUS_LABELS else MISSING
        deduction = {ON_TIME: ZERO, LATE: _param(params, kind, "late")}.get(
            status, _param(params, kind, "missing")
        )
        result = _after(points, deduction, None)
        return Outcome(result, value, f"{STATUS_LABELS[status]}，得 {_fmt(result)} 分")
    if kind == RuleKind.VETO:
        vetoed = _done(value)
        whole = _param(params, kind, "scope") == "whole"
        if not vetoed:
            return Outcome(points, value, "无否决情形，得满分")
        return Outcome(
            ZERO,
            value,
            "存在一票否决情形，" + ("考核总分为 0" if whole else "本项得 0 分"),
            veto_whole=whole,
        )
    raise ValueError(f"unknown rule kind {kind!r}")


def _done(value) -> bool:
    """A yes/no reading: a submission status is done only on time; a number when above 0."""
    if isinstance(value, str):
        return value == ON_TIME
    return bool(value)


def _deduction(points: Decimal, params: dict, value) -> Outcome:
    kind = RuleKind.DEDUCTION
    per_unit, cap = _param(params, kind, "per_unit"), _param(params, kind, "cap")
    count = _decimal(value or 0)
    if not count:
        return Outcome(points, value, "无扣分情形，不扣分" if not points else "无扣分情形，得满分")
    if not points:
        # A 0-point item deducts from its category (扣分项: the category's floor applies).
        deduction = count * per_unit if cap is None else min(count * per_unit, cap)
        result = (-deduction).quantize(PLACES)
        return Outcome(
            result, value, f"{_fmt(count)} 次 × {_fmt(per_unit)} 分，扣 {_fmt(deduction)} 分"
        )
    result = _after(points, count * per_unit, cap)
    return Outcome(result, value, f"{_fmt(count)} 次 × {_fmt(per_unit)} 分，得 {_fmt(result)} 分")


def _ratio(points: Decimal, params: dict, value) -> Outcome:
    kind = RuleKind.RATIO
    if value is None:
        return Outcome(points, value, "本年度无可计算的事项，得满分")
    rate = _decimal(value)
    target = _param(params, kind, "target")
    if _param(params, kind, "mode") == "banded":
        step, per_step = _param(params, kind, "step"), _param(params, kind, "per_step")
        steps = ((target - rate) / step).to_integral_value(ROUND_FLOOR) if rate < target else 0
        result = _after(points, steps * per_step, None)
        return Outcome(
            result,
            value,
            f"{_fmt(rate)}%，目标 {_fmt(target)}%，每低 {_fmt(step)} 个百分点扣 {_fmt(per_step)}"
            f" 分，得 {_fmt(result)} 分",
        )
    share = min(rate / target, Decimal(1)) if target else Decimal(1)
    result = (points * share).quantize(PLACES)
    return Outcome(
        result,
        value,
        f"{_fmt(rate)}% ÷ {_fmt(target)}% × {_fmt(points)} 分（不超过满分），得 {_fmt(result)} 分",
    )


def falsified(score_given, points, penalty) -> Decimal:
    """核查不实: the verified score less the item's extra deduction, never below zero."""
    base = _decimal(score_given if score_given is not None else 0)
    return max(ZERO, min(_decimal(points), base) - _decimal(penalty)).quantize(PLACES)


def params_errors(kind: str, points, params: dict) -> list[str]:
    """Chinese messages for parameters a kind cannot use (empty: fine)."""
    if kind not in PARAMS:
        return [f"计分方式“{kind}”不存在，可选：{'、'.join(RuleKind.values)}。"]
    if not isinstance(params, dict):
        return ["计分参数应为“名称: 数值”的对应表。"]
    try:
        points = _decimal(points)
    except (InvalidOperation, ValueError):
        return [f"分值应为数字，而不是“{points}”。"]
    if points < 0 or not points.is_finite():
        return ["分值不能为负数。"]
    errors = []
    known = {p.name for p in PARAMS[kind]}
    for name in sorted(set(params) - known):
        errors.append(f"计分方式“{RuleKind(kind).label}”没有参数“{name}”。")
    for spec in PARAMS[kind]:
        raw = params.get(spec.name)
        if raw is None:
            if spec.required and spec.default is None:
                errors.append(f"缺少参数“{spec.label}”。")
            continue
        if spec.name == "mode":
            if raw not in ("linear", "banded"):
                errors.append("比率计分方式只能是 linear（按比例）或 banded（分档）。")
            continue
        if spec.name == "scope":
            if raw not in ("item", "whole"):
                errors.append("否决范围只能是 item（本项）或 whole（全部）。")
            continue
        try:
            number = _decimal(raw)
        except (InvalidOperation, ValueError):
            errors.append(f"参数“{spec.label}”应为数字，而不是“{raw}”。")
            continue
        if not number.is_finite() or number < 0:
            errors.append(f"参数“{spec.label}”不能为负数。")
        elif spec.name == "step" and number == 0:
            errors.append("参数“每档百分点”应大于 0。")
        elif spec.name in CAPPED and points and number > points:
            errors.append(f"参数“{spec.label}”（{_fmt(number)}）超过本项分值 {_fmt(points)} 分。")
    if not points and kind not in (RuleKind.DEDUCTION, RuleKind.VETO):
        errors.append("只有按次扣分的扣分项和一票否决项可以为 0 分。")
    return errors


# Parameters that deduct from the item and so may not exceed its points (a 0-point deduction
# item deducts from its category instead: no item maximum to exceed).
CAPPED = ("cap", "deduction", "late", "missing", "per_step")


def describe(kind: str, points, params: dict) -> str:
    """The rule in words, as the scheme and result pages show it."""
    points = _decimal(points)
    p = {spec.name: params.get(spec.name, spec.default) for spec in PARAMS.get(kind, ())}
    cap = f"，最多扣 {_fmt(p['cap'])} 分" if p.get("cap") is not None else ""
    if kind == RuleKind.THRESHOLD:
        return (
            f"满分 {_fmt(points)} 分；达到 {_fmt(p['target'])} 次得满分，每缺一次扣 "
            f"{_fmt(p['per_missing'])} 分{cap}"
        )
    if kind == RuleKind.RATIO:
        if p["mode"] == "banded":
            return (
                f"满分 {_fmt(points)} 分；比率达到 {_fmt(p['target'])}% 得满分，每低 "
                f"{_fmt(p['step'])} 个百分点扣 {_fmt(p['per_step'])} 分"
            )
        return f"满分 {_fmt(points)} 分；按比率 ÷ {_fmt(p['target'])}% 折算得分"
    if kind == RuleKind.DEDUCTION:
        if not points:
            return f"扣分项：每次扣 {_fmt(p['per_unit'])} 分{cap}，从所在类别中扣除"
        return f"满分 {_fmt(points)} 分；每次扣 {_fmt(p['per_unit'])} 分{cap}，扣完为止"
    if kind == RuleKind.YESNO:
        deduction = points if p.get("deduction") is None else _decimal(p["deduction"])
        return f"满分 {_fmt(points)} 分；做到得满分，未做到扣 {_fmt(deduction)} 分"
    if kind == RuleKind.LATE:
        return (
            f"满分 {_fmt(points)} 分；按时报送得满分，迟报扣 {_fmt(p['late'])} 分，漏报扣 "
            f"{_fmt(p['missing'])} 分"
        )
    if kind == RuleKind.VETO:
        scope = "考核总分为 0" if p.get("scope") == "whole" else "本项得 0 分"
        return f"满分 {_fmt(points)} 分；存在否决情形的，{scope}（一票否决）"
    if kind == RuleKind.MANUAL:
        return f"人工评分，最高 {_fmt(points)} 分，须说明理由"
    return ""
