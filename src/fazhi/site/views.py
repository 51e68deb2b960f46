from django.shortcuts import render

from fazhi.orgs.selectors import home_organisations


def home(request):
    return render(request, "site/home.html", {"entries": home_organisations(user=request.user)})
