from django.urls import path

from fazhi.reports import board_views, views

app_name = "reports"
# A report is a township's (code) and a year; the year and version number ride in the query
# string (?year=2025&v=2) so every page is addressed by the organisation it belongs to.
urlpatterns = [
    path("", views.report_list, name="list"),
    # The county's collection board (县级报告收取), before "<code>/" so "board" is no code.
    path("board/", board_views.board, name="board"),
    # The board's background jobs (fazhi.jobs): every township's draft, the missing checks.
    path("board/jobs/drafts/", board_views.drafts_job, name="board_drafts_job"),
    path("board/jobs/checks/", board_views.checks_job, name="board_checks_job"),
    path("board/<str:code>/", board_views.township, name="collection"),
    path("board/<str:code>/return/", board_views.return_report, name="return"),
    path("board/<str:code>/receive/", board_views.receive_report, name="receive"),
    path("board/<str:code>/upload/", board_views.upload_report, name="upload"),
    path("board/<str:code>/finding/", board_views.finding_from_check, name="check_finding"),
    path("board/<str:code>/upload/<int:pk>/", board_views.upload_file, name="upload_file"),
    path("<str:code>/", views.township, name="township"),
    path("<str:code>/create/", views.create, name="create"),
    path("<str:code>/edit/", views.edit, name="edit"),
    path("<str:code>/edit/preview/", views.edit_preview, name="edit_preview"),
    path("<str:code>/edit/figures/", views.figures, name="figures"),
    path("<str:code>/suggestion/", views.suggestion, name="suggestion"),
    path("<str:code>/approve/", views.approve, name="approve"),
    path("<str:code>/submit/", views.submit, name="submit"),
    path("<str:code>/new-version/", views.new_version, name="new_version"),
    path("<str:code>/publish/", views.publish, name="publish"),
    path("<str:code>/compare/", views.compare, name="compare"),
    path("<str:code>/download/report.docx", views.download_docx, name="docx"),
    path("<str:code>/download/report.pdf", views.download_pdf, name="pdf"),
    path("<str:code>/download/workpaper.xlsx", views.download_workpaper, name="workpaper"),
    path("<str:code>/settings/", views.settings, name="settings"),
]
