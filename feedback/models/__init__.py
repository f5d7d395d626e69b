"""Client feedback: instruments as data, anonymous answers, campaigns, lobby tablets, contact
slips for recruitment.

Anonymity is a property of the tables, not a promise of the views (DESIGN §4, domain guide
§3.3, §5.2). A `Response` holds no client, no device, no address, no user agent and a time
rounded down to the hour; the only person it names is the worker whose colour the client
chose. `ContactSlip` rows are volunteered by clients who want to take part in developing the
service; they have no key to a response, a random primary key and only a date, so that
neither a join nor the order of the rows ties a name to an answer.

Order is a key too. Answers get random ids from the database (`RandomKey`), not a sequence.
A slip sent seconds after its answer would lie next to it in every order the database
keeps (the transaction id `xmin`, the row's place `ctid`, the time): it first waits in
`PendingContactSlip`, and a periodic job moves the waiting slips to `ContactSlip` together,
in shuffled order, dated the day they were moved (`services.contact_slips_release`).
"""

# The models by area; Django and callers find them all here (hence noqa: F401).
from .answers import (  # noqa: F401
    Answer,
    RandomKey,
    Response,
)
from .campaigns import (  # noqa: F401
    CAMPAIGN_GRACE_DAYS,
    Campaign,
    Channel,
    WorkerCode,
)
from .contacts import (  # noqa: F401
    ContactSlip,
    PendingContactSlip,
)
from .instruments import (  # noqa: F401
    FACE_LEVEL,
    LANGUAGES,
    SCALE_RANGE,
    TEXT_SCALES,
    Instrument,
    InstrumentVersion,
    Item,
    Scale,
    face_level,
    in_language,
    item_fingerprint,
)
from .kiosk import (  # noqa: F401
    KioskDevice,
    secret_hash,
)
from .results import (  # noqa: F401
    ResultsCell,
    ResultsSnapshot,
)
