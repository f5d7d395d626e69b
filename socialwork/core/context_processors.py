from django.conf import settings

from socialwork.core.navigation import active_key, admin_link_for, menu_for


def navigation(request):
    user = getattr(request, "user", None)
    return {
        "nav_items": menu_for(user),
        "nav_admin_url": admin_link_for(user),
        "active_nav": active_key(getattr(request, "resolver_match", None)),
        "organisation_name": settings.SOCIALWORK_ORGANISATION_NAME,
        # Figures resting on fewer answers than this are not shown (templates say so).
        "min_respondents": settings.SOCIALWORK_MIN_RESPONDENTS,
    }
