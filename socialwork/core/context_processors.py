from django.conf import settings

from socialwork.core.navigation import active_key, admin_link_for, menu_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and not _past_step_two(user):
        # Password given, code not yet: the menu's pages would only send them back here.
        user = None
    return {
        "nav_items": menu_for(user),
        "nav_admin_url": admin_link_for(user),
        "active_nav": active_key(getattr(request, "resolver_match", None)),
        "organisation_name": settings.SOCIALWORK_ORGANISATION_NAME,
        # Figures resting on fewer answers than this are not shown (templates say so).
        "min_respondents": settings.SOCIALWORK_MIN_RESPONDENTS,
    }


def _past_step_two(user) -> bool:
    from socialwork.people import second_factor

    is_verified = getattr(user, "is_verified", None)
    return not second_factor.required() or is_verified is None or is_verified()
