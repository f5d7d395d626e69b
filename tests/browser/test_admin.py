"""Administrators are staff too: every list, add and change page of the product's models in
the admin, with the demo data behind them, has no WCAG 2.1 A/AA violation. A new model or
inline is in this test by being registered."""

from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.urls import reverse

from socialwork.core.admin import site
from socialwork.people.models import User
from tests.factories.people import PASSWORD


def admin_pages(administrator) -> list[str]:
    request = SimpleNamespace(user=administrator)
    pages = [reverse("admin:index")]
    for model, model_admin in sorted(site._registry.items(), key=lambda pair: pair[0]._meta.label):
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append(reverse(f"{prefix}_changelist"))
        if model_admin.has_add_permission(request):
            pages.append(reverse(f"{prefix}_add"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            pages.append(reverse(f"{prefix}_change", args=[first.pk]))
    return pages


@pytest.mark.django_db(transaction=True)
def test_every_admin_page_is_accessible(settings, page, live_server, axe, log_in):
    settings.DEBUG = True
    call_command("seed_demo")
    settings.DEBUG = False
    administrator = User.objects.get(username="admin")
    administrator.set_password(PASSWORD)
    administrator.save(update_fields=["password"])
    log_in(administrator)
    failures = []
    pages = admin_pages(administrator)
    assert len(pages) > 30  # every model's list, and add and change pages where they exist
    for path in pages:
        response = page.goto(live_server.url + path)
        assert response.status == 200, (path, response.status)
        try:
            axe.check()
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n\n".join(failures)
