"""The menu, by role. Each item names the capability it needs; pages still check their objects."""

from dataclasses import dataclass

from django.urls import reverse

from fazhi.orgs.roles import Capability
from fazhi.orgs.scoping import user_capabilities


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    any_of: frozenset[Capability] = frozenset()  # empty: every signed-in user


NAV_ITEMS: list[NavItem] = [
    NavItem("工作台", "home"),
    NavItem("台账", "ledgers:index", frozenset({Capability.LEDGER_VIEW, Capability.ADVISOR_LOG})),
    NavItem("期限提醒", "deadlines:list", frozenset({Capability.LEDGER_VIEW})),
    NavItem("指标看板", "dashboards:home", frozenset({Capability.LEDGER_VIEW})),
    NavItem(
        "年度报告",
        "reports:list",
        frozenset({Capability.REPORT_DRAFT, Capability.REPORT_APPROVE, Capability.INSPECT}),
    ),
    NavItem(
        "考核",
        "assessment:index",
        frozenset({Capability.REPORT_DRAFT, Capability.REPORT_APPROVE, Capability.INSPECT}),
    ),
    NavItem("考核细则", "schemes:list", frozenset({Capability.INSPECT, Capability.ORG_MANAGE})),
    NavItem("督察整改", "supervision:list", frozenset({Capability.LEDGER_VIEW})),
    NavItem("报告审查", "review:check", frozenset({Capability.VIEW})),
    NavItem("法律法规库", "laws:search", frozenset({Capability.VIEW})),
    NavItem("组织机构", "orgs:list", frozenset({Capability.VIEW})),
    NavItem("人员与角色", "people:list", frozenset({Capability.ORG_MANAGE})),
    NavItem("管理记录", "people:audit", frozenset({Capability.INSPECT})),
]


def navigation_for(request) -> list[dict]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    capabilities = user_capabilities(user)
    current = request.path
    items = []
    for item in NAV_ITEMS:
        if item.any_of and not item.any_of & capabilities:
            continue
        url = reverse(item.url_name)
        active = current == url if url == "/" else current.startswith(url)
        items.append({"label": item.label, "url": url, "active": active})
    return items
