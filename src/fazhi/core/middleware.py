"""Response headers every page and download of the site carries."""

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response Django makes (static files are served before
    it, by WhiteNoise, and keep their long cache). Nearly every page and download carries a
    township's records and personal data, and a shared office PC or a proxy must keep no copy
    of them, nor show one from the back button after logout; the few pages without such data
    (login, errors) are not worth a rule of their own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
