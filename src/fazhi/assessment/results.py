"""The one computation of every assessment result a page, export or feedback sheet shows:
each item's effective score, category subtotals, the total, grade, rank and the change on last
year, for every township of a scheme at once (a constant number of queries)."""

from dataclasses import dataclass, field
from decimal import Decimal

from fazhi.assessment.models import (
    Assessment,
    Category,
    Item,
    ItemScore,
    ReviewState,
    RuleKind,
    Scheme,
)
from fazhi.assessment.rules import falsified

ZERO = Decimal("0")
PLACES = Decimal("0.01")

# Where an item's effective score came from.
FINAL, COMPUTED, SELF, UNSCORED = "final", "computed", "self", "unscored"
SOURCE_LABELS = {
    FINAL: "督察评定",
    COMPUTED: "系统计分",
    SELF: "自评分（待审核）",
    UNSCORED: "未评分",
}
REVIEWED = {ReviewState.CONFIRMED, ReviewState.ADJUSTED, ReviewState.FALSIFIED}


@dataclass
class ItemResult:
    item: Item
    score: ItemScore | None
    points: Decimal  # the effective score (0 when unscored)
    source: str

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS[self.source]

    @property
    def basis(self) -> dict:
        return self.score.basis if self.score else {}

    @property
    def vetoes_whole(self) -> bool:
        """一票否决 of the whole: the computed veto stands unless the inspector adjusted it."""
        return bool(
            self.score
            and self.basis.get("veto_whole")
            and self.score.review != ReviewState.ADJUSTED
        )


@dataclass
class CategoryResult:
    category: Category
    items: list[ItemResult]
    sum: Decimal  # the items' scores added up
    subtotal: Decimal  # capped at the category's points; floored at 0 when 扣完为止


@dataclass
class TownshipResult:
    assessment: Assessment
    categories: list[CategoryResult]
    total: Decimal
    vetoed: bool
    grade: str
    unscored: int  # items still without any score
    rank: int | None = None
    previous_total: Decimal | None = None

    @property
    def organisation(self):
        return self.assessment.organisation

    @property
    def items(self) -> list[ItemResult]:
        return [i for c in self.categories for i in c.items]

    @property
    def change(self) -> Decimal | None:
        if self.previous_total is None:
            return None
        return self.total - self.previous_total

    def subtotal(self, category_id: int) -> Decimal:
        return next(c.subtotal for c in self.categories if c.category.pk == category_id)


@dataclass
class SchemeResult:
    scheme: Scheme
    categories: list[Category]
    townships: list[TownshipResult] = field(default_factory=list)
    previous_scheme: Scheme | None = None
    county_size: int = 0  # townships assessed in the county (ranks are among them)

    def for_organisation(self, organisation) -> TownshipResult | None:
        org_id = getattr(organisation, "pk", organisation)
        return next((t for t in self.townships if t.assessment.organisation_id == org_id), None)

    @property
    def ranked(self) -> list[TownshipResult]:
        return sorted(self.townships, key=lambda t: (t.rank or 0, t.organisation.path))


def effective(item: Item, score: ItemScore | None) -> tuple[Decimal, str]:
    """An item's score as it counts: the inspector's `final` once reviewed; a falsified item
    without a final score its verified score less the item's 核查不实 deduction; else the
    computed score; else, for manual items, the township's self-assessment; else 0 (未评分)."""
    if score is None:
        return ZERO, UNSCORED
    if score.review in REVIEWED and score.final is not None:
        return score.final, FINAL
    base = score.computed
    if base is None and item.kind == RuleKind.MANUAL:
        base = score.self_score
    if score.review == ReviewState.FALSIFIED:
        return falsified(base, item.points, item.falsification_penalty), FINAL
    if score.computed is not None:
        return score.computed, COMPUTED
    if item.kind == RuleKind.MANUAL and score.self_score is not None:
        return score.self_score, SELF
    return ZERO, UNSCORED


def grade_for(scheme: Scheme, total: Decimal) -> str:
    """The grade of the first band (highest first) whose minimum the total reaches; below
    every band, the lowest band's grade."""
    bands = sorted(
        scheme.grade_bands or [], key=lambda band: Decimal(str(band["min"])), reverse=True
    )
    for band in bands:
        if total >= Decimal(str(band["min"])):
            return band["grade"]
    return bands[-1]["grade"] if bands else ""


def competition_ranks(totals: list[Decimal]) -> list[int]:
    """1, 2, 2, 4: each total's rank is one more than the number of higher totals."""
    return [1 + sum(1 for other in totals if other > total) for total in totals]


def scheme_result(scheme: Scheme, organisations=None, *, with_previous: bool = True):
    """Every township's result under the scheme (those in `organisations` when given; ranks
    are always among the whole county). With `with_previous`, the same county's scheme of the
    year before gives each township's change."""
    categories = list(Category.objects.filter(scheme=scheme).order_by("position", "pk"))
    items = list(Item.objects.filter(scheme=scheme).order_by("position", "pk"))
    assessments = list(
        Assessment.objects.filter(scheme=scheme)
        .select_related("organisation")
        .order_by("organisation__path")
    )
    scores: dict[tuple[int, int], ItemScore] = {
        (s.assessment_id, s.item_id): s
        for s in ItemScore.objects.filter(assessment__scheme=scheme).select_related("changed_by")
    }
    result = SchemeResult(scheme, categories)
    for assessment in assessments:
        result.townships.append(_township(scheme, categories, items, assessment, scores))
    for township, rank in zip(
        result.townships,
        competition_ranks([t.total for t in result.townships]),
        strict=True,
    ):
        township.rank = rank
    if with_previous:
        previous = (
            Scheme.objects.filter(county_id=scheme.county_id, year=scheme.year - 1)
            .only("pk", "year", "county_id", "total_points", "grade_bands", "title")
            .first()
        )
        if previous is not None:
            result.previous_scheme = previous
            before = scheme_result(previous, with_previous=False)
            totals = {t.assessment.organisation_id: t.total for t in before.townships}
            for township in result.townships:
                township.previous_total = totals.get(township.assessment.organisation_id)
    result.county_size = len(result.townships)
    if organisations is not None:
        wanted = {getattr(o, "pk", o) for o in organisations}
        result.townships = [t for t in result.townships if t.organisation.pk in wanted]
    return result


def _township(scheme, categories, items, assessment, scores) -> TownshipResult:
    by_category: dict[int, list[ItemResult]] = {c.pk: [] for c in categories}
    for item in items:
        score = scores.get((assessment.pk, item.pk))
        points, source = effective(item, score)
        by_category[item.category_id].append(ItemResult(item, score, points, source))
    results = []
    for category in categories:
        rows = by_category[category.pk]
        added = sum((row.points for row in rows), ZERO)
        subtotal = min(added, category.points)
        if category.floor_at_zero:
            subtotal = max(subtotal, ZERO)
        results.append(CategoryResult(category, rows, added, subtotal.quantize(PLACES)))
    all_items = [row for category in results for row in category.items]
    vetoed = any(row.vetoes_whole for row in all_items)
    total = sum((c.subtotal for c in results), ZERO)
    # The whole never goes below 0 nor above the scheme's total; 一票否决 makes it 0.
    total = ZERO if vetoed else min(max(total, ZERO), scheme.total_points)
    total = total.quantize(PLACES)
    return TownshipResult(
        assessment=assessment,
        categories=results,
        total=total,
        vetoed=vetoed,
        grade=grade_for(scheme, total),
        unscored=sum(1 for row in all_items if row.source == UNSCORED),
    )


def score_history(scores: list[ItemScore]) -> dict[int, list]:
    """{item score id: its history rows, newest first, with who changed it} in one query."""
    history = {s.pk: [] for s in scores}
    if not scores:
        return history
    rows = (
        ItemScore.history.filter(id__in=list(history))
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    for row in rows:
        history[row.id].append(row)
    return history
