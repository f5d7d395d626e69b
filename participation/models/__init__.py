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
    "Report",
    "ReportingMeeting",
    "Signal",
    "Theme",
]
