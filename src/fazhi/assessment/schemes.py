"""The assessment scheme (考核细则) as versioned data: import (YAML or Excel), copy from last
year, edit an item or a category while unlocked, lock once scoring starts.

Every write is one transaction, audited (fazhi.audit.services.record) and refused whole on bad
input: `SchemeInvalid` carries every Chinese error, each naming its row or item.

Decisions on what an item reads (`SOURCE_RULES`): threshold, ratio and deduction read an
indicator of the catalogue; late reads a fact; yesno reads either (exactly one); veto reads
either or neither (neither: the inspector marks the 否决 case in review); manual reads neither,
or one for reference (the figure shown beside the township's self-assessment).

Sums (items to their category, categories to the total) are checked on import, copy and lock;
editing one item or category while drafting may leave them apart for a while (moving points
takes two edits), which the scheme page lists, and the scheme cannot be locked until they agree.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.assessment import scheme_io
from fazhi.assessment.facts import FACT_LABELS
from fazhi.assessment.models import Category, Item, ItemScore, RuleKind, Scheme
from fazhi.assessment.rules import PARAMS, params_errors
from fazhi.assessment.scheme_io import (
    CategoryRow,
    FileUnreadable,
    ItemRow,
    SchemeDocument,
    plain_number,
    to_decimal,
)
from fazhi.audit.services import record
from fazhi.catalogue import load_catalogue
from fazhi.core import versions
from fazhi.core.services import apply_changes, save_validated
from fazhi.core.uploads import check_upload_bytes
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import ROLE_CAPABILITIES, Capability, Level
from fazhi.orgs.scoping import has_any_capability, memberships_of

MANAGE = (Capability.INSPECT, Capability.ORG_MANAGE)
# Township roles that read their county's scheme (for the self-assessment).
READ = (Capability.LEDGER_VIEW, Capability.INSPECT, Capability.ORG_MANAGE)
LOCKED_MESSAGE = (
    "该考核细则已锁定（评分已开始），不能再修改或重新导入；如需调整，请复制为新年度的细则。"
)

INDICATOR, FACT, EITHER, EITHER_OR_NONE, NONE_OR_ONE = (
    "indicator",
    "fact",
    "either",
    "either_or_none",
    "none_or_one",
)
SOURCE_RULES = {
    RuleKind.THRESHOLD: INDICATOR,
    RuleKind.RATIO: INDICATOR,
    RuleKind.DEDUCTION: INDICATOR,
    RuleKind.LATE: FACT,
    RuleKind.YESNO: EITHER,
    RuleKind.VETO: EITHER_OR_NONE,
    RuleKind.MANUAL: NONE_OR_ONE,
}


class SchemeInvalid(ValidationError):
    """Bad scheme input: every error, in Chinese, each naming its row or item."""

    def __init__(self, errors: list[str]):
        self.errors_list = list(errors)
        super().__init__(self.errors_list)


# --- who may ---------------------------------------------------------------------------------


def may_manage(user, county: Organisation) -> bool:
    """The county's inspector or administrator (a superuser too)."""
    if user is None:
        return True  # the command line and the demo
    return county.level == Level.COUNTY and has_any_capability(user, MANAGE, county)


def visible_schemes(user):
    """Schemes of every county the user works in or under: the county's inspector and admin, and
    its townships' staff (read-only, for the self-assessment)."""
    queryset = Scheme.objects.select_related("county", "copied_from", "locked_by")
    if getattr(user, "is_superuser", False) and user.is_active:
        return queryset
    condition = Q(pk__in=[])
    for membership in memberships_of(user):
        if not ROLE_CAPABILITIES[membership.role] & set(READ):
            continue
        path = membership.organisation.path
        parts = [part for part in path.strip("/").split("/") if part]
        ancestors = ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
        condition |= Q(county__path__in=ancestors) | Q(county__path__startswith=path)
    return queryset.filter(condition)


def _require_manager(actor, county) -> None:
    if not may_manage(actor, county):
        raise PermissionDenied("只有本县（区）的督察或系统管理员可以管理考核细则。")


def _require_unlocked(scheme: Scheme) -> None:
    if scheme.locked:
        raise ValidationError(LOCKED_MESSAGE)


# --- validation --------------------------------------------------------------------------------


def indicator_name(code: str) -> str:
    catalogue = load_catalogue()
    return catalogue[code].name if code in catalogue else ""


def _label(row: ItemRow) -> str:
    return f"{row.where}（{row.code}）" if row.code else row.where


def _amount(value, where: str, what: str, errors: list, *, positive=True) -> Decimal | None:
    number = to_decimal(value)
    if number is None:
        errors.append(
            f"{where}：{what}应为数字" + (f"，而不是“{value}”。" if value else "，不能为空。")
        )
        return None
    if number < 0 or (positive and number == 0):
        errors.append(f"{where}：{what}应大于 0。" if positive else f"{where}：{what}不能为负数。")
        return None
    if number != number.quantize(Decimal("0.01")):
        errors.append(f"{where}：{what}最多保留两位小数。")
        return None
    return number


def item_errors(row: ItemRow, *, points: Decimal | None = None) -> list[str]:
    """Errors of one item on its own (kind, what it reads, parameters, points)."""
    errors = []
    where = _label(row)
    if not row.code:
        errors.append(f"{where}：编号不能为空。")
    elif len(row.code) > Item._meta.get_field("code").max_length:
        errors.append(f"{where}：编号过长（最多 20 个字符）。")
    if not row.title:
        errors.append(f"{where}：考核内容不能为空。")
    if points is None:
        # A 一票否决 item may carry no points of its own (it only zeroes), and a 0-point
        # deduction item (扣分项) takes its deductions off its category.
        zero_allowed = row.kind in (RuleKind.VETO, RuleKind.DEDUCTION)
        points = _amount(row.points, where, "分值", errors, positive=not zero_allowed)
    if row.kind not in RuleKind.values:
        kinds = "、".join(f"{value}（{label}）" for value, label in RuleKind.choices)
        errors.append(f"{where}：计分方式“{row.kind}”不存在，可选：{kinds}。")
        return errors
    kind_label = RuleKind(row.kind).label
    catalogue = load_catalogue()
    if row.indicator_code and row.indicator_code not in catalogue:
        errors.append(f"{where}：指标代码“{row.indicator_code}”不在指标目录中。")
    if row.fact and row.fact not in FACT_LABELS:
        known = "、".join(f"{name}（{label}）" for name, label in FACT_LABELS.items())
        errors.append(f"{where}：事实“{row.fact}”不存在，可选：{known}。")
    rule = SOURCE_RULES[row.kind]
    has_indicator, has_fact = bool(row.indicator_code), bool(row.fact)
    if has_indicator and has_fact:
        errors.append(f"{where}：一个项目只能读取一个指标或一个事实，不能两者都填。")
    elif rule == INDICATOR and not has_indicator:
        errors.append(f"{where}：计分方式“{kind_label}”须填写指标代码。")
    elif rule == INDICATOR and has_fact:
        errors.append(f"{where}：计分方式“{kind_label}”读取指标，不能填写事实。")
    elif rule == FACT and not has_fact:
        errors.append(f"{where}：计分方式“{kind_label}”须填写事实（如 report.submission）。")
    elif rule == FACT and has_indicator:
        errors.append(f"{where}：计分方式“{kind_label}”读取事实，不能填写指标代码。")
    elif rule == EITHER and not (has_indicator or has_fact):
        errors.append(f"{where}：计分方式“{kind_label}”须填写指标代码或事实之一。")
    if points is not None:
        params = normalised_params(row.kind, row.params)
        errors += [f"{where}：{message}" for message in params_errors(row.kind, points, params)]
        penalty = _amount(
            row.falsification_penalty or 0, where, "核查不实加扣", errors, positive=False
        )
        if penalty is not None and penalty > points:
            errors.append(f"{where}：核查不实加扣（{penalty}）超过本项分值 {points} 分。")
    return errors


def normalised_params(kind: str, params: dict) -> dict:
    """Numbers as JSON numbers (exactly as typed), the text parameters as text."""
    names = {spec.name for spec in PARAMS.get(kind, ())}
    result = {}
    for name, value in params.items():
        number = to_decimal(value) if name in names and name not in scheme_io.TEXT_PARAMS else None
        result[name] = plain_number(number) if number is not None else value
    return result


def _band_errors(bands: list, total: Decimal | None, errors: list) -> None:
    if not bands:
        errors.append("等次分数线：至少要有一个等次（如 优秀≥90、良好≥80、合格≥60、不合格）。")
        return
    previous, seen = None, set()
    for position, band in enumerate(bands, 1):
        where = f"等次分数线第 {position} 档（{band.get('grade') or '无名称'}）"
        if not band.get("grade"):
            errors.append(f"{where}：等次名称不能为空。")
        elif band["grade"] in seen:
            errors.append(f"{where}：等次名称重复。")
        seen.add(band.get("grade"))
        low = _amount(band.get("min"), where, "最低分", errors, positive=False)
        if low is None:
            continue
        if total is not None and low > total:
            errors.append(f"{where}：最低分 {low} 超过总分 {total}。")
        if previous is not None and low >= previous:
            errors.append(f"{where}：等次应从高到低排列，最低分 {low} 应低于上一档的 {previous}。")
        previous = low


def validate(document: SchemeDocument) -> list[str]:
    """Every error of a scheme document (empty: it may be saved)."""
    errors = list(document.errors)
    year = document.year
    if isinstance(year, Decimal) and year == year.to_integral_value():
        year = int(year)
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        errors.append(f"考核年度应为 2000 至 2100 之间的整数，而不是“{document.year}”。")
    if not document.title:
        errors.append("细则名称不能为空。")
    total = _amount(document.total_points, "细则", "总分", errors)
    _band_errors(document.grade_bands, total, errors)
    if not document.categories:
        errors.append("细则至少要有一个类别和一个项目。")
    category_sum, names, codes = Decimal(0), {}, {}
    for category in document.categories:
        where = f"{category.where}（{category.name or '无名称'}）"
        if not category.name:
            errors.append(f"{where}：类别名称不能为空。")
        elif category.name in names:
            errors.append(f"{where}：类别名称与{names[category.name]}重复。")
        names.setdefault(category.name, category.where)
        points = _amount(category.points, where, "分值", errors)
        if not category.items:
            errors.append(f"{where}：类别下没有项目。")
        item_sum, sums_known = Decimal(0), True
        for row in category.items:
            errors += item_errors(row)
            if row.code and row.code in codes:
                errors.append(f"{_label(row)}：编号“{row.code}”与{codes[row.code]}重复。")
            codes.setdefault(row.code, row.where)
            number = to_decimal(row.points)
            if number is None:
                sums_known = False
            else:
                item_sum += number
        if points is not None:
            category_sum += points
            if sums_known and category.items and item_sum != points:
                errors.append(
                    f"{where}：各项分值之和为 {_fmt(item_sum)} 分，"
                    f"与类别分值 {_fmt(points)} 分不符。"
                )
        else:
            total = None  # the total cannot be compared
    if total is not None and document.categories and category_sum != total:
        errors.append(
            f"各类别分值之和为 {_fmt(category_sum)} 分，与细则总分 {_fmt(total)} 分不符。"
        )
    return errors


def _fmt(number) -> str:
    return scheme_io.number_text(number)


def document_of(scheme: Scheme) -> SchemeDocument:
    """A saved scheme as a document (to validate it whole, e.g. before locking)."""
    document = SchemeDocument(
        year=scheme.year,
        title=scheme.title,
        total_points=scheme.total_points,
        grade_bands=[dict(band) for band in scheme.grade_bands],
    )
    items = list(scheme.items.order_by("category__position", "position", "pk"))
    for category in scheme.categories.order_by("position", "pk"):
        row = CategoryRow(
            where="类别",
            name=category.name,
            points=category.points,
            floor_at_zero=category.floor_at_zero,
        )
        row.items = [
            ItemRow(
                where="项目",
                code=item.code,
                title=item.title,
                points=item.points,
                kind=item.kind,
                params=dict(item.params),
                indicator_code=item.indicator_code,
                fact=item.fact,
                falsification_penalty=item.falsification_penalty,
                evidence_hint=item.evidence_hint,
                source=item.source,
            )
            for item in items
            if item.category_id == category.pk
        ]
        document.categories.append(row)
    return document


def scheme_errors(scheme: Scheme) -> list[str]:
    """What keeps a saved scheme from being locked (empty: consistent)."""
    return validate(document_of(scheme))


# --- import -------------------------------------------------------------------------------------


@dataclass
class ImportOutcome:
    scheme: Scheme
    created: bool  # a new scheme
    items_created: int = 0
    items_updated: int = 0
    items_unchanged: int = 0
    items_removed: int = 0

    @property
    def changed(self) -> bool:
        return self.created or bool(self.items_created or self.items_updated or self.items_removed)


def read_document(data: bytes, fmt: str) -> SchemeDocument:
    check_upload_bytes(data)
    try:
        return scheme_io.parse(data, fmt)
    except FileUnreadable as error:
        raise SchemeInvalid([str(error)]) from error


def scheme_import(
    actor, county: Organisation, data: bytes, fmt: str, *, year: int | None = None
) -> ImportOutcome:
    """Create the county's scheme for the file's year (or `year`), or bring its unlocked scheme
    of that year to exactly the file: items matched by code, categories by name; what the file
    lacks is removed. All or nothing; importing the same file again changes nothing."""
    _require_manager(actor, county)
    document = read_document(data, fmt)
    if year is not None:
        document.year = year
    return apply_document(actor, county, document, verb="assessment.scheme.import")


def scheme_create(actor, county: Organisation, document: SchemeDocument) -> Scheme:
    """A new scheme from a document (e.g. built by a script); refused when the county already
    has one for that year (import updates an existing one instead)."""
    _require_manager(actor, county)
    if Scheme.objects.filter(county=county, year=document.year).exists():
        raise SchemeInvalid([f"{county.name}{document.year}年度已有考核细则。"])
    return apply_document(actor, county, document, verb="assessment.scheme.create").scheme


def apply_document(actor, county, document: SchemeDocument, *, verb: str) -> ImportOutcome:
    errors = validate(document)
    if errors:
        raise SchemeInvalid(errors)
    with transaction.atomic():
        scheme = (
            Scheme.objects.select_for_update().filter(county=county, year=document.year).first()
        )
        if scheme is not None:
            _require_unlocked(scheme)
        outcome = _apply(actor, county, scheme, document)
        if outcome.changed:
            record(
                actor,
                verb,
                f"{'新建' if outcome.created else '导入更新'}{outcome.scheme.year}年度考核细则“"
                f"{outcome.scheme.title}”：新增 {outcome.items_created} 项，修改 "
                f"{outcome.items_updated} 项，删除 {outcome.items_removed} 项",
                organisation=county,
                detail={"scheme": outcome.scheme.pk, "year": outcome.scheme.year},
            )
    return outcome


def _apply(actor, county, scheme, document: SchemeDocument) -> ImportOutcome:
    header = {
        "title": document.title,
        "total_points": to_decimal(document.total_points),
        "grade_bands": [
            {"grade": band["grade"], "min": plain_number(to_decimal(band["min"]))}
            for band in document.grade_bands
        ],
    }
    created = scheme is None
    if created:
        scheme = Scheme(county=county, year=int(document.year))
        apply_changes(scheme, header)
        save_validated(scheme, actor=actor)
    elif apply_changes(scheme, header):
        save_validated(scheme, actor=actor, reason="导入")
    outcome = ImportOutcome(scheme=scheme, created=created)
    categories = {c.name: c for c in scheme.categories.all()}
    items = {i.code: i for i in scheme.items.all()}
    kept_categories, kept_items = set(), set()
    # Positions move out of the way first: no clash while categories are reordered.
    for position, row in enumerate(document.categories, 1):
        category = categories.get(row.name) or Category(scheme=scheme, name=row.name)
        changes = {
            "position": position,
            "points": to_decimal(row.points),
            "floor_at_zero": row.floor_at_zero,
        }
        if apply_changes(category, changes) or category.pk is None:
            save_validated(category, actor=actor, reason="导入")
        kept_categories.add(category.pk)
        for item_position, item_row in enumerate(row.items, 1):
            item = items.get(item_row.code)
            fields = _item_fields(item_row)
            fields.update(category=category, position=item_position)
            if item is None:
                item = Item(scheme=scheme, code=item_row.code, **fields)
                save_validated(item, actor=actor)
                outcome.items_created += 1
            elif apply_changes(item, fields):
                save_validated(item, actor=actor, reason="导入")
                outcome.items_updated += 1
            else:
                outcome.items_unchanged += 1
            kept_items.add(item.pk)
    removed = [item for item in items.values() if item.pk not in kept_items]
    if removed:
        scored = ItemScore.objects.filter(item__in=removed).values_list("item__code", flat=True)
        scored = sorted(set(scored))
        if scored:
            raise SchemeInvalid(
                [f"项目 {code} 已有考核得分，不能删除；请在文件中保留该项目。" for code in scored]
            )
        for item in removed:
            item.delete()
        outcome.items_removed = len(removed)
    for category in categories.values():
        if category.pk not in kept_categories:
            category.delete()
    return outcome


def _item_fields(row: ItemRow) -> dict:
    return {
        "title": row.title,
        "points": to_decimal(row.points),
        "kind": row.kind,
        "params": normalised_params(row.kind, row.params),
        "indicator_code": row.indicator_code,
        "fact": row.fact,
        "falsification_penalty": to_decimal(row.falsification_penalty or 0),
        "evidence_hint": row.evidence_hint,
        "source": row.source,
    }


def scheme_export(scheme: Scheme, fmt: str) -> bytes:
    return scheme_io.export_xlsx(scheme) if fmt == scheme_io.XLSX else scheme_io.export_yaml(scheme)


# --- copy, lock ---------------------------------------------------------------------------------


def scheme_copy(actor, source: Scheme, year: int, *, title: str = "") -> Scheme:
    """Last year's scheme as this year's (unlocked, `copied_from` set)."""
    _require_manager(actor, source.county)
    if Scheme.objects.filter(county=source.county, year=year).exists():
        raise SchemeInvalid([f"{source.county.name}{year}年度已有考核细则，不能再复制一份。"])
    document = document_of(source)
    document.year = year
    document.title = title.strip() or source.title.replace(str(source.year), str(year))
    with transaction.atomic():
        outcome = apply_document(actor, source.county, document, verb="assessment.scheme.copy")
        scheme = outcome.scheme
        scheme.copied_from = source
        save_validated(scheme, actor=actor, reason=f"复制自{source.year}年度")
    return scheme


@transaction.atomic
def scheme_lock(actor, scheme: Scheme, *, seen_version=None) -> Scheme:
    """Lock the scheme (scoring starts): no edit or import after. Locking a locked scheme
    changes nothing; an inconsistent scheme (sums apart, bad items) cannot be locked."""
    _require_manager(actor, scheme.county)
    versions.lock(scheme, seen_version)
    if scheme.locked:
        return scheme
    errors = scheme_errors(scheme)
    if errors:
        raise SchemeInvalid(["细则尚有错误，不能锁定：", *errors])
    scheme.locked_at = timezone.now()
    scheme.locked_by = actor
    save_validated(scheme, actor=actor, reason="锁定")
    record(
        actor,
        "assessment.scheme.lock",
        f"锁定{scheme.year}年度考核细则“{scheme.title}”",
        organisation=scheme.county,
        detail={"scheme": scheme.pk},
    )
    return scheme


# --- edits while unlocked ----------------------------------------------------------------------


@transaction.atomic
def item_update(
    actor, item: Item, *, title: str, points, params: dict, reason: str = "", seen_version=None
) -> Item:
    """Change an item's title, points and parameters (its kind and what it reads stay)."""
    scheme = item.scheme
    _require_manager(actor, scheme.county)
    versions.lock(scheme)
    _require_unlocked(scheme)
    versions.lock(item, seen_version)
    row = ItemRow(
        where="项目",
        code=item.code,
        title=(title or "").strip(),
        points=points,
        kind=item.kind,
        params=params,
        indicator_code=item.indicator_code,
        fact=item.fact,
        falsification_penalty=item.falsification_penalty,
    )
    errors = item_errors(row)
    if errors:
        raise SchemeInvalid(errors)
    before = {"title": item.title, "points": item.points, "params": item.params}
    changes = {
        "title": row.title,
        "points": to_decimal(points),
        "params": normalised_params(item.kind, params),
    }
    if apply_changes(item, changes):
        save_validated(item, actor=actor, reason=reason or "修改项目")
        record(
            actor,
            "assessment.item.update",
            f"修改{scheme.year}年度考核细则项目 {item.code}",
            organisation=scheme.county,
            detail={
                "scheme": scheme.pk,
                "item": item.pk,
                "before": {**before, "points": str(before["points"])},
                "after": {**changes, "points": str(changes["points"])},
            },
        )
    return item


@transaction.atomic
def category_update(
    actor, category: Category, *, name: str, points, floor_at_zero: bool, seen_version=None
) -> Category:
    scheme = category.scheme
    _require_manager(actor, scheme.county)
    versions.lock(scheme)
    _require_unlocked(scheme)
    versions.lock(category, seen_version)
    errors = []
    name = (name or "").strip()
    where = f"类别“{category.name}”"
    if not name:
        errors.append(f"{where}：类别名称不能为空。")
    elif scheme.categories.exclude(pk=category.pk).filter(name=name).exists():
        errors.append(f"{where}：已有名为“{name}”的类别。")
    number = _amount(points, where, "分值", errors)
    if errors:
        raise SchemeInvalid(errors)
    if apply_changes(category, {"name": name, "points": number, "floor_at_zero": floor_at_zero}):
        save_validated(category, actor=actor, reason="修改类别")
        record(
            actor,
            "assessment.category.update",
            f"修改{scheme.year}年度考核细则类别“{category.name}”（{_fmt(number)} 分）",
            organisation=scheme.county,
            detail={"scheme": scheme.pk, "category": category.pk},
        )
    return category


# --- reading a scheme -----------------------------------------------------------------------------


def describe_rule(item: Item) -> str:
    """An item's rule and parameters in words, as the scheme page shows them."""
    p = {
        name: _fmt(value) if name not in scheme_io.TEXT_PARAMS else value
        for name, value in item.params.items()
    }
    points = _fmt(item.points)
    catalogue = load_catalogue()
    unit = catalogue[item.indicator_code].unit if item.indicator_code in catalogue else "次"
    if item.kind == RuleKind.THRESHOLD:
        text = f"目标 {p.get('target')} {unit}，每缺 1 {unit}扣 {p.get('per_missing')} 分"
        return text + (f"，最多扣 {p['cap']} 分" if "cap" in p else "，扣完为止")
    if item.kind == RuleKind.RATIO:
        target = p.get("target", "100")
        if item.params.get("mode") == "banded":
            return (
                f"达到 {target}% 得满分，每低 {p.get('step', '10')} 个百分点扣 "
                f"{p.get('per_step', '1')} 分"
            )
        return f"按比例计分：比率 ÷ {target}% × {points} 分（无可计算事项时得满分）"
    if item.kind == RuleKind.DEDUCTION:
        text = f"每发生 1 次扣 {p.get('per_unit')} 分"
        return text + (f"，最多扣 {p['cap']} 分" if "cap" in p else "，扣完为止")
    if item.kind == RuleKind.YESNO:
        lost = f"扣 {p['deduction']} 分" if "deduction" in p else "不得分"
        return f"做到得 {points} 分，未做到{lost}"
    if item.kind == RuleKind.LATE:
        return f"按时得满分，迟报扣 {p.get('late')} 分，漏报扣 {p.get('missing')} 分"
    if item.kind == RuleKind.VETO:
        whole = item.params.get("scope") == "whole"
        return "存在否决情形时" + ("考核总分为 0 分" if whole else "本项得 0 分")
    return f"督察酌情评分，最高 {points} 分，须说明理由"


def reads(item: Item) -> str:
    """What the item reads, by its Chinese name."""
    if item.indicator_code:
        return indicator_name(item.indicator_code) or item.indicator_code
    if item.fact:
        return FACT_LABELS.get(item.fact, item.fact)
    if item.kind == RuleKind.VETO:
        return "由督察审核时认定"
    return "督察评分" if item.kind == RuleKind.MANUAL else "—"
