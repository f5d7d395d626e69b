from experts.models.experts import (  # noqa: F401
    AREA_CODES,
    CV,
    AssignmentType,
    Expert,
    Interview,
    Training,
)
from experts.models.orders import Booking, FeeBatch, Order, Organisation  # noqa: F401
from experts.models.support import DiaryEntry, Gathering, GatheringAttendance  # noqa: F401
