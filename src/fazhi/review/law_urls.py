from django.urls import path

from fazhi.review import law_views

# The law library (issue 20), mounted at /laws/: search, and one law's page with its articles.
app_name = "laws"
urlpatterns = [
    path("", law_views.law_search, name="search"),
    # Before <name>/: the names a citation field's picker offers (an HTML list of <option>).
    path("names/", law_views.law_names, name="names"),
    path("<str:name>/", law_views.law_detail, name="law"),
]
