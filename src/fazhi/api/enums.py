"""Names of choice sets that several ledger kinds share or that share a field name, for the
schema's enum components (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] points here)."""

from fazhi.disputes.models.followup import FollowUpPerson
from fazhi.enforcement.models.ledgers import EnforcementType
from fazhi.ledgers.models import AttachmentCategory
from fazhi.legal_services.models import LegalAidCase

ENFORCEMENT_TYPE = EnforcementType
LEGAL_AID_CASE_TYPE = LegalAidCase.CaseType
FOLLOW_UP_CATEGORY = FollowUpPerson.Category
ATTACHMENT_CATEGORY = AttachmentCategory
