"""The home-page panel (工作台) of the assessment: for township people, the assessments to
fill in or returned to them; for inspectors, the self-assessments waiting for review."""

from django.urls import reverse

from fazhi.assessment import sheets
from fazhi.core.home import Panel
from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import user_capabilities


def _link(name: str, assessment) -> str:
    url = reverse(f"assessment:{name}", kwargs={"code": assessment.organisation.code})
    return f"{url}?year={assessment.scheme.year}"


def panel(request) -> Panel | None:
    capabilities = user_capabilities(request.user)
    rows = []
    if capabilities & {Capability.REPORT_DRAFT, Capability.REPORT_APPROVE}:
        for assessment in sheets.waiting_self(request.user):
            returned = assessment.self_submitted_at is not None
            rows.append(
                {
                    "assessment": assessment,
                    "label": "已退回，请修改后重新提交" if returned else "待自评",
                    "returned": returned,
                    "url": _link("self", assessment),
                }
            )
    if Capability.INSPECT in capabilities:
        for assessment in sheets.waiting_review(request.user):
            rows.append(
                {
                    "assessment": assessment,
                    "label": "自评已提交，待审核",
                    "returned": False,
                    "url": _link("review", assessment),
                }
            )
    if not rows:
        return None
    return Panel(
        title=f"考核自评与审核（{len(rows)}）",
        template="assessment/self_panel.html",
        context={"rows": rows},
        order=30,
        link=reverse("assessment:index"),
    )


def results_panel(request) -> Panel | None:
    """For county inspectors: the latest scored year's ranking, from results.scheme_result."""
    from fazhi.assessment.models import Assessment, Scheme
    from fazhi.assessment.results import scheme_result
    from fazhi.deadlines.selectors import counties_inspected

    county = counties_inspected(request.user).order_by("code").first()
    if county is None:
        return None
    scored = Assessment.objects.filter(scheme__county=county).values("scheme_id")
    scheme = Scheme.objects.filter(pk__in=scored).order_by("-year").first()
    if scheme is None:
        return None
    result = scheme_result(scheme)
    url = f"{reverse('assessment_results:county')}?county={county.code}&year={scheme.year}"
    return Panel(
        title=f"{county.name} · {scheme.year}年度考核得分",
        template="assessment/_results_panel.html",
        context={"result": result, "url": url},
        order=20,
        link=url,
    )
