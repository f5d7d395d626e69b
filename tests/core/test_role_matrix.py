"""Every URL pattern, opened by every persona and anonymously, answers as declared here.

A URL without an entry in MATRIX (or, for the admin, without a rule) fails the test: every
new page must say who may open it.
"""

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.people.models import Consent
from tests.conftest import PERSONAS
from tests.factories import ConsentFactory

OK, LOGIN, FORBIDDEN, NOT_FOUND, REDIRECT, NOT_ALLOWED = 200, "login", 403, 404, 302, 405

STAFF_ONLY = {p: OK for p in PERSONAS if p != "anonymous"} | {"anonymous": LOGIN}


def everyone(expected):
    return dict.fromkeys(PERSONAS, expected)


def only(*allowed, others=FORBIDDEN):
    return {p: OK if p in allowed else others for p in PERSONAS if p != "anonymous"} | {
        "anonymous": LOGIN
    }


def group(world):
    """A group the counsellor facilitates in their unit, with one participant and a goal."""
    from groups.models import GroupGoal
    from groups.services import enrolment_add, personal_goal_save, wish_add
    from tests.factories.groups import make_run

    run = make_run(unit=world.unit, facilitators=[world.counsellor])
    enrolment = enrolment_add(actor=world.counsellor, run=run, client=world.client)
    goal = GroupGoal.objects.create(run=run, text="Yhteinen tavoite")
    personal = personal_goal_save(actor=world.counsellor, enrolment=enrolment, text="Oma tavoite")
    wish_add(actor=world.counsellor, run=run, text="Retki")
    return run, enrolment, goal, personal


def letter_batch_pk(world):
    """A print file the counsellor made, ready to download."""
    from socialwork.messaging.models import LetterBatch
    from tests.factories.documents import DocumentFactory
    from tests.factories.messaging import LetterBatchFactory

    batch = LetterBatchFactory(created_by=world.counsellor, status=LetterBatch.Status.READY)
    batch.document = DocumentFactory(kind="messaging.letters", object_id=batch.pk)
    batch.save()
    return {"pk": batch.pk}


def dashboard_section(world):
    return {"section": "groups"}


def report_pk(world):
    """A finished dashboard PDF the supervisor asked for."""
    from tests.factories.documents import DocumentFactory

    document = DocumentFactory(
        kind="reporting.dashboard", object_id="groups:2026:-:-:fi", requested_by=world.supervisor
    )
    return {"pk": document.pk}


def sora_collection_pk(world):
    """A collection open today that invites the unit of the counsellor, social worker and
    supervisor."""
    from participation.models import Collection

    today = timezone.localdate()
    collection = Collection.objects.create(
        title="Asumisen ongelmat", opens_on=today, closes_on=today, created_by=world.supervisor
    )
    collection.units.add(world.unit)
    return {"pk": collection.pk}


def sora_report_pk(world):
    """A report a counsellor sent for their unit."""
    from participation.models import Theme
    from participation.services import report_send

    report = report_send(
        actor=world.counsellor,
        unit=world.unit,
        signal="concern",
        client_group="housing",
        # The migration's theme; a transactional test (the browser's) empties the tables.
        themes=[Theme.objects.get_or_create(name_fi="Asuminen")[0]],
        concerns="Vuokra-asuntoja on liian vähän.",
    )
    return {"pk": report.pk}


def sora_summary_pk(world):
    """A finished summary the supervisor asked for."""
    from tests.factories.documents import DocumentFactory

    document = DocumentFactory(
        kind="participation.sora_summary", object_id="2026:fi", requested_by=world.supervisor
    )
    return {"pk": document.pk}


def event_pk(world):
    """A theme afternoon the counsellor organises in their unit."""
    from participation.services import event_save

    event = event_save(
        actor=world.counsellor,
        units=[world.unit],
        kind="theme_afternoon",
        title="Teemailtapäivä: asuminen",
        starts_on=timezone.localdate(),
    )
    return {"pk": event.pk}


def clock_item_pk(world):
    """An item the supervisor planned for their unit."""
    from participation.models import ClockItem

    item = ClockItem.objects.create(
        title="Asiakastyytyväisyyskysely",
        kind="survey",
        unit=world.unit,
        owner=world.supervisor,
        starts_on=timezone.localdate(),
        rrule="FREQ=YEARLY",
        created_by=world.supervisor,
    )
    return {"pk": item.pk}


def clock_poster_pk(world):
    from tests.factories.documents import DocumentFactory

    document = DocumentFactory(
        kind="participation.clock", object_id="2026:-:fi", requested_by=world.supervisor
    )
    return {"pk": document.pk}


def clock_feed_token(world):
    from participation.services import clock_feed_regenerate

    return {"token": clock_feed_regenerate(user=world.supervisor).token}


def sora_meeting_pk(world):
    from participation.models import ReportingMeeting

    meeting = ReportingMeeting.objects.create(
        held_on=timezone.localdate(), unit=world.unit, created_by=world.supervisor
    )
    return {"pk": meeting.pk}


def run_pk(world):
    return {"pk": group(world)[0].pk}


def session_pk(world):
    return {"pk": group(world)[0].sessions.first().pk}


def enrolment_kwargs(world):
    run, enrolment, _goal, _personal = group(world)
    return {"pk": run.pk, "enrolment_pk": enrolment.pk}


def group_goal_kwargs(world):
    run, _enrolment, goal, _personal = group(world)
    return {"pk": run.pk, "goal_pk": goal.pk}


def personal_goal_kwargs(world):
    run, enrolment, _goal, personal = group(world)
    return {"pk": run.pk, "enrolment_pk": enrolment.pk, "goal_pk": personal.pk}


def enrolment_pk(world):
    return {"pk": group(world)[1].pk}


def evaluation_kwargs(world):
    run, enrolment, _goal, _personal = group(world)
    return {"pk": run.sessions.first().pk, "enrolment_pk": enrolment.pk}


def open_code(world):
    """A valid session code for the group's first session (already held)."""
    from datetime import timedelta

    from groups.models import EvaluationCode
    from socialwork.links.services import link_issue

    run, enrolment, _goal, _personal = group(world)
    session = run.sessions.first()
    link = link_issue(purpose="session-code", valid_for=timedelta(hours=1))
    code = EvaluationCode.objects.create(session=session, link=link)
    return code, enrolment


def code_kwargs(world):
    return {"code": open_code(world)[0].code}


def self_evaluation_kwargs(world):
    code, enrolment = open_code(world)
    return {"code": code.code, "enrolment_pk": enrolment.pk}


def feed_kwargs(world):
    from groups.services import calendar_feed_for

    return {"token": calendar_feed_for(world.counsellor).token}


def programme_pk(world):
    from tests.factories.groups import programme

    return {"pk": programme("Sisu").pk}


# Facilitator only; the unit's supervisor is refused; a colleague who does not facilitate
# gets 404 (the group is not shown to them at all).
FACILITATOR = only("counsellor") | {"social_worker": NOT_FOUND}
GROUP_WORKERS = only("counsellor", "social_worker", "supervisor")


def client_pk(world):
    return {"pk": world.client.pk}


def access_report_kwargs(world):
    """An access report of the client, asked for by the counsellor: theirs alone."""
    from tests.factories.documents import DocumentFactory

    document = DocumentFactory(
        kind="people.access_report",
        object_id=f"{world.client.pk}:2026-01-01:2026-12-31:fi",
        requested_by=world.counsellor,
    )
    return {"pk": world.client.pk, "document_pk": document.pk}


def data_export_kwargs(world):
    """A copy of the client's data, asked for by the unit's supervisor: theirs alone."""
    from tests.factories.documents import DocumentFactory

    document = DocumentFactory(
        kind="people.data_export", object_id=f"{world.client.pk}:fi", requested_by=world.supervisor
    )
    return {"pk": world.client.pk, "document_pk": document.pk}


def consent_kwargs(world):
    consent = ConsentFactory(client=world.client, recorded_by=world.counsellor)
    return {"pk": world.client.pk, "consent_pk": consent.pk}


def feedback_comment_kwargs(world):
    """A written comment in the unit's card answers."""
    import uuid

    from feedback import selectors, services
    from feedback.models import Answer, Channel, Instrument

    services.response_record(
        key=uuid.uuid4(),
        version=selectors.version_current(Instrument.objects.get(code="card")),
        channel=Channel.PAPER,
        language="fi",
        answers={"q1": 3, "q3": "Hyvä tapaaminen"},
        unit_id=world.unit.pk,
    )
    answer = Answer.objects.select_related("response").get(text="Hyvä tapaaminen")
    return {"key": answer.response.key, "item": answer.item_id}


def feedback_campaign(world):
    from tests.factories.documents import DocumentFactory
    from tests.factories.feedback import CampaignFactory

    campaign = CampaignFactory(unit=world.unit)
    campaign.sheet = DocumentFactory(object_id=campaign.pk)
    campaign.save()
    return campaign


def feedback_campaign_pk(world):
    return {"pk": feedback_campaign(world).pk}


def survey_token(world):
    return {"token": feedback_campaign(world).token}


def contact_slip_pk(world):
    from feedback.services import contact_slip_record
    from tests.feedback.conftest import release_slips

    slip = contact_slip_record(
        name="Maija", phone="0401234567", email="", interest="council", message="", unit_id=None
    )
    release_slips()
    return {"pk": slip.pk}


def kiosk_enrol_token(world):
    from feedback import services
    from feedback.models import Instrument, KioskDevice

    device = KioskDevice.objects.create(
        name="Aula", unit=world.unit, instrument=Instrument.objects.get(code="card")
    )
    return {"token": services.kiosk_enrol_link_new(device=device, actor=world.administrator)}


def council_world(world):
    """A council the counsellor leads in their unit, with the client as a member, a meeting
    held a month ago and one a week ago, a waiting topic and a proposal sent to management."""
    from datetime import time, timedelta

    from django.utils import timezone

    from councils import services
    from councils.models import Council, MeetingRole, Proposal

    today = timezone.localdate()
    council = services.council_create(
        actor=world.counsellor,
        units=[world.unit],
        leaders=[(world.counsellor, MeetingRole.CHAIR)],
        name="Koivulan asiakasraati",
        cadence=Council.Cadence.CUSTOM,
        start_time=time(13),
        responsible=world.counsellor,
    )
    first = services.meeting_add(
        actor=world.counsellor,
        council=council,
        day=today - timedelta(days=30),
        start=time(13),
        minutes=120,
    )
    services.meeting_add(
        actor=world.counsellor,
        council=council,
        day=today - timedelta(days=7),
        start=time(13),
        minutes=120,
    )
    membership = services.member_add(actor=world.counsellor, council=council, client=world.client)
    services.topic_add(actor=world.counsellor, council=council, title="Aula", source="members")
    proposal = services.proposal_create(
        actor=world.counsellor,
        council=council,
        title="Neuvonta ilman ajanvarausta",
        text="Ehdotamme ...",
        recipient_kind=Proposal.Recipient.MANAGER,
        recipient_user=world.management,
        meeting=first,
    )
    services.proposal_send(actor=world.counsellor, proposal=proposal)
    commission = services.commission_give(
        actor=world.management,
        council=council,
        title="Esite",
        question="Mitä mieltä?",
        due_on=today + timedelta(days=30),
    )
    return council, first, membership, proposal, commission


def council_pk(world):
    return {"pk": council_world(world)[0].pk}


def council_meeting_pk(world):
    return {"pk": council_world(world)[1].pk}


def council_packet_kwargs(world):
    from tests.factories.documents import DocumentFactory

    meeting = council_world(world)[1]
    DocumentFactory(kind="councils.packet", object_id=f"{meeting.pk}:fi")
    return {"pk": meeting.pk, "language": "fi"}


def council_proposal_pk(world):
    return {"pk": council_world(world)[3].pk}


def council_commission_kwargs(world):
    council, _meeting, _membership, _proposal, commission = council_world(world)
    return {"pk": council.pk, "commission_pk": commission.pk}


def council_candidate_pk(world):
    from councils import services
    from tests.factories import ClientFactory

    council = council_world(world)[0]
    person = ClientFactory(unit=world.unit, named_worker=world.counsellor)
    candidate = services.candidate_add(
        actor=world.counsellor, council=council, client=person, source="own_worker"
    )
    return {"pk": candidate.pk}


def council_kickoff_pk(world):
    from datetime import timedelta

    from django.utils import timezone

    from councils import services

    starts = timezone.now() + timedelta(days=10)
    kickoff = services.kickoff_save(
        actor=world.counsellor,
        council=council_world(world)[0],
        starts_at=starts,
        ends_at=starts + timedelta(hours=1),
        place="Kahvio",
    )
    return {"pk": kickoff.pk}


def council_member_token(world):
    from datetime import time, timedelta

    from django.utils import timezone

    from councils.services import meeting_add, member_link_for

    council, _meeting, membership, _proposal, _commission = council_world(world)
    coming = meeting_add(
        actor=world.counsellor,
        council=council,
        day=timezone.localdate() + timedelta(days=6),
        start=time(13),
        minutes=120,
    )
    return {"token": member_link_for(meeting=coming, membership=membership).link.token}


def council_answer_token(world):
    from councils import services
    from councils.models import Proposal

    council = council_world(world)[0]
    proposal = services.proposal_create(
        actor=world.counsellor,
        council=council,
        title="Kannanotto",
        text="...",
        recipient_kind=Proposal.Recipient.DECISION_MAKER,
        recipient_name="Sosiaalilautakunta",
        recipient_email="lautakunta@example.fi",
    )
    services.proposal_send(actor=world.counsellor, proposal=proposal)
    proposal.refresh_from_db()
    return {"token": proposal.answer_link.token}


def expert_cv_pk(world):
    from experts import services
    from experts.models import Expert
    from tests.factories import ClientFactory

    person = ClientFactory(unit=world.unit)
    coordinator = world.expert_coordinator
    expert = services.expert_create(actor=coordinator, client=person, status=Expert.Status.ACTIVE)
    cv = services.cv_save(actor=coordinator, expert=expert, name="Pirjo L.", motto="Toivoa on.")
    services.cv_approve(actor=coordinator, cv=cv, how="in_person")
    return {"pk": services.cv_publish(actor=coordinator, cv=cv).pk}


def expert_world(world):
    """An active expert with a published CV, a contact slip, an order by the counsellor with
    the expert asked, a done order with an approved fee, a payroll export, an invoice, a
    supervision meeting and the expert's page: every expert page has something to show."""
    from datetime import timedelta

    from django.utils import timezone

    from experts import services
    from experts.models import Expert, FeeBatch, Organisation
    from socialwork.documents.models import Document
    from tests.experts.helpers import on_roster, order

    if getattr(world, "_experts", None):
        return world._experts
    coordinator = world.expert_coordinator
    expert = on_roster(world, "Pirjo Lehtonen", assignment_types=["talk", "client_meeting"])
    services.expert_update(actor=coordinator, expert=expert, life_situation="Ei iltoja.")
    employed = on_roster(world, "Olli Nieminen", employment=Expert.Employment.SALARIED)
    soon = timezone.now() + timedelta(days=7)
    wanted = order(world, soon, areas=["debt_counselling"])
    services.booking_ask(actor=coordinator, order=wanted, experts=[expert])
    meeting = order(
        world, soon + timedelta(days=1), assignment_type="client_meeting", client=world.client
    )
    services.order_record_consent(actor=world.counsellor, order=meeting, how="phone")
    link = services.page_link_renew(actor=coordinator, expert=expert, send=False)
    school = Organisation.objects.create(name="Oppilaitos", billing_address="PL 1")
    batch = FeeBatch.objects.create(
        kind=FeeBatch.Kind.PAYROLL, month=timezone.localdate().replace(day=1), number=1
    )
    pdf = Document.objects.create(
        kind="experts.invoice", status=Document.Status.READY, file=b"%PDF-1.4\n", size=9
    )
    invoice = FeeBatch.objects.create(
        kind=FeeBatch.Kind.INVOICE,
        month=timezone.localdate().replace(day=1),
        number=1,
        organisation=school,
        document=pdf,
    )
    pdf.object_id = str(invoice.pk)
    pdf.save()
    folder = Document.objects.create(
        kind="experts.folder", object_id="fi", status=Document.Status.READY, file=b"%PDF-1.4\n"
    )
    gathering = services.gathering_save(
        actor=coordinator,
        kind="supervision",
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() - timedelta(days=1) + timedelta(hours=2),
        place="Asemakatu 12",
        led_by="Työnohjaaja Aino",
        experts=[expert, employed],
    )
    world._experts = {
        "expert": expert.pk,
        "order": wanted.pk,
        "meeting": meeting.pk,
        "token": link.token,
        "batch": batch.pk,
        "invoice": invoice.pk,
        "folder": folder.pk,
        "gathering": gathering.pk,
    }
    return world._experts


def expert_pk(world):
    return {"pk": expert_world(world)["expert"]}


def expert_order_pk(world):
    return {"pk": expert_world(world)["order"]}


def expert_meeting_pk(world):
    return {"pk": expert_world(world)["meeting"]}


def expert_page_token(world):
    return {"token": expert_world(world)["token"]}


def expert_folder_pk(world):
    return {"pk": expert_world(world)["folder"]}


def expert_gathering_pk(world):
    return {"pk": expert_world(world)["gathering"]}


def expert_payroll_kwargs(world):
    return {"pk": expert_world(world)["batch"], "fmt": "xlsx"}


def expert_invoice_pk(world):
    return {"pk": expert_world(world)["invoice"]}


def expert_cv_step_kwargs(world):
    return {"pk": expert_world(world)["expert"], "step": "approve"}


# Every client worker reads the experts' published CVs; the coordinator keeps them.
EXPERT_READERS = only("counsellor", "social_worker", "supervisor", "expert_coordinator")
# The coordinator's pages: nobody else, not even the administrator.
COORDINATOR = only("expert_coordinator")
COORDINATOR_POST = COORDINATOR | {"expert_coordinator": NOT_ALLOWED}
ORDER_VIEWERS = only("counsellor", "social_worker", "supervisor", "expert_coordinator")
# An order of the counsellor's: the social worker of the same unit does not see it; the
# unit's supervisor reads it.
ONE_ORDER = ORDER_VIEWERS | {"social_worker": NOT_FOUND}
ORDER_MANAGERS = ONE_ORDER | {"supervisor": FORBIDDEN}
ORDER_MANAGER_POST = ORDER_MANAGERS | {"counsellor": NOT_ALLOWED, "expert_coordinator": NOT_ALLOWED}
ORDER_COORDINATOR_POST = ORDER_MANAGERS | {
    "counsellor": FORBIDDEN,
    "expert_coordinator": NOT_ALLOWED,
}

# A council's leaders manage it; its unit's supervisor and management read it (403 on the
# leaders' pages); a colleague who does not lead it gets 404 (it is not shown to them).
COUNCIL_READERS = only("counsellor", "supervisor", "management") | {"social_worker": NOT_FOUND}
COUNCIL_LEADER = only("counsellor") | {"social_worker": NOT_FOUND}
COUNCIL_LEADER_POST = COUNCIL_LEADER | {"counsellor": NOT_ALLOWED}
# The interview record does not exist for anyone but the leaders.
COUNCIL_INTERVIEW = COUNCIL_LEADER | {"supervisor": NOT_FOUND, "management": NOT_FOUND}


# name -> (kwargs(world) or None, {persona: expected})
MATRIX = {
    "core:home": (None, STAFF_ONLY),
    "councils:home": (None, only("counsellor", "social_worker", "supervisor", "management")),
    "councils:proposals": (
        None,
        only("counsellor", "social_worker", "supervisor", "management"),
    ),
    "councils:create": (None, only("counsellor", "social_worker")),
    "councils:detail": (council_pk, COUNCIL_READERS),
    "councils:update": (council_pk, COUNCIL_LEADER),
    "councils:status": (council_pk, COUNCIL_LEADER_POST),
    "councils:member_add": (council_pk, COUNCIL_LEADER),
    "councils:member_status": (council_pk, COUNCIL_LEADER_POST),
    "councils:topic_add": (council_pk, COUNCIL_LEADER),
    "councils:candidate_add": (council_pk, COUNCIL_LEADER),
    "councils:candidate_from_slip": (council_pk, COUNCIL_LEADER_POST),
    "councils:candidate_stage": (council_pk, COUNCIL_LEADER_POST),
    "councils:kickoff_create": (council_pk, COUNCIL_LEADER),
    "councils:kickoff_detail": (council_kickoff_pk, COUNCIL_LEADER),
    "councils:kickoff_invite": (council_kickoff_pk, COUNCIL_LEADER_POST),
    "councils:interview": (council_candidate_pk, COUNCIL_INTERVIEW),
    "councils:interview_topics": (
        council_candidate_pk,
        COUNCIL_INTERVIEW | {"counsellor": NOT_ALLOWED},
    ),
    "councils:topic_status": (council_pk, COUNCIL_LEADER_POST),
    "councils:meetings_plan": (council_pk, COUNCIL_LEADER_POST),
    "councils:hours": (council_pk, COUNCIL_LEADER),
    "councils:feedback_round": (council_pk, COUNCIL_LEADER_POST),
    "councils:proposal_create": (council_pk, COUNCIL_LEADER),
    "councils:output_create": (council_pk, COUNCIL_LEADER),
    # Management and the unit's supervisor give the council commissions; the leaders answer.
    "councils:commission_create": (
        council_pk,
        only("supervisor", "management") | {"social_worker": NOT_FOUND},
    ),
    "councils:commission_answer": (council_commission_kwargs, COUNCIL_LEADER),
    "councils:meeting_detail": (council_meeting_pk, COUNCIL_READERS),
    "councils:meeting_update": (council_meeting_pk, COUNCIL_LEADER),
    "councils:meeting_cancel": (council_meeting_pk, COUNCIL_LEADER_POST),
    "councils:agenda": (council_meeting_pk, COUNCIL_LEADER_POST),
    "councils:attendance": (council_meeting_pk, COUNCIL_LEADER),
    "councils:minutes": (council_meeting_pk, COUNCIL_LEADER),
    "councils:minutes_approve": (council_meeting_pk, COUNCIL_LEADER_POST),
    "councils:minutes_correct": (council_meeting_pk, COUNCIL_LEADER),
    "councils:packet": (council_meeting_pk, COUNCIL_LEADER_POST),
    "councils:packet_file": (council_packet_kwargs, COUNCIL_READERS),
    "councils:proposal_detail": (council_proposal_pk, COUNCIL_READERS),
    "councils:proposal_update": (council_proposal_pk, COUNCIL_LEADER),
    "councils:proposal_action": (council_proposal_pk, COUNCIL_LEADER_POST),
    # The manager it was sent to answers it; the leaders and the supervisor read it only.
    "councils:proposal_answer": (
        council_proposal_pk,
        only("management") | {"social_worker": NOT_FOUND},
    ),
    # A member's page and an outside answer page: the secret address is the key.
    "council_member:page": (council_member_token, everyone(OK)),
    "council_answer:page": (council_answer_token, everyone(OK)),
    "experts:home": (None, EXPERT_READERS),
    "experts:cv_detail": (expert_cv_pk, EXPERT_READERS),
    "experts:folder": (None, EXPERT_READERS),
    "experts:folder_pdf": (expert_folder_pk, EXPERT_READERS),
    "experts:orders": (None, ORDER_VIEWERS),
    "experts:order_add": (None, only("counsellor", "social_worker", "expert_coordinator")),
    "experts:order_add_outside": (None, COORDINATOR),
    "experts:order_detail": (expert_order_pk, ONE_ORDER),
    "experts:order_edit": (expert_meeting_pk, ORDER_MANAGERS),
    "experts:order_ask": (expert_order_pk, ORDER_COORDINATOR_POST),
    "experts:order_answer": (expert_order_pk, ORDER_COORDINATOR_POST),
    "experts:order_confirm": (expert_order_pk, ORDER_COORDINATOR_POST),
    "experts:booking_cancel": (expert_order_pk, ORDER_COORDINATOR_POST),
    "experts:order_fee": (expert_order_pk, ORDER_COORDINATOR_POST),
    "experts:order_consent": (expert_meeting_pk, ORDER_MANAGER_POST),
    "experts:order_cancel": (expert_order_pk, ORDER_MANAGER_POST),
    "experts:order_done": (expert_order_pk, ORDER_MANAGER_POST),
    "experts:order_feedback": (expert_order_pk, ORDER_MANAGER_POST),
    "experts:manage": (None, COORDINATOR),
    "experts:expert_add": (None, COORDINATOR),
    "experts:expert_from_slip": (None, COORDINATOR_POST),
    "experts:file": (expert_pk, COORDINATOR),
    "experts:file_edit": (expert_pk, COORDINATOR),
    "experts:person_edit": (expert_pk, COORDINATOR),
    "experts:status": (expert_pk, COORDINATOR_POST),
    "experts:interview": (expert_pk, COORDINATOR),
    "experts:training_add": (expert_pk, COORDINATOR),
    "experts:cv_edit": (expert_pk, COORDINATOR),
    "experts:cv_step": (expert_cv_step_kwargs, COORDINATOR_POST),
    "experts:page_link": (expert_pk, COORDINATOR_POST),
    "experts:fees": (None, COORDINATOR),
    "experts:fees_approve": (None, COORDINATOR_POST),
    "experts:fees_paid": (None, COORDINATOR_POST),
    "experts:fee_reopen": (None, COORDINATOR_POST),
    "experts:payroll_export": (None, COORDINATOR_POST),
    "experts:payroll_file": (expert_payroll_kwargs, COORDINATOR),
    "experts:invoice_create": (None, COORDINATOR_POST),
    "experts:invoice_pdf": (expert_invoice_pk, COORDINATOR),
    "experts:gatherings": (None, COORDINATOR),
    "experts:gathering_add": (None, COORDINATOR),
    "experts:gathering_detail": (expert_gathering_pk, COORDINATOR),
    "experts:gathering_edit": (expert_gathering_pk, COORDINATOR),
    "experts:diary": (None, COORDINATOR),
    "experts:diary_report": (None, only("supervisor", "expert_coordinator", "management")),
    # The expert's own page: the secret address is the key.
    "expert_page:page": (expert_page_token, everyone(OK)),
    # Every staff member reports; supervisors (their units) and management read.
    "participation:sora": (None, STAFF_ONLY),
    "participation:sora_answer": (None, STAFF_ONLY),
    "participation:sora_answer_collection": (
        sora_collection_pk,
        only("counsellor", "social_worker", "supervisor", others=NOT_FOUND),
    ),
    "participation:sora_reports": (None, only("supervisor", "management")),
    "participation:sora_report": (sora_report_pk, only("supervisor", "management")),
    "participation:sora_collections": (None, only("supervisor", "management")),
    "participation:sora_collection_new": (None, only("supervisor", "management")),
    "participation:sora_summary": (None, only("supervisor", "management")),
    # A summary is for the one who asked for it.
    "participation:sora_summary_file": (
        sora_summary_pk,
        only("supervisor") | {"management": NOT_FOUND},
    ),
    "participation:sora_meetings": (None, only("supervisor", "management")),
    "participation:sora_meeting_new": (None, only("supervisor", "management")),
    "participation:sora_meeting": (sora_meeting_pk, only("supervisor", "management")),
    # Events: those who work with clients and lead units; its organisers and supervisors
    # record what happened.
    "participation:events": (
        None,
        only("counsellor", "social_worker", "supervisor", "management"),
    ),
    "participation:event_new": (None, only("counsellor", "social_worker", "supervisor")),
    "participation:event": (
        event_pk,
        only("counsellor", "social_worker", "supervisor", "management"),
    ),
    "participation:event_edit": (event_pk, only("counsellor", "supervisor")),
    "participation:event_action": (
        lambda world: event_pk(world) | {"action": "attendance"},
        only("counsellor", "supervisor") | {"counsellor": NOT_ALLOWED, "supervisor": NOT_ALLOWED},
    ),
    # The annual clock: supervisors plan their units' year, management the organisation's.
    "participation:clock": (None, only("supervisor", "management")),
    "participation:clock_item_new": (None, only("supervisor", "management")),
    "participation:clock_item": (clock_item_pk, only("supervisor", "management")),
    "participation:clock_item_delete": (
        clock_item_pk,
        only("supervisor", "management") | {"supervisor": NOT_ALLOWED, "management": NOT_ALLOWED},
    ),
    "participation:clock_done": (
        clock_item_pk,
        only("supervisor", "management") | {"supervisor": NOT_ALLOWED, "management": NOT_ALLOWED},
    ),
    "participation:clock_ics": (None, only("supervisor", "management")),
    "participation:clock_feed_regenerate": (
        None,
        only("supervisor", "management") | {"supervisor": NOT_ALLOWED, "management": NOT_ALLOWED},
    ),
    # The calendar program's address: the secret token is the key.
    "participation:clock_feed": (clock_feed_token, everyone(OK)),
    "participation:clock_poster": (
        clock_poster_pk,
        only("supervisor") | {"management": NOT_FOUND},
    ),
    "reporting:home": (None, only("supervisor", "management")),
    "reporting:annual": (None, only("supervisor", "management")),
    "reporting:dashboard": (dashboard_section, only("supervisor", "management")),
    "reporting:report_request": (
        dashboard_section,
        only("supervisor", "management") | {"supervisor": NOT_ALLOWED, "management": NOT_ALLOWED},
    ),
    "reporting:run_report": (
        run_pk,
        only("counsellor", "supervisor") | {"social_worker": NOT_FOUND},
    ),
    "reporting:export": (
        lambda world: {"section": "groups", "fmt": "xlsx"},
        only("supervisor", "management"),
    ),
    # A report is for the one who asked for it: management gets no supervisor's PDF.
    "reporting:report_file": (report_pk, only("supervisor") | {"management": NOT_FOUND}),
    "people:client_list": (None, only("counsellor", "social_worker", "supervisor")),
    "people:client_create": (None, only("counsellor", "social_worker")),
    # The social worker works in the same unit but not with this client: 404, not 403,
    # so that the page does not reveal that the client exists.
    "people:client_detail": (
        client_pk,
        only("counsellor", "supervisor") | {"social_worker": NOT_FOUND},
    ),
    "people:client_update": (client_pk, only("counsellor") | {"social_worker": NOT_FOUND}),
    "people:client_delete": (client_pk, only("supervisor") | {"social_worker": NOT_FOUND}),
    "people:consent_create": (client_pk, only("counsellor") | {"social_worker": NOT_FOUND}),
    "people:consent_withdraw": (
        consent_kwargs,
        only("counsellor") | {"social_worker": NOT_FOUND},
    ),
    # The client's access report: those who see the client; the file only to its asker.
    "people:access_report": (
        client_pk,
        only("counsellor", "supervisor") | {"social_worker": NOT_FOUND},
    ),
    "people:access_report_file": (
        access_report_kwargs,
        only("counsellor") | {"social_worker": NOT_FOUND, "supervisor": NOT_FOUND},
    ),
    # The client's copy of their data: the unit's supervisor; the file only to its asker.
    "people:data_export": (
        client_pk,
        only("supervisor") | {"social_worker": NOT_FOUND},
    ),
    "people:data_export_file": (
        data_export_kwargs,
        only("supervisor") | {"social_worker": NOT_FOUND},
    ),
    "people:partner_list": (None, STAFF_ONLY),
    "groups:run_list": (None, GROUP_WORKERS),
    "groups:run_create": (None, only("counsellor", "social_worker")),
    "groups:programme_list": (None, GROUP_WORKERS),
    "groups:programme_detail": (programme_pk, GROUP_WORKERS),
    "groups:calendar": (None, GROUP_WORKERS),
    "groups:run_detail": (run_pk, only("counsellor", "supervisor") | {"social_worker": NOT_FOUND}),
    "groups:run_update": (run_pk, FACILITATOR),
    "groups:run_status": (run_pk, FACILITATOR | {"counsellor": NOT_ALLOWED}),  # a POST
    "groups:register": (run_pk, FACILITATOR),
    "groups:enrolment_create": (run_pk, FACILITATOR),
    "groups:enrolment_update": (enrolment_kwargs, FACILITATOR),
    "groups:personal_goal_create": (enrolment_kwargs, FACILITATOR),
    "groups:personal_goal_update": (personal_goal_kwargs, FACILITATOR),
    "groups:group_goal_create": (run_pk, FACILITATOR),
    "groups:group_goal_update": (group_goal_kwargs, FACILITATOR),
    "groups:wish_create": (run_pk, FACILITATOR),
    "groups:session_detail": (
        session_pk,
        only("counsellor", "supervisor") | {"social_worker": NOT_FOUND},
    ),
    "groups:session_update": (session_pk, FACILITATOR),
    "groups:session_cancel": (session_pk, FACILITATOR),
    "groups:session_restore": (session_pk, FACILITATOR | {"counsellor": NOT_ALLOWED}),  # a POST
    "groups:attendance": (session_pk, FACILITATOR),
    "groups:wish_use": (session_pk, FACILITATOR | {"counsellor": NOT_ALLOWED}),  # a POST
    # Evaluation: the group's figures for whoever sees the group; individual answers for
    # the facilitators and the client's own worker (here the same counsellor).
    "groups:run_evaluations": (
        run_pk,
        only("counsellor", "supervisor") | {"social_worker": NOT_FOUND},
    ),
    "groups:final_evaluation": (run_pk, FACILITATOR),
    "groups:session_evaluations": (session_pk, FACILITATOR),
    "groups:evaluation_entry": (evaluation_kwargs, FACILITATOR),
    "groups:evaluation_code": (session_pk, FACILITATOR),
    "groups:evaluation_code_close": (session_pk, FACILITATOR | {"counsellor": NOT_ALLOWED}),
    "groups:participant_evaluations": (
        enrolment_pk,
        only("counsellor") | {"social_worker": NOT_FOUND, "supervisor": NOT_FOUND},
    ),
    # The calendar feed's secret address is its own key: no login, for Outlook.
    "groups:calendar_feed": (feed_kwargs, everyone(OK)),
    "groups:calendar_feed_regenerate": (  # a POST
        None,
        only("counsellor", "social_worker", "supervisor")
        | dict.fromkeys(["counsellor", "social_worker", "supervisor"], NOT_ALLOWED),
    ),
    # Participants evaluate with the session code, without an account.
    "evaluate:code_entry": (None, everyone(OK)),
    "evaluate:code_participants": (code_kwargs, everyone(OK)),
    "evaluate:self_evaluation": (self_evaluation_kwargs, everyone(OK)),
    "evaluate:code_thanks": (code_kwargs, everyone(OK)),
    "audit:event_list": (None, only("supervisor", "administrator")),
    # The gateway posts delivery reports (signed); a GET is not allowed for anyone.
    "messaging:receipt_gatewayapi": (None, everyone(NOT_ALLOWED)),
    # How messages fare, without names: administrators. Letters: the client workers, each
    # their own clients' letters and their own print files.
    "messaging:outbox_list": (None, only("administrator")),
    "messaging:letter_list": (None, only("counsellor", "social_worker")),
    "messaging:letter_batch_pdf": (
        letter_batch_pk,
        only("counsellor") | {"social_worker": NOT_FOUND},
    ),
    "messaging:letter_batch_posted": (
        letter_batch_pk,
        only("counsellor", "social_worker", others=FORBIDDEN)
        | {"counsellor": NOT_ALLOWED, "social_worker": NOT_ALLOWED},  # a POST
    ),
    # Feedback: results for every staff member, of the units and colours they may see
    # (tests/feedback/test_results.py); hiding a comment is a POST.
    "feedback:home": (None, STAFF_ONLY),
    "feedback:results": (None, STAFF_ONLY),
    "feedback:results_csv": (None, STAFF_ONLY),
    "feedback:comment_hide": (
        feedback_comment_kwargs,
        {p: NOT_ALLOWED for p in PERSONAS if p != "anonymous"} | {"anonymous": LOGIN},
    ),
    "feedback:comments_read": (
        None,
        {p: NOT_ALLOWED for p in PERSONAS if p != "anonymous"} | {"anonymous": LOGIN},
    ),
    "feedback:micro": (None, only("counsellor", "social_worker")),
    "feedback:paper": (None, only("counsellor", "social_worker", "supervisor", "administrator")),
    "feedback:campaign_list": (None, STAFF_ONLY),
    "feedback:campaign_sheet": (feedback_campaign_pk, STAFF_ONLY),
    "feedback:contact_slips": (None, only("expert_coordinator")),
    "feedback:contact_slip_handle": (
        contact_slip_pk,
        only("expert_coordinator") | {"expert_coordinator": NOT_ALLOWED},  # a POST
    ),
    "feedback:contact_slip_erase": (
        contact_slip_pk,
        only("expert_coordinator") | {"expert_coordinator": NOT_ALLOWED},  # a POST
    ),
    # The lobby tablet answers only a registered device (its cookie), never a login.
    "kiosk:page": (None, everyone(FORBIDDEN)),
    "kiosk:answer": (None, everyone(NOT_ALLOWED)),
    "kiosk:contact": (None, everyone(NOT_ALLOWED)),
    "kiosk:enrol": (kiosk_enrol_token, everyone(OK)),
    # The survey from the printed sheet: the secret address is the key.
    "survey:start": (survey_token, everyone(OK)),
    "survey:thanks": (survey_token, everyone(OK)),
    "survey:contact": (survey_token, everyone(OK)),
    "login": (None, everyone(REDIRECT) | {"anonymous": OK}),
    "logout": (None, everyone(NOT_ALLOWED)),  # logging out is a POST
    "password_change": (None, STAFF_ONLY),
    "password_change_done": (None, STAFF_ONLY),
    # The second factor: a verified staff member is sent on from the code page; the others
    # are their own (tests/people/test_second_factor.py covers the half-logged-in steps).
    "people:second_factor_verify": (None, everyone(REDIRECT) | {"anonymous": LOGIN}),
    "people:second_factor_setup": (None, STAFF_ONLY),
    "people:recovery_codes": (None, STAFF_ONLY),
    "people:security": (None, STAFF_ONLY),
    "set_language": (None, everyone(REDIRECT)),  # a GET changes nothing and goes back
}

# Django's admin: administrators only. Everyone else is sent to the admin login, which
# sends anonymous visitors to the one login page and refuses logged-in staff.
ADMIN_EXPECTED = dict.fromkeys(PERSONAS, REDIRECT) | {"administrator": OK}
ADMIN_SPECIAL = {
    "admin:login": everyone(FORBIDDEN) | {"anonymous": REDIRECT},
    "admin:logout": dict.fromkeys(PERSONAS, REDIRECT) | {"administrator": NOT_ALLOWED},
    "admin:view_on_site": everyone(REDIRECT) | {"administrator": NOT_FOUND},
    "admin:autocomplete": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    # The audit log cannot be added to, changed or deleted, even in the admin.
    "admin:audit_auditevent_add": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    "admin:audit_auditevent_delete": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    # Message templates come from the code: they are changed, never added or removed.
    "admin:messaging_messagetemplate_add": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    "admin:messaging_messagetemplate_delete": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    # Instruments and versions come from the seed and from "make a new version"; nothing
    # that answers point to is ever deleted.
    "admin:feedback_instrument_add": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    "admin:feedback_instrument_delete": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    "admin:feedback_instrumentversion_add": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    "admin:feedback_instrumentversion_delete": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    "admin:feedback_workercode_delete": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    "admin:feedback_campaign_delete": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    "admin:feedback_kioskdevice_delete": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    # Links are made by the features that hand them out, and revoked rather than deleted.
    "admin:links_secretlink_add": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
    "admin:links_secretlink_delete": ADMIN_EXPECTED | {"administrator": FORBIDDEN},
}


def url_names():
    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace
                full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
                yield from walk(pattern.url_patterns, full)
            elif pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name
            else:
                # Only the admin has unnamed patterns (its redirects to /change/).
                assert namespace == "admin", f"unnamed URL pattern {pattern.pattern}"

    return sorted(set(walk(get_resolver().url_patterns)))


def admin_kwargs(name, world):
    if name == "admin:app_list":
        return {"app_label": "people"}
    if name == "admin:view_on_site":
        return {"content_type_id": "1", "object_id": "1"}
    if name == "admin:auth_user_password_change":
        return {"id": world.counsellor.pk}
    if name.endswith(("_change", "_delete", "_history")) and name != "admin:password_change":
        from experts.models import Organisation
        from feedback.models import Instrument, InstrumentVersion, KioskDevice, WorkerCode
        from groups.models import EvaluationQuestionSet
        from socialwork.links.services import link_issue
        from socialwork.messaging.models import MessageTemplate
        from tests.factories import PartnerOrganisationFactory
        from tests.factories.groups import programme

        objects = {
            "people_user": lambda: world.counsellor,
            "people_unit": lambda: world.unit,
            "people_partnerorganisation": PartnerOrganisationFactory,
            "experts_organisation": lambda: Organisation.objects.create(name="Oppilaitos"),
            "audit_auditevent": lambda: audit_record(
                actor=world.counsellor, action=AuditEvent.Action.VIEW
            ),
            "groups_programme": lambda: programme("Sisu"),
            "messaging_messagetemplate": lambda: MessageTemplate.objects.get(
                purpose="groups.session_reminder", language="fi"
            ),
            "feedback_instrument": lambda: Instrument.objects.get(code="card"),
            "links_secretlink": lambda: link_issue(purpose="survey"),
            "feedback_instrumentversion": lambda: InstrumentVersion.objects.first(),
            "feedback_workercode": lambda: WorkerCode.objects.create(
                unit=world.unit, worker=world.counsellor, colour="blue"
            ),
            "feedback_campaign": lambda: feedback_campaign(world),
            "feedback_kioskdevice": lambda: KioskDevice.objects.create(
                name="Aula", unit=world.unit, instrument=Instrument.objects.get(code="card")
            ),
            "groups_evaluationquestionset": lambda: (
                programme("Sisu") and EvaluationQuestionSet.objects.first()
            ),
        }
        model = name.removeprefix("admin:").rsplit("_", 1)[0]
        return {"object_id": objects[model]().pk}
    return {}


def test_every_url_has_an_entry():
    missing = [name for name in url_names() if name not in MATRIX and not name.startswith("admin:")]
    assert not missing, f"add these URLs to the role matrix: {missing}"


@pytest.mark.parametrize("name", url_names())
def test_role_matrix(name, world, login):
    if name.startswith("admin:"):
        ConsentFactory(client=world.client, recorded_by=world.counsellor, kind=Consent.Kind.PHOTO)
        kwargs = admin_kwargs(name, world)
        expectations = ADMIN_SPECIAL.get(name, ADMIN_EXPECTED)
    else:
        make_kwargs, expectations = MATRIX[name]
        kwargs = make_kwargs(world) if make_kwargs else {}
    url = reverse(name, kwargs=kwargs)
    failures = []
    for persona in PERSONAS:
        client = login(None if persona == "anonymous" else world.persona(persona))
        response = client.get(url)
        expected = expectations[persona]
        if expected == LOGIN:
            ok = response.status_code == 302 and response["Location"].startswith(reverse("login"))
        else:
            ok = response.status_code == expected
        if not ok:
            failures.append(f"{persona}: expected {expected}, got {response.status_code}")
    assert not failures, f"{url}: " + "; ".join(failures)
