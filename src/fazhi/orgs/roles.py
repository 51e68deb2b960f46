"""Roles of DESIGN.md §2 and what each may do. The one place that answers "may this role ...?"."""

from enum import StrEnum

from django.db import models


class Level(models.TextChoices):
    PROVINCE = "province", "省（自治区、直辖市）"
    CITY = "city", "市（地区、州）"
    COUNTY = "county", "县（区）"
    TOWNSHIP = "township", "乡镇（街道）"
    VILLAGE = "village", "村（社区）"


# The level a parent must have, per level.
PARENT_LEVEL = {
    Level.PROVINCE: None,
    Level.CITY: Level.PROVINCE,
    Level.COUNTY: Level.CITY,
    Level.TOWNSHIP: Level.COUNTY,
    Level.VILLAGE: Level.TOWNSHIP,
}
# Levels that may also stand at the top of a tree: a county set up on its own (as every
# county was before provinces) or a city without its province.
ROOT_LEVELS = {Level.PROVINCE, Level.CITY, Level.COUNTY}
# The level of a new child, per level (a village has none).
CHILD_LEVEL = {parent: level for level, parent in PARENT_LEVEL.items() if parent is not None}
# Levels above a county: their inspectors compare the counties beneath them.
ABOVE_COUNTY = {Level.PROVINCE, Level.CITY}


class Role(models.TextChoices):
    CLERK = "clerk", "录入员"
    LEADER = "leader", "领导"
    REVIEWER = "reviewer", "法制审核员"
    ADVISOR = "advisor", "法律顾问"
    INSPECTOR = "inspector", "督察"
    ADMIN = "admin", "系统管理员"


# Where a membership of each role may sit in the tree.
ROLE_LEVELS = {
    Role.CLERK: {Level.TOWNSHIP},
    Role.LEADER: {Level.TOWNSHIP},
    Role.REVIEWER: {Level.TOWNSHIP},
    Role.ADVISOR: {Level.VILLAGE},
    Role.INSPECTOR: {Level.PROVINCE, Level.CITY, Level.COUNTY},
    Role.ADMIN: {Level.COUNTY, Level.TOWNSHIP},
}


class Capability(StrEnum):
    VIEW = "view"  # the organisation tree
    LEDGER_VIEW = "ledger_view"  # every ledger of the subtree (advisors see only their own kind)
    LEDGER_EDIT = "ledger_edit"
    REPORT_DRAFT = "report_draft"
    REPORT_APPROVE = "report_approve"
    LEGAL_REVIEW = "legal_review"
    ADVISOR_LOG = "advisor_log"
    INSPECT = "inspect"
    ORG_MANAGE = "org_manage"
    PERSONAL_DATA = "personal_data"  # unmasked names, ID numbers, phones, addresses


ROLE_CAPABILITIES: dict[str, frozenset[Capability]] = {
    Role.CLERK: frozenset(
        {Capability.VIEW, Capability.LEDGER_VIEW, Capability.LEDGER_EDIT, Capability.REPORT_DRAFT}
    ),
    Role.LEADER: frozenset(
        {
            Capability.VIEW,
            Capability.LEDGER_VIEW,
            Capability.REPORT_DRAFT,
            Capability.REPORT_APPROVE,
            Capability.PERSONAL_DATA,
        }
    ),
    # The 司法所长 handles mediation, petitions and follow-up in person: needs the real names.
    Role.REVIEWER: frozenset(
        {
            Capability.VIEW,
            Capability.LEDGER_VIEW,
            Capability.LEGAL_REVIEW,
            Capability.PERSONAL_DATA,
        }
    ),
    Role.ADVISOR: frozenset({Capability.VIEW, Capability.ADVISOR_LOG}),
    Role.INSPECTOR: frozenset({Capability.VIEW, Capability.LEDGER_VIEW, Capability.INSPECT}),
    Role.ADMIN: frozenset({Capability.VIEW, Capability.LEDGER_VIEW, Capability.ORG_MANAGE}),
}
