from councils.models.councils import (  # noqa: F401 - the app's models, from one place
    COUNCIL_TRANSITIONS,
    HOURS_GUIDELINE,
    IDEAL_SIZE,
    MAX_SIZE,
    STAFF_WANTED,
    Council,
    CouncilStaff,
    HoursEntry,
    MeetingRole,
    Membership,
)
from councils.models.meetings import (  # noqa: F401
    AgendaItem,
    Agreement,
    Attachment,
    Attendance,
    Meeting,
    Minutes,
    PacketDelivery,
    Topic,
)
from councils.models.proposals import Commission, Output, Proposal  # noqa: F401
from councils.models.recruitment import Candidate, Interview, Kickoff  # noqa: F401
