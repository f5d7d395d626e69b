"""Reads for social reporting: what a user may answer, what they sent, what they read, and
the counts of what they read."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import get_language

from participation import permissions
from participation.models import (
    Collection,
    Event,
    EventNote,
    Report,
    ReportingMeeting,
    Signal,
    Theme,
)
from socialwork.core.disclosure import ALL, Figure, Protected
from socialwork.people.models import Unit
from socialwork.people.permissions import role_set


def themes_in_use() -> QuerySet[Theme]:
    return Theme.objects.filter(is_active=True)


def open_collections_for(user, today=None) -> QuerySet[Collection]:
    """The collections open today that invite the user, by name or through a unit."""
    today = today or timezone.localdate()
    units = [unit for _role, unit in role_set(user) if unit is not None]
    return (
        Collection.objects.filter(opens_on__lte=today, closes_on__gte=today)
        .filter(Q(staff=user) | Q(units__in=units))
        .select_related("theme")
        .distinct()
        .order_by("closes_on", "pk")
    )


def collection_for_answer(user, pk, today=None) -> Collection | None:
    return open_collections_for(user, today).filter(pk=pk).first()


def _with_lists(reports: QuerySet[Report]) -> QuerySet[Report]:
    return reports.select_related("unit", "author", "collection", "meeting").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.order_by("order", "name_fi")),
        "team",
    )


def reports_sent_by(user) -> QuerySet[Report]:
    """What the user sent, alone or as a member of a team."""
    return _with_lists(
        Report.objects.filter(Q(author=user) | Q(team=user)).distinct().order_by("-sent_at")
    )


def reports_for(user) -> QuerySet[Report]:
    """The reports the user reads: management every one, a supervisor their units'."""
    if not permissions.can_read_reports(user):
        return Report.objects.none()
    reports = Report.objects.all()
    units = permissions.read_unit_ids(user)
    if units is not None:
        reports = reports.filter(unit_id__in=units)
    return _with_lists(reports)


def report_for(user, pk) -> Report | None:
    return reports_for(user).filter(pk=pk).first()


def reports_to_handle(user, meeting: ReportingMeeting | None = None) -> QuerySet[Report]:
    """What a meeting can handle: the reports no meeting has handled, and its own."""
    handled = Q(meeting=meeting) if meeting is not None else Q(pk__in=[])
    return reports_for(user).filter(Q(meeting__isnull=True) | handled).order_by("-sent_at")


def collections_for(user) -> QuerySet[Collection]:
    """The collections a reader follows, with their count of reports."""
    if not permissions.can_run_collections(user):
        return Collection.objects.none()
    collections = Collection.objects.all()
    units = permissions.read_unit_ids(user)
    if units is not None:
        collections = collections.filter(Q(units__in=units) | Q(created_by=user)).distinct()
    return collections.select_related("theme").annotate(answered=Count("reports", distinct=True))


def meetings_for(user) -> QuerySet[ReportingMeeting]:
    if not permissions.can_read_reports(user):
        return ReportingMeeting.objects.none()
    meetings = ReportingMeeting.objects.all()
    units = permissions.read_unit_ids(user)
    if units is not None:
        meetings = meetings.filter(Q(unit_id__in=units) | Q(unit__isnull=True))
    return meetings.select_related("unit").annotate(handled=Count("reports"))


@dataclass
class Counts:
    """What the reading page counts over the reports found: by theme and signal, by month,
    and by unit with the small figures hidden (a unit's few reports could tell who wrote
    them)."""

    total: int = 0
    by_signal: dict = field(default_factory=dict)
    by_theme: list = field(default_factory=list)  # (theme name, concerns, positives)
    by_month: list = field(default_factory=list)  # (first day, concerns, positives)
    by_unit: list = field(default_factory=list)  # (unit name, Shown concerns, positives, all)
    by_team: list = field(default_factory=list)  # (team name, the same)
    processed: int = 0


def _hidden_breakdown(rows, names: dict) -> list:
    """(name, concerns, positives, all) for each of a breakdown's groups, from (group,
    signal, count) rows, with the one disclosure control: a group's few reports could tell
    who wrote them, and the other groups with the total could give them back."""
    protected = Protected({(group, signal): Figure(n=n) for group, signal, n in rows})
    return sorted(
        (
            (
                names[group],
                protected.shown((group, Signal.CONCERN.value)),
                protected.shown((group, Signal.POSITIVE.value)),
                protected.shown((group, ALL)),
            )
            for group in names
        ),
        key=lambda row: row[0],
    )


def report_counts(reports: QuerySet[Report]) -> Counts:
    """Six aggregate queries, however many reports."""
    language = (get_language() or "fi")[:2]
    counts = Counts()
    plain = reports.order_by()
    per_signal = dict(plain.values_list("signal").annotate(n=Count("pk", distinct=True)))
    counts.by_signal = {value: per_signal.get(value, 0) for value in Signal.values}
    counts.total = sum(per_signal.values())
    counts.processed = plain.filter(processed_at__isnull=False).count()
    theme_rows = Counter()
    for theme_id, signal, n in plain.values_list("themes", "signal").annotate(
        n=Count("pk", distinct=True)
    ):
        theme_rows[(theme_id, signal)] = n
    themes = {theme.pk: theme for theme in Theme.objects.filter(pk__in={t for t, _s in theme_rows})}
    counts.by_theme = sorted(
        (
            (
                themes[theme_id].name(language),
                theme_rows[(theme_id, Signal.CONCERN)],
                theme_rows[(theme_id, Signal.POSITIVE)],
            )
            for theme_id in themes
        ),
        key=lambda row: (-(row[1] + row[2]), row[0]),
    )
    months = Counter()
    for month, signal, n in (
        plain.annotate(month=TruncMonth("sent_at"))
        .values_list("month", "signal")
        .annotate(n=Count("pk", distinct=True))
    ):
        months[(timezone.localdate(month) if month else None, signal)] += n
    counts.by_month = [
        (month, months[(month, Signal.CONCERN)], months[(month, Signal.POSITIVE)])
        for month in sorted({m for m, _s in months})
    ]
    by_unit = plain.values_list("unit_id", "signal").annotate(n=Count("pk", distinct=True))
    names = dict(
        Unit.objects.filter(pk__in={unit for unit, _s, _n in by_unit}).values_list("pk", "name")
    )
    counts.by_unit = _hidden_breakdown(by_unit, names)
    # A team's reports: the team answers by its name, so its count is as telling as a
    # unit's. Reports sent alone are not a team's.
    by_team = (
        plain.exclude(team_name="")
        .values_list("team_name", "signal")
        .annotate(n=Count("pk", distinct=True))
    )
    counts.by_team = _hidden_breakdown(by_team, {team: team for team, _s, _n in by_team})
    return counts


def summaries_of(user, limit: int = 10):
    """The summaries the user asked for lately, newest first: theirs alone."""
    from participation.documents import SUMMARY
    from socialwork.documents.models import Document

    return list(
        Document.objects.filter(requested_by=user, kind=SUMMARY)
        .defer("file")
        .order_by("-requested_at")[:limit]
    )


def summary_of(user, pk):
    from participation.documents import SUMMARY
    from socialwork.documents.models import Document

    return Document.objects.filter(pk=pk, requested_by=user, kind=SUMMARY).first()


# --- Participation events -------------------------------------------------------------------


def events_for(user) -> QuerySet[Event]:
    """Management sees every event; others the events of their units and those they
    organise."""
    if not permissions.can_open_events(user):
        return Event.objects.none()
    events = Event.objects.all()
    if not permissions.sees_all_reports(user):
        units = [unit for _role, unit in role_set(user) if unit is not None]
        events = events.filter(Q(units__in=units) | Q(organisers=user)).distinct()
    return events.prefetch_related(
        Prefetch("units", queryset=Unit.objects.order_by("name"))
    ).annotate(noted=Count("notes", distinct=True))


def event_for(user, pk) -> Event | None:
    return events_for(user).filter(pk=pk).first()


def notes_of(event: Event) -> list[EventNote]:
    return list(
        event.notes.select_related("unit", "council_topic__council").order_by("created_at", "pk")
    )


def event_feedback(event: Event):
    """The event's feedback campaign (the feedback card, on paper or the tablet), if one
    was opened: its results obey the feedback app's minimum-n rule."""
    from feedback.selectors import scoped_campaign_open_on

    return scoped_campaign_open_on(event.feedback_scope, event.starts_on)


def councils_for_event(event: Event):
    from councils.selectors import councils_taking_topics

    return councils_taking_topics(event.units.values_list("pk", flat=True))


# --- The annual clock -----------------------------------------------------------------------


def clock_item_for(user, pk):
    from participation.clock import planned_items

    if not permissions.can_open_clock(user):
        return None
    return planned_items(permissions.clock_unit_ids(user)).filter(pk=pk).first()


def clock_posters_of(user, limit: int = 5):
    from participation.documents import CLOCK
    from socialwork.documents.models import Document

    return list(
        Document.objects.filter(requested_by=user, kind=CLOCK)
        .defer("file")
        .order_by("-requested_at")[:limit]
    )


def clock_poster_of(user, pk):
    from participation.documents import CLOCK
    from socialwork.documents.models import Document

    return Document.objects.filter(pk=pk, requested_by=user, kind=CLOCK).first()


def clock_feed_of(user):
    """The user's annual-clock calendar address while it works."""
    from participation.models import ClockFeed

    feed = ClockFeed.objects.select_related("link").filter(user=user).first()
    return feed if feed and feed.link.is_open() else None


def clock_feed_for_link(link):
    from participation.models import ClockFeed

    return (
        ClockFeed.objects.select_related("user", "link")
        .filter(link=link, user__is_active=True)
        .first()
    )
