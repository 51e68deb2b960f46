from django.urls import include, path

from fazhi.core import views as core_views
from fazhi.site import errors
from fazhi.site import views as site_views

urlpatterns = [
    path("", site_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),  # for monitoring; anonymous
    # Personal API tokens (fazhi.api): a page of the person's account.
    path("accounts/api-tokens/", include("fazhi.api.token_urls")),
    path("accounts/", include("fazhi.accounts.urls")),
    path("orgs/", include("fazhi.orgs.urls")),
    path("people/", include("fazhi.people.urls")),
    path("notifications/", include("fazhi.notifications.urls")),
    path("jobs/", include("fazhi.jobs.urls")),
    path("ledgers/", include("fazhi.ledgers.urls")),
    path("governance/", include("fazhi.governance.urls")),
    path("publicity/", include("fazhi.publicity.urls")),
    path("legal-services/", include("fazhi.legal_services.urls")),
    path("openness/", include("fazhi.openness.urls")),
    path("normative/", include("fazhi.normative.urls")),
    path("decisions/", include("fazhi.decisions.urls")),
    path("enforcement/", include("fazhi.enforcement.urls")),
    path("disputes/", include("fazhi.disputes.urls")),
    path("deadlines/", include("fazhi.deadlines.urls")),
    path("review/", include("fazhi.review.urls")),
    path("laws/", include("fazhi.review.law_urls")),  # the law library (issue 20)
    path("indicators/", include("fazhi.dashboards.urls")),
    path("indicators/", include("fazhi.indicators.urls")),
    path("reports/", include("fazhi.reports.urls")),
    path("assessment/results/", include("fazhi.assessment.results_urls")),
    path("assessment/schemes/", include("fazhi.assessment.scheme_urls")),
    path("assessment/", include("fazhi.assessment.urls")),
    path("supervision/", include("fazhi.supervision.urls")),
    path("api/", include("fazhi.api.urls")),
]

# The site's own pages when DEBUG is off (fazhi.site.errors; the CSRF refusal is
# settings.CSRF_FAILURE_VIEW).
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
