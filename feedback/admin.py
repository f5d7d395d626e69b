"""Administrators set up instruments, worker colours, survey campaigns and lobby tablets.

Answers and contact slips are not in the admin: answers are read only as figures that
respect the minimum number of respondents, and contact slips only by the coordinators."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from feedback import services
from feedback.models import (
    Campaign,
    Channel,
    Instrument,
    InstrumentVersion,
    Item,
    KioskDevice,
    WorkerCode,
)
from feedback.sheets import campaign_url
from socialwork.core.admin import AdministratorAdmin, AdministratorInline, site
from socialwork.people.models import Language


@admin.register(Instrument, site=site)
class InstrumentAdmin(AdministratorAdmin):
    list_display = ["__str__", "kind", "responsible", "is_active"]
    fields = ["code", "kind", "name", "responsible", "is_active"]
    readonly_fields = ["code", "kind"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ItemInline(AdministratorInline):
    model = Item
    extra = 0
    fields = [
        "order",
        "code",
        "number",
        "section",
        "section_title",
        "scale",
        "text",
        "options",
        "paper_note",
    ]

    def has_change_permission(self, request, obj=None):
        # A version that has answers stays as it was: make a new version to change it.
        if obj is not None and services.version_has_answers(obj):
            return False
        return super().has_change_permission(request, obj)

    has_add_permission = has_delete_permission = has_change_permission


@admin.register(InstrumentVersion, site=site)
class InstrumentVersionAdmin(AdministratorAdmin):
    list_display = ["__str__", "created_at", "has_answers"]
    list_filter = ["instrument"]
    fields = ["instrument", "number", "intro", "scale_labels", "translated", "source"]
    readonly_fields = ["instrument", "number"]
    inlines = [ItemInline]
    actions = ["make_new_version"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and services.version_has_answers(obj):
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description=_("has answers"), boolean=True)
    def has_answers(self, obj):
        return services.version_has_answers(obj)

    @admin.action(description=_("Make a new version to edit"))
    def make_new_version(self, request, queryset):
        for version in queryset:
            copy = services.version_copy(version=version, actor=request.user)
            self.message_user(
                request,
                _("%(version)s was made. Edit it; the earlier answers keep their questions.")
                % {"version": copy},
                messages.SUCCESS,
            )


@admin.register(WorkerCode, site=site)
class WorkerCodeAdmin(AdministratorAdmin):
    list_display = ["worker", "unit", "colour", "is_active"]
    list_filter = ["unit", "is_active"]
    fields = ["unit", "worker", "colour", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False  # answers keep their colour: retire a colour instead


class CampaignForm(forms.ModelForm):
    channels = forms.MultipleChoiceField(
        label=_("channels"), choices=Channel.choices[:3], widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Campaign
        fields = ["instrument", "unit", "year", "month", "theme", "theme_sv", "channels"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.filter(
            kind__in=(Instrument.Kind.SURVEY, Instrument.Kind.COUNCIL)
        )


@admin.register(Campaign, site=site)
class CampaignAdmin(AdministratorAdmin):
    form = CampaignForm
    list_display = ["__str__", "unit", "theme", "created_at"]
    readonly_fields = ["web_address"]

    def get_fields(self, request, obj=None):
        fields = ["instrument", "unit", "year", "month", "theme", "theme_sv", "channels"]
        return [*fields, "web_address"] if obj else fields

    @admin.display(description=_("web address"))
    def web_address(self, obj):
        return campaign_url(obj) if obj and obj.link_id and obj.token else "–"

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.campaign_save(campaign=obj, actor=request.user)


class KioskDeviceForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The first is where the tablet starts."),
    )

    class Meta:
        model = KioskDevice
        fields = ["name", "unit", "instrument", "languages", "ask_worker_colour", "idle_seconds"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = Instrument.objects.filter(
            kind__in=[Instrument.Kind.CARD, Instrument.Kind.SURVEY], is_active=True
        )
        if not self.instance.pk:
            self.initial.setdefault("languages", ["fi", "sv", "en"])

    def clean_idle_seconds(self):
        value = self.cleaned_data["idle_seconds"]
        if not 20 <= value <= 600:
            raise forms.ValidationError(_("Choose between 20 and 600 seconds."))
        return value


@admin.register(KioskDevice, site=site)
class KioskDeviceAdmin(AdministratorAdmin):
    form = KioskDeviceForm
    list_display = ["name", "unit", "instrument", "state", "enrolled_at"]
    list_filter = ["unit"]
    readonly_fields = ["state", "enrolled_at", "revoked_at"]
    actions = ["new_link", "revoke"]

    def get_fields(self, request, obj=None):
        fields = ["name", "unit", "instrument", "languages", "ask_worker_colour", "idle_seconds"]
        return [*fields, "state", "enrolled_at", "revoked_at"] if obj else fields

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.revoked_at:
            return _("Revoked")
        if obj.enrolled_at:
            return _("In use")
        return _("Waiting for registration")

    def _show_link(self, request, device):
        token = services.kiosk_enrol_link_new(device=device, actor=request.user)
        url = request.build_absolute_uri(reverse("kiosk:enrol", kwargs={"token": token}))
        self.message_user(
            request,
            _(
                "Open this link on the tablet %(name)s within 24 hours. It works once and is "
                "not shown again: %(url)s"
            )
            % {"name": device.name, "url": url},
            messages.WARNING,
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            self._show_link(request, obj)

    @admin.action(description=_("Make a new registration link"))
    def new_link(self, request, queryset):
        for device in queryset:
            if device.revoked_at is None:
                self._show_link(request, device)

    @admin.action(description=_("Revoke: the tablet stops taking answers"))
    def revoke(self, request, queryset):
        for device in queryset.filter(revoked_at__isnull=True):
            services.kiosk_device_revoke(device=device, actor=request.user)
        self.message_user(request, _("Revoked."), messages.SUCCESS)
