from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from socialwork.people import second_factor

# Pages a person who has typed the password but not yet the code may open.
STEP_TWO_PAGES = {
    "login",
    "logout",
    "set_language",
    "people:second_factor_verify",
    "people:second_factor_setup",
}
# Pages without a login (the lobby tablet, survey and evaluation links, members', experts'
# and outside answerers' links): a half-logged-in browser opens them as anyone does. (The
# calendar feeds are fetched without a session, as by anyone.)
PUBLIC_NAMESPACES = {
    "kiosk",
    "survey",
    "evaluate",
    "council_member",
    "council_answer",
    "expert_page",
}


class SecondFactorMiddleware:
    """A staff member who has given the password but not the code (or has no app set up
    yet) reaches only the pages of step two; every other page sends them there and back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not second_factor.required() or user.is_verified():
            return None
        match = request.resolver_match
        if match.view_name in STEP_TWO_PAGES or match.namespace in PUBLIC_NAMESPACES:
            return None
        target = (
            "people:second_factor_verify"
            if second_factor.is_enrolled(user)
            else "people:second_factor_setup"
        )
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
