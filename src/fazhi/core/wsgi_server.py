"""Gunicorn run from inside `fazhi serve`, so systemd manages one process: `fazhi serve`."""

from gunicorn.app.base import BaseApplication


class FazhiServer(BaseApplication):
    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from django.core.wsgi import get_wsgi_application

        return get_wsgi_application()
