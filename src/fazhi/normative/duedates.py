"""A normative document's deadlines (fazhi.deadlines) as its procedure says. `sync_deadlines`
is the documents' one path to their deadlines: the ledger services call it after a form or an
import writes a document (LedgerKind.deadlines), the workflow services after each step that
moves a date.

Each period follows the latest round of its step (a new round restarts it): 征求意见 from the
latest consultation's start to its close, 合法性审核 from the latest submission to its
opinion, 报送备案 from the publication to the filing.
"""

from fazhi.deadlines.services import Due, deadlines_sync
from fazhi.normative.models import Consultation, LegalityReview

# Period codes of fazhi.deadlines (defaults from REGULATIONS.md §4, county-settable).
COMMENT_PERIOD = "normative.public_comment"
REVIEW_PERIOD = "normative.legality_review"
FILING_PERIOD = "normative.filing"


def document_dues(document) -> list[Due]:
    consultation = Consultation.objects.filter(document=document).order_by("-pk").first()
    review = LegalityReview.objects.filter(document=document).order_by("-pk").first()
    return [
        Due(
            COMMENT_PERIOD,
            consultation.starts_on if consultation else None,
            consultation.closed_on if consultation else None,
        ),
        Due(
            REVIEW_PERIOD,
            review.submitted_on if review else None,
            review.reviewed_on if review else None,
        ),
        Due(FILING_PERIOD, document.published_on, document.filed_on),
    ]


def sync_deadlines(document, actor=None) -> None:
    if document.pk is not None:
        deadlines_sync(document, document_dues(document), actor=actor)
