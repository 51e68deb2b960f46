"""Draft the annual report of a township and year from its ledgers.

Every figure is a reference to an indicator ({code}), never a typed number. Each statement puts
a catalogue synonym right before its figure ("发放宣传资料{publicity.materials}") so the report
checker maps it back to the same indicator, states each indicator once for the year, and keeps
last year's figures in clauses of their own with no synonym ("，比上年的{x@prev}有所减少"),
so they are never read as a second statement of this year's figure. No "…以来" periods and no
place names other than the township's own and its villages'. The draft reads figures and
records only through fazhi.indicators and the ledger apps' selectors.

`draft_document` is what the CLI and renderers call; `build_draft` gives the texts and the
suggestions (with their evidence) that services.report_create stores.
"""

from fazhi.reports.drafting.draft import Draft, build_draft, draft_document
from fazhi.reports.drafting.suggestions import DraftSuggestion
from fazhi.reports.drafting.words import Words

__all__ = ["Draft", "DraftSuggestion", "Words", "build_draft", "draft_document"]
