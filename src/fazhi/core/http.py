"""Small request helpers shared by views."""


def form_data(request):
    """POST data to bind a form to, or None on GET. (`request.POST or None` would leave a form
    posted empty unbound, silently showing it again without its errors.)"""
    return request.POST if request.method == "POST" else None


def form_files(request):
    return request.FILES if request.method == "POST" else None
