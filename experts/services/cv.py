"""Experts and their CVs: made together with the expert, approved by the expert (when and
how is kept), then published to staff. A change to a published CV is a new draft; the
published one stays in the roster until the new one is approved and published."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from experts.models import AREA_CODES, CV, Expert
from socialwork.audit.disclosures import DisclosureKind, disclosed, register_disclosure
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.people.models import Client, User

CV_FIELDS = (
    "language",
    "name",
    "born_year",
    "training_year",
    "background",
    "motto",
    "story",
    "experience",
    "languages",
    "assignment_types",
)
PRIVATE_FIELDS = (
    "status",
    "employment",
    "life_situation",
    "availability",
    "payroll_reference",
    "source",
    "referred_by",
    "close_supervisor",
    "steering_group",
)


@transaction.atomic
def expert_create(*, actor: User, client: Client, **data) -> Expert:
    if Expert.objects.filter(client=client).exists():
        raise ValidationError(_("%(name)s is already on the roster.") % {"name": client.full_name})
    expert = Expert(
        client=client,
        created_by=actor,
        status_changed_at=timezone.now(),
        **{k: v for k, v in data.items() if k in PRIVATE_FIELDS},
    )
    expert.full_clean()
    expert.save()
    audit_record(actor=actor, action=AuditEvent.Action.CREATE, obj=expert, unit=client.unit)
    return expert


@transaction.atomic
def expert_update(*, actor: User, expert: Expert, **data) -> Expert:
    expert = (
        Expert.objects.select_for_update(of=("self",)).select_related("client").get(pk=expert.pk)
    )
    # The status moves through the funnel's own service (recruitment.expert_set_status).
    changed = [
        k
        for k, v in data.items()
        if k in PRIVATE_FIELDS and k != "status" and getattr(expert, k) != v
    ]
    for field in changed:
        setattr(expert, field, data[field])
    expert.full_clean()
    expert.save()
    if changed:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CHANGE,
            obj=expert,
            unit=expert.client.unit,
            changed_fields=changed,
        )
    return expert


def expert_viewed(*, actor: User, expert: Expert) -> None:
    """The private file is read: in the audit log, every time."""
    audit_record(actor=actor, action=AuditEvent.Action.VIEW, obj=expert, unit=expert.client.unit)


def _clean_experience(value) -> dict:
    return {
        code: text.strip()
        for code, text in (value or {}).items()
        if code in AREA_CODES and isinstance(text, str) and text.strip()
    }


@transaction.atomic
def cv_save(*, actor: User, expert: Expert, **data) -> CV:
    """Write the CV's draft. With no draft, a new version starts from the newest one (a
    published CV stays published until the new version is)."""
    Expert.objects.select_for_update().filter(pk=expert.pk).first()
    draft = expert.cvs.filter(status=CV.Status.DRAFT).first()
    if draft is None:
        newest = expert.cvs.order_by("-version").first()
        draft = CV(expert=expert, version=(newest.version + 1) if newest else 1)
        if newest is not None:
            for field in CV_FIELDS:
                setattr(draft, field, getattr(newest, field))
    # An approval was for the words as they were: changing them asks for it again.
    expert.cvs.filter(status=CV.Status.APPROVED).update(status=CV.Status.SUPERSEDED)
    for field in CV_FIELDS:
        if field in data:
            setattr(draft, field, data[field])
    draft.experience = _clean_experience(draft.experience)
    draft.full_clean()
    draft.save()
    return draft


@transaction.atomic
def cv_approve(*, actor: User, cv: CV, how: str) -> CV:
    """The expert has read the draft and agrees to it (recorded by the coordinator)."""
    cv = CV.objects.select_for_update().get(pk=cv.pk)
    if cv.status != CV.Status.DRAFT:
        raise ValidationError(_("Only a draft is approved."))
    if how not in CV.ApprovedHow.values:
        raise ValidationError({"approved_how": _("Say how the expert approved the CV.")})
    cv.status = CV.Status.APPROVED
    cv.approved_at = timezone.now()
    cv.approved_how = how
    cv.approval_recorded_by = actor
    cv.save(update_fields=["status", "approved_at", "approved_how", "approval_recorded_by"])
    return cv


@transaction.atomic
def cv_publish(*, actor: User, cv: CV) -> CV:
    """Staff see this version from now on; the one before leaves the roster."""
    cv = CV.objects.select_for_update(of=("self",)).select_related("expert__client").get(pk=cv.pk)
    if cv.status != CV.Status.APPROVED:
        raise ValidationError(_("The expert approves the CV before it is published."))
    if cv.expert.status not in (Expert.Status.ACTIVE, Expert.Status.RESTING):
        raise ValidationError(_("Only an active or resting expert's CV is published."))
    cv.expert.cvs.filter(status=CV.Status.PUBLISHED).update(status=CV.Status.SUPERSEDED)
    cv.status = CV.Status.PUBLISHED
    cv.published_at = timezone.now()
    cv.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CHANGE,
        obj=cv.expert,
        unit=cv.expert.client.unit,
        changed_fields=["cv_published"],
    )
    return cv


CV_FOLDER_TAKEN = register_disclosure(
    DisclosureKind(
        code="expert_cv_folder",
        what=gettext_lazy("the CV folder (the CV as the expert approved it)"),
        recipient=gettext_lazy("staff who order experience experts, and those they show it to"),
        purpose=gettext_lazy("to choose an experience expert for an assignment"),
    )
)


def folder_downloaded(*, actor: User) -> None:
    """The folder PDF leaves the product (printed, shown to an orderer): each expert in it
    has the disclosure in their access report. The folder is made again whenever a CV is
    published, so the roster now is the folder's (an older folder asked for by its id names
    nearly always the same experts)."""
    from experts.selectors import roster

    disclosed(
        actor=actor,
        kind=CV_FOLDER_TAKEN,
        clients=Client.objects.filter(expert__cvs__in=roster()).distinct(),
    )


def folder_request(*, actor: User, language: str):
    """The CV folder as one PDF, made by a worker; its first page in `language` (each CV
    stays in its own)."""
    from experts.documents import FOLDER
    from socialwork.documents.services import document_request

    return document_request(kind=FOLDER, object_id=language, requested_by=actor)
