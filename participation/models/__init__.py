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
    "Collection",
    "Event",
    "EventNote",
    "Report",
    "ReportingMeeting",
    "Signal",
    "Theme",
]
