from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied


class PredicateRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; a logged-in user who fails `allowed` gets 403.

    Views with an object check it in get_object() through `object_allowed`, answering 404
    rather than 403, so that a stranger cannot learn that a client record exists.
    """

    def allowed(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
