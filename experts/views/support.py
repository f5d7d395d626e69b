"""Support for experts, kept by the coordinator: group supervision, joint meetings and the
steering group with attendance; the peer-support expert's contact diary and its monthly
report (small counts hidden from anyone beyond the coordinator)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from experts import forms, permissions, selectors, services
from experts.models import DiaryEntry, Expert
from experts.views.mixins import CoordinatorMixin, say
from socialwork.core.mixins import PredicateRequiredMixin


class GatheringListView(CoordinatorMixin, ListView):
    template_name = "experts/gatherings.html"
    context_object_name = "gatherings"
    paginate_by = 30

    def get_queryset(self):
        return selectors.gatherings()


class GatheringFormView(CoordinatorMixin, FormView):
    template_name = "experts/form.html"
    form_class = forms.GatheringForm

    @property
    def title(self):
        return (
            _("Change the meeting") if "pk" in self.kwargs else _("Plan a supervision or meeting")
        )

    def get_gathering(self):
        if "pk" not in self.kwargs:
            return None
        gathering = selectors.gathering_get(self.kwargs["pk"])
        if gathering is None:
            raise Http404
        return gathering

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.get_gathering()}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            gathering = services.gathering_save(
                actor=self.request.user,
                gathering=self.get_gathering(),
                experts=data["experts"],
                **{
                    k: data[k] for k in ("kind", "starts_at", "ends_at", "place", "led_by", "notes")
                },
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting was saved."))
        return redirect("experts:gathering_detail", pk=gathering.pk)


class GatheringDetailView(CoordinatorMixin, TemplateView):
    template_name = "experts/gathering_detail.html"

    def get_gathering(self):
        gathering = selectors.gathering_get(self.kwargs["pk"])
        if gathering is None:
            raise Http404
        return gathering

    def get_context_data(self, **kwargs):
        gathering = self.get_gathering()
        return super().get_context_data(
            gathering=gathering,
            rows=selectors.gathering_rows(gathering),
            has_begun=gathering.starts_at <= timezone.now(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        gathering = self.get_gathering()
        present = [v for v in request.POST.getlist("present") if v.isascii() and v.isdigit()]
        try:
            count = services.gathering_attendance(
                actor=request.user, gathering=gathering, present_ids=present
            )
        except ValidationError as error:
            say(request, error)
        else:
            messages.success(request, _("Attendance saved: %(count)s present.") % {"count": count})
        return redirect("experts:gathering_detail", pk=gathering.pk)


class DiaryView(CoordinatorMixin, FormView):
    """The coordinator writes a contact down for an expert who phoned it in, and reads the
    entries of the employed experts."""

    template_name = "experts/diary.html"
    form_class = forms.DiaryForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            experts=list(selectors.diary_experts()),
            entries=list(
                DiaryEntry.objects.select_related("expert__client").order_by("-day", "-id")[:50]
            ),
            **kwargs,
        )

    def form_valid(self, form):
        expert = get_object_or_404(
            selectors.diary_experts(),
            pk=self.request.POST.get("expert", "0")
            if self.request.POST.get("expert", "").isdigit()
            else 0,
        )
        try:
            services.diary_add(expert=expert, actor=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The contact was written down."))
        return redirect("experts:diary")


class DiaryReportView(PredicateRequiredMixin, TemplateView):
    """Contacts by month and topic: what people turn to the peer-support expert about."""

    template_name = "experts/diary_report.html"

    def allowed(self, user):
        return permissions.can_read_diary_report(user)

    def get_context_data(self, **kwargs):
        this_year = timezone.localdate().year
        value = self.request.GET.get("year", "")
        year = int(value) if value.isdigit() and 2000 <= int(value) <= this_year else this_year
        report = selectors.diary_report(
            year=year, protected=not permissions.is_coordinator(self.request.user)
        )
        return super().get_context_data(
            report=report,
            year=year,
            years=list(range(this_year, this_year - 5, -1)),
            experts=Expert.objects.filter(employment=Expert.Employment.SALARIED).count(),
            **kwargs,
        )
