from django.urls import path

from fazhi.api import (
    assessment,
    assessment_scores,
    checker,
    deadlines,
    figures,
    finding_writes,
    ledger_actions,
    report_edits,
    reports,
    views,
)
from fazhi.api.ledgers import ledger_urls

app_name = "api"

urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(url_name="api:schema"), name="docs"),
    path("me/", views.me, name="me"),
    # --- indicators, annual reports, the checker (slice "apiothers") ---
    path("indicators/", figures.values, name="indicator-values"),
    path("indicators/catalogue/", figures.catalogue, name="indicator-catalogue"),
    path(
        "indicators/<str:code>/records/<str:indicator>/",
        figures.records,
        name="indicator-records",
    ),
    path("reports/", reports.report_list, name="report-list"),
    path("reports/<str:code>/<int:year>/", reports.report_detail, name="report-detail"),
    path(
        "reports/<str:code>/<int:year>/<int:number>/",
        reports.version_detail,
        name="report-version",
    ),
    path(
        "reports/<str:code>/<int:year>/<int:number>/actions/<str:action>/",
        reports.version_action,
        name="report-action",
    ),
    path(
        "reports/<str:code>/<int:year>/<int:number>/report.docx",
        reports.download_docx,
        name="report-docx",
    ),
    path(
        "reports/<str:code>/<int:year>/<int:number>/report.pdf",
        reports.download_pdf,
        name="report-pdf",
    ),
    path(
        "reports/<str:code>/<int:year>/<int:number>/workpaper.xlsx",
        reports.download_workpaper,
        name="report-workpaper",
    ),
    path("checker/", checker.check, name="checker"),
    path("deadlines/", deadlines.deadline_list, name="deadline-list"),
    path("assessment/schemes/", assessment.scheme_list, name="scheme-list"),
    path("assessment/schemes/<int:pk>/", assessment.scheme_detail, name="scheme-detail"),
    path("assessment/results/<str:code>/", assessment.township_result, name="assessment-result"),
    # GET lists (fazhi.api.assessment), POST opens a finding (slice "rep19").
    path("findings/", finding_writes.findings, name="finding-list"),
    path("findings/<int:pk>/", assessment.finding_detail, name="finding-detail"),
    # --- end of slice "apiothers" ---
]

# --- issue 19 leftovers, slice "rep19": editing a draft report, writing findings ---
REPORT_VERSION = "reports/<str:code>/<int:year>/<int:number>/"
urlpatterns += [
    path(REPORT_VERSION + "details/", report_edits.details, name="report-details"),
    path(REPORT_VERSION + "parts/<str:key>/", report_edits.part, name="report-part"),
    path(REPORT_VERSION + "suggestions/", report_edits.suggestions, name="report-suggestions"),
    path(
        REPORT_VERSION + "suggestions/<int:pk>/",
        report_edits.suggestion,
        name="report-suggestion",
    ),
    path(
        "findings/<int:pk>/actions/<str:action>/",
        finding_writes.finding_action,
        name="finding-action",
    ),
    path(
        "assessment/<str:code>/<int:year>/items/<str:item>/",
        assessment_scores.item_score,
        name="assessment-item",
    ),
    path(
        "assessment/<str:code>/<int:year>/items/<str:item>/review/",
        assessment_scores.item_review,
        name="assessment-review",
    ),
]
# --- end of slice "rep19" ---

# Issue 19, ledgers slice: every ledger kind's records, attachments and their download.
urlpatterns += ledger_urls()

# Issue 19 leftovers (slice api19b): a normative cleanup round's listed documents.
urlpatterns += [
    path(
        "ledgers/normative-cleanups/records/<int:pk>/items/",
        ledger_actions.cleanup_items,
        name="ledger_cleanup_items",
    ),
]
