from django.shortcuts import render

from fazhi.core.home import panels_for
from fazhi.orgs.selectors import home_organisations


def home(request):
    return render(
        request,
        "site/home.html",
        {"panels": panels_for(request), "entries": home_organisations(user=request.user)},
    )
