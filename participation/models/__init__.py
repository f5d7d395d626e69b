from participation.models.clock import ClockDone, ClockFeed, ClockItem
from participation.models.events import Event, EventNote
from participation.models.sora import (
    ClientGroup,
    Collection,
    Report,
    ReportingMeeting,
    Signal,
    Theme,
)

__all__ = [
    "ClientGroup",
    "ClockDone",
    "ClockFeed",
    "ClockItem",
    "Collection",
    "Event",
    "EventNote",
    "Report",
    "ReportingMeeting",
    "Signal",
    "Theme",
]
