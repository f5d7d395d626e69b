"""Serve Bootstrap from its Python package (bootstrap-wrapper) under static/bootstrap/, so
the front-end assets come from a pinned package and never from a CDN."""

from bootstrap_wrapper import get_bootstrap_dir
from django.contrib.staticfiles.finders import FileSystemFinder


class BootstrapFinder(FileSystemFinder):
    def __init__(self, app_names=None, *args, **kwargs):
        from django.conf import settings

        saved = settings.STATICFILES_DIRS
        settings.STATICFILES_DIRS = [("bootstrap", str(get_bootstrap_dir()))]
        try:
            super().__init__(app_names, *args, **kwargs)
        finally:
            settings.STATICFILES_DIRS = saved

    def check(self, **kwargs):
        return []
