"""Who the three demo townships are: the one place that says how their demo records differ.

Every demo generator asks `profile_of(organisation)` how busy the township is in a domain, how
often it misses a deadline and which work it left undone, so the county comparison, its ranks
and the drafted 不足 items have something to tell apart. Organisations outside the demo county
(test worlds, benchmarks) get ORDINARY: ordinary volumes, no gaps, nothing late on purpose.

Years are counted back from today's year (0 this year, -1 last year, -2 the year before), the
same years the demo loaders fill.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.utils import timezone

DOMAINS = (
    "governance",
    "study",
    "publicity",
    "normative",
    "decisions",
    "enforcement",
    "disputes",
    "legal_services",
    "openness",
)
# Families of deadlines a profile can miss (the generator of each reads its share).
LATE_FAMILIES = ("complaints", "petitions", "enforcement", "normative")
# Work every township owes each year that a profile may leave undone (see reports.drafting).
ENFORCEMENT_TRAINING = "enforcement_training"
LAW_REPORT = "law_report"  # 党政主要负责人年终述法
# Where the annual report of last year stands (reports/demo.py).
REPORT_PUBLISHED, REPORT_LATE, REPORT_DRAFT = "published", "late", "draft"


def _frozen(mapping=None) -> Mapping:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class Profile:
    code: str
    name: str
    summary: str
    # Volume of activity against an ordinary township (people, villages, cases come with size).
    size: float = 1.0
    # Strong (> 1) and weak (< 1) domains: how regularly the township does that work.
    strength: Mapping[str, float] = field(default_factory=_frozen)
    # Per domain, a factor for (the year before last, last year, this year).
    trend: Mapping[str, tuple[float, float, float]] = field(default_factory=_frozen)
    # Share of items handled after their deadline, by family (complaints, petitions, ...).
    late: Mapping[str, float] = field(default_factory=_frozen)
    # Relative year -> theme day (publicity.theme_days key) left without any activity.
    theme_gaps: Mapping[int, str] = field(default_factory=_frozen)
    # Relative year -> required work not done that year.
    skipped: Mapping[int, frozenset[str]] = field(default_factory=_frozen)
    # Relative year -> villages (codes) whose advisor gave no service that year.
    idle_villages: Mapping[int, frozenset[str]] = field(default_factory=_frozen)
    # First number of the enforcement cases planned for this year's deadline situations.
    case_series: int = 901
    # Days by which this township's planned items (special cases, pinned documents) are
    # earlier (> 0) or later than the common plan, so no two townships share their dates.
    day_shift: int = 0
    # Weekday (0 Monday) its 党政联席会议 meets to adopt normative documents, published the next
    # day; None: a week after the legality review, published three days later.
    meeting_weekday: int | None = None
    report: str = REPORT_DRAFT

    def _trend(self, domain: str, year: int) -> float:
        factors = self.trend.get(domain)
        offset = relative_year(year)
        if factors is None or not -2 <= offset <= 0:
            return 1.0
        return factors[offset + 2]

    def rhythm(self, domain: str, year: int) -> float:
        """How regularly the domain's work is done (meetings, study, screenings)."""
        return self.strength.get(domain, 1.0) * self._trend(domain, year)

    def volume(self, domain: str, year: int) -> float:
        """How much of the domain's work there is (cases, services, activities)."""
        return self.size * self.rhythm(domain, year)

    def scaled(self, count: int, domain: str, year: int, *, by: str = "volume") -> int:
        factor = self.volume(domain, year) if by == "volume" else self.rhythm(domain, year)
        return max(round(count * factor), 0)

    def late_share(self, family: str, default: float = 0.0) -> float:
        return self.late.get(family, default)

    def skips(self, work: str, year: int) -> bool:
        return work in self.skipped.get(relative_year(year), ())

    def theme_gap(self, year: int) -> str | None:
        return self.theme_gaps.get(relative_year(year))

    def idle(self, village_code: str, year: int) -> bool:
        return village_code in self.idle_villages.get(relative_year(year), ())


ORDINARY = Profile("", "", "演示县以外的单位：不作调整。")

PROFILES = {
    profile.code: profile
    for profile in (
        Profile(
            "999901101",
            "青山镇",
            "人口多、四个村的大镇：执法和组织领导强，公开与监督弱，期限常被耽误，"
            "去年松岭村全年没有法律顾问服务，年度报告逾期报送。",
            size=1.3,
            strength=_frozen(
                {"governance": 1.15, "enforcement": 1.15, "openness": 0.85, "legal_services": 0.9}
            ),
            trend=_frozen({"publicity": (0.9, 1.0, 1.0)}),
            late=_frozen({"complaints": 0.35, "petitions": 0.15, "enforcement": 0.15}),
            theme_gaps=_frozen({-2: "fire_safety"}),
            idle_villages=_frozen({-1: frozenset({"999901101204"})}),
            case_series=61,
            meeting_weekday=0,
            report=REPORT_LATE,
        ),
        Profile(
            "999901102",
            "清河乡",
            "三个村的小乡：矛盾纠纷化解强，规范性文件和执法弱；去年学法和普法明显减少，"
            "全年没有组织执法人员培训，年度报告仍是草稿。",
            size=0.7,
            strength=_frozen(
                {"disputes": 1.5, "normative": 0.6, "enforcement": 0.65, "study": 0.9}
            ),
            trend=_frozen({"study": (1.0, 0.6, 0.85), "publicity": (1.15, 0.6, 0.9)}),
            late=_frozen({"complaints": 0.2, "normative": 0.5}),
            theme_gaps=_frozen({0: "traffic_safety"}),
            skipped=_frozen({-1: frozenset({ENFORCEMENT_TRAINING})}),
            case_series=27,
            day_shift=3,
            meeting_weekday=2,
            report=REPORT_DRAFT,
        ),
        Profile(
            "999901103",
            "新城街道",
            "三个社区的城市街道：政务公开和法律服务强，学法弱；去年没有开展国家宪法日"
            "活动、主要负责人没有述法，年度报告按期报送并公开。",
            size=1.0,
            strength=_frozen(
                {
                    "openness": 1.5,
                    "legal_services": 1.4,
                    "study": 0.7,
                    "disputes": 0.85,
                    "enforcement": 0.85,
                }
            ),
            trend=_frozen({"study": (1.0, 0.8, 0.9)}),
            late=_frozen({"complaints": 0.05}),
            theme_gaps=_frozen({-1: "constitution"}),
            skipped=_frozen({-1: frozenset({LAW_REPORT})}),
            case_series=44,
            day_shift=-1,
            meeting_weekday=3,
            report=REPORT_PUBLISHED,
        ),
    )
}


def relative_year(year: int) -> int:
    return year - timezone.localdate().year


def profile_of(organisation) -> Profile:
    """The profile of a demo township, or of the township a demo village belongs to."""
    code = getattr(organisation, "code", "")
    if code in PROFILES:
        return PROFILES[code]
    parent_code = code[:-3] if len(code) == 12 else ""
    return PROFILES.get(parent_code, ORDINARY)
