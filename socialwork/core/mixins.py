from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404


class PredicateRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; a logged-in user who fails `allowed` gets 403.

    Views about one object load it through a need-to-know selector and answer 404 when it is
    not visible, rather than 403, so that a stranger cannot learn that a client exists.
    """

    def allowed(self, user) -> bool:
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ObjectForUserMixin(PredicateRequiredMixin):
    """A page about one object, loaded through a need-to-know selector.

    `object_selector(user, pk)` returns the object or None when the user may not see it;
    `object_predicate(user, obj)` says whether the user may do this page's action on it.
    The checks run in this order: anonymous goes to the login page; failing `allowed` is
    403; an object the user may not see is 404, the same as one that does not exist, so that
    a stranger learns nothing; an object seen but not to be acted on is 403.

    Both are plain functions set on the class (looked up on the class, so they do not become
    methods); a view may instead override `select_object` or `object_allowed`.
    """

    object_selector = None
    object_predicate = None
    pk_url_kwarg = "pk"

    def select_object(self, user, pk):
        return type(self).object_selector(user, pk)

    def object_allowed(self, user, obj) -> bool:
        predicate = type(self).object_predicate
        return predicate is None or predicate(user, obj)

    def get_object(self, queryset=None):
        if not hasattr(self, "_object"):
            obj = self.select_object(self.request.user, self.kwargs[self.pk_url_kwarg])
            if obj is None:
                raise Http404
            self._object = obj
        return self._object

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if (
            user.is_authenticated
            and self.allowed(user)
            and not self.object_allowed(user, self.get_object())
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ExportableListMixin:
    """A list's rows as a spreadsheet (`?export=xlsx` or `csv`): the same search, the same
    rows the reader may see, every page of them, written by socialwork.core.exports (dates
    and numbers typed, text never read as a formula). `export_columns`: (title, the value
    of a row) pairs; `export_name`: the file's name."""

    export_name = "lista"
    export_columns: tuple = ()

    def get(self, request, *args, **kwargs):
        from socialwork.core.exports import csv_response, xlsx_response

        fmt = request.GET.get("export")
        if fmt not in ("csv", "xlsx"):
            return super().get(request, *args, **kwargs)
        header = [str(title) for title, _value in self.export_columns]
        rows = [
            [value(row) for _title, value in self.export_columns] for row in self.get_queryset()
        ]
        if fmt == "xlsx":
            return xlsx_response(f"{self.export_name}.xlsx", header, rows)
        return csv_response(f"{self.export_name}.csv", [header, *rows])


class FilteredListMixin:
    """A ListView over a django-filter FilterSet. Invalid filter input (a malformed date, an
    unknown unit) shows the form's message and no rows, never an error page."""

    filterset_class = None

    def get_base_queryset(self):
        raise NotImplementedError

    def get_filterset_kwargs(self) -> dict:
        return {}

    def get_queryset(self):
        self.filterset = self.filterset_class(
            self.request.GET or None,
            queryset=self.get_base_queryset(),
            **self.get_filterset_kwargs(),
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter=self.filterset, **kwargs)


def posted_pk(request, name: str) -> int:
    """The id a form posts in `name`, or 404: a hand-made "abc" or 10**30 is no row."""
    value = request.POST.get(name, "")
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)
