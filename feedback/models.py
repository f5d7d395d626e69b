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

import datetime as dt
import hashlib
import json
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from socialwork.people.models import Language

LANGUAGES = [code for code, _label in Language.choices]


def in_language(texts: dict, language: str | None = None) -> str:
    """The text in the wanted language, else Finnish, else whatever there is."""
    language = (language or get_language() or "fi")[:2]
    return texts.get(language) or texts.get("fi") or next(iter(texts.values()), "")


def item_fingerprint(code: str, scale: str, text: dict, options: list) -> str:
    """Same wording, scale and options in every language: the same question. The seed
    migration uses it too, so it must stay a plain function."""
    body = json.dumps([code, scale, text, options], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


class Scale(models.TextChoices):
    FACES3 = "faces3", _("Three faces")
    FACES5 = "faces5", _("Five faces")
    AGREE5 = "agree5", _("Agreement from 1 to 5")
    CHOICE = "choice", _("One of the options")
    YEAR = "year", _("Year")
    SHORT_TEXT = "short_text", _("Short text")
    TEXT = "text", _("Free text")


# The numeric range each scale stores. Faces are ordinals with 1 the saddest (domain guide §3.2).
SCALE_RANGE = {
    Scale.FACES3: (1, 3),
    Scale.FACES5: (1, 5),
    Scale.AGREE5: (1, 5),
}
TEXT_SCALES = frozenset({Scale.SHORT_TEXT, Scale.TEXT})
# The face drawn for a value: three faces use the two ends and the middle of five.
FACE_LEVEL = {Scale.FACES3: {1: 1, 2: 3, 3: 5}, Scale.FACES5: {v: v for v in range(1, 6)}}


def face_level(scale: str, value) -> int:
    """0 for a scale without faces."""
    return FACE_LEVEL.get(scale, {}).get(int(value), 0)


def secret_hash(secret: str) -> str:
    """Tablet secrets and registration links are kept only as this hash."""
    return hashlib.sha256(secret.encode()).hexdigest()


class Instrument(models.Model):
    """A feedback instrument: the card, the satisfaction survey, the oral questions."""

    class Kind(models.TextChoices):
        CARD = "card", _("Feedback card")
        SURVEY = "survey", _("Client satisfaction survey")
        ORAL = "oral", _("Oral feedback")
        USEFULNESS = "usefulness", _("Usefulness of the meeting")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    name = models.JSONField(_("name"), help_text=_("The name in each language."))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        help_text=_("Sees that the feedback is collected and used."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["code"]

    def __str__(self) -> str:
        return in_language(self.name)

    @property
    def is_micro(self) -> bool:
        """Recorded by the worker after a meeting rather than given by the client alone."""
        return self.kind in (self.Kind.ORAL, self.Kind.USEFULNESS)


class InstrumentVersion(models.Model):
    """One fixed wording of an instrument. A version that has answers is never edited: a
    change makes the next version, so that old answers keep the questions they answered."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    # Introductions and instructions per language: {"fi": "...", "sv": "...", "en": "..."}.
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    # Texts that are not from the source material, per language, so the page can say so.
    translated = ArrayField(
        models.CharField(max_length=2),
        verbose_name=_("languages translated for this product"),
        default=list,
        blank=True,
    )
    # Words of the answer options: {"agree5": {"1": {"fi": ..., "sv": ..., "en": ...}}}.
    scale_labels = models.JSONField(_("answer labels"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="feedback_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"


class Item(models.Model):
    """One question of a version, with its text in each language exactly as the source has
    it. `fingerprint` changes when the wording, scale or options change: results put answers
    from two versions side by side only where the fingerprints match."""

    version = models.ForeignKey(
        InstrumentVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"))
    section = models.SlugField(_("section"), max_length=40, blank=True)
    section_title = models.JSONField(_("section title"), default=dict, blank=True)
    number = models.CharField(_("number on the form"), max_length=10, blank=True)
    scale = models.CharField(_("scale"), max_length=20, choices=Scale)
    text = models.JSONField(_("text"))
    # Words only the printed form needs, such as "(ympyröi)" (circle): kept verbatim, shown
    # on paper, left out on a screen where they would make no sense.
    paper_note = models.JSONField(_("note on the printed form"), default=dict, blank=True)
    # For CHOICE: [{"value": 1, "text": {"fi": ..., "sv": ..., "en": ...}}, ...]
    options = models.JSONField(_("options"), default=list, blank=True)
    fingerprint = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="feedback_item_unique_code")
        ]

    def __str__(self) -> str:
        return in_language(self.text)

    def save(self, *args, **kwargs):
        self.fingerprint = self.compute_fingerprint()
        super().save(*args, **kwargs)

    def compute_fingerprint(self) -> str:
        return item_fingerprint(self.code, self.scale, self.text, self.options)

    @property
    def is_text(self) -> bool:
        return self.scale in TEXT_SCALES

    @property
    def is_background(self) -> bool:
        return self.section == "background"

    def value_range(self) -> tuple[int, int] | None:
        if self.scale in SCALE_RANGE:
            return SCALE_RANGE[self.scale]
        if self.scale == Scale.CHOICE and self.options:
            values = [option["value"] for option in self.options]
            return min(values), max(values)
        if self.scale == Scale.YEAR:
            return 1900, 2100
        return None


class WorkerCode(models.Model):
    """The colour of a worker's feedback cards: the client picks the colour, never a name."""

    class Colour(models.TextChoices):
        RED = "red", _("Red")
        ORANGE = "orange", _("Orange")
        YELLOW = "yellow", _("Yellow")
        GREEN = "green", _("Green")
        TURQUOISE = "turquoise", _("Turquoise")
        BLUE = "blue", _("Blue")
        PURPLE = "purple", _("Purple")
        PINK = "pink", _("Pink")
        BROWN = "brown", _("Brown")
        GREY = "grey", _("Grey")
        WHITE = "white", _("White")
        BLACK = "black", _("Black")

    unit = models.ForeignKey(
        "people.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.PROTECT,
        related_name="feedback_codes",
    )
    # Blank for a worker who hands out no cards but records oral feedback.
    colour = models.CharField(_("colour"), max_length=20, choices=Colour, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("worker colour")
        verbose_name_plural = _("worker colours")
        ordering = ["unit", "colour"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "colour"],
                condition=Q(is_active=True) & ~Q(colour=""),
                name="feedback_workercode_unique_colour",
                violation_error_message=_("This colour is already in use in the unit."),
            ),
            models.UniqueConstraint(
                fields=["unit", "worker"],
                condition=Q(is_active=True),
                name="feedback_workercode_unique_worker",
                violation_error_message=_("This worker already has a colour in the unit."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_colour_display() or self.worker} ({self.unit})"


class Channel(models.TextChoices):
    KIOSK = "kiosk", _("Lobby tablet")
    WEB = "web", _("Web link or QR code")
    PAPER = "paper", _("Paper form")
    ORAL = "oral", _("Recorded by the worker")


CAMPAIGN_GRACE_DAYS = 14


class Campaign(models.Model):
    """The yearly satisfaction survey in one month, so that the years compare (002:89-91)."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="campaigns"
    )
    unit = models.ForeignKey(
        "people.Unit",
        verbose_name=_("unit"),
        help_text=_("Leave empty for the whole organisation."),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), choices=[(m, m) for m in range(1, 13)])
    theme = models.CharField(
        _("theme of the year"),
        max_length=200,
        blank=True,
        help_text=_("For example customer service, e-services or development ideas."),
    )
    theme_sv = models.CharField(
        _("theme of the year in Swedish"),
        max_length=200,
        blank=True,
        help_text=_("Printed on the Swedish half of the sheet; the Finnish theme if empty."),
    )
    channels = ArrayField(
        models.CharField(max_length=10, choices=Channel),
        verbose_name=_("channels"),
        default=list,
    )
    # The web link and QR code (feedback/purposes.SURVEY): its token is never stored.
    link = models.OneToOneField(
        "links.SecretLink",
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="campaign",
    )
    # The printable sheet with the link and QR code (socialwork/documents).
    sheet = models.OneToOneField(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="campaign",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "unit", "year", "month"],
                nulls_distinct=False,
                name="feedback_campaign_unique_month",
                violation_error_message=_("This survey already has a campaign in that month."),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="feedback_campaign_month_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} {self.month}/{self.year}"

    @property
    def theme_text(self) -> str:
        """The theme in the language being shown: Swedish where it has one, else Finnish."""
        if (get_language() or "")[:2] == "sv" and self.theme_sv:
            return self.theme_sv
        return self.theme

    @property
    def channel_labels(self) -> list[str]:
        return [str(Channel(code).label) for code in self.channels if code in Channel.values]

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        """Open a fortnight past the month: a sheet enclosed with a decision posted on the
        last days of the month still reaches its reader in time."""
        following = (self.first_day + dt.timedelta(days=32)).replace(day=1)
        return following + dt.timedelta(days=CAMPAIGN_GRACE_DAYS - 1)

    @property
    def token(self) -> str | None:
        """The token of the web link (socialwork/links keeps it sealed)."""
        return self.link.token if self.link_id else None

    def is_open_today(self) -> bool:
        return self.first_day <= timezone.localdate() <= self.last_day

    @staticmethod
    def open_on(day: dt.date) -> Q:
        """The campaigns open on `day`, as a query: the same rule as first_day..last_day
        (this month's, and the previous month's for its fortnight of grace)."""
        months = Q(year=day.year, month=day.month)
        if day.day <= CAMPAIGN_GRACE_DAYS:
            previous = day.replace(day=1) - dt.timedelta(days=1)
            months |= Q(year=previous.year, month=previous.month)
        return months


class KioskDevice(models.Model):
    """A lobby tablet. It is bound by a one-time link to a cookie that names the device and
    nothing else; the cookie's secret is stored only as a hash."""

    name = models.CharField(_("name"), max_length=100)
    unit = models.ForeignKey(
        "people.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="+"
    )
    languages = ArrayField(
        models.CharField(max_length=2, choices=Language),
        verbose_name=_("languages"),
        default=list,
    )
    ask_worker_colour = models.BooleanField(
        _("ask the colour of the worker's card"),
        default=True,
        help_text=_(
            "The client may pick the colour of the worker they met. Only the colour is kept."
        ),
    )
    idle_seconds = models.PositiveSmallIntegerField(_("start over after idle seconds"), default=90)
    # The one-time registration link while it is waiting to be opened on the tablet.
    enrol_link = models.OneToOneField(
        "links.SecretLink",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="kiosk_device",
    )
    secret_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    enrolled_at = models.DateTimeField(_("registered"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("lobby tablet")
        verbose_name_plural = _("lobby tablets")
        ordering = ["unit", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.enrolled_at is not None and self.revoked_at is None


class RandomKey(models.Func):
    """A random positive 64-bit key made by PostgreSQL (60 random bits of a version 4 UUID):
    an answer's id tells nothing of when it came, nor which answer came before it."""

    template = (
        "(('x' || translate(gen_random_uuid()::text, '-', ''))::bit(64)::bigint"
        " & 9223372036854775807)"
    )
    output_field = models.BigIntegerField()


class Response(models.Model):
    """One anonymous answer to an instrument. See the module docstring for what is not here."""

    id = models.BigIntegerField(primary_key=True, db_default=RandomKey(), editable=False)
    key = models.UUIDField(_("idempotency key"), unique=True)
    # Every index is one more write for each answer from the lobby: the version's and the
    # unit's own indexes would repeat the first column of the two below.
    version = models.ForeignKey(
        InstrumentVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    unit = models.ForeignKey(
        "people.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    worker_code = models.ForeignKey(
        WorkerCode,
        verbose_name=_("worker colour"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=2, choices=Language)
    # Rounded down to the hour before it is stored: enough for "which month, which week",
    # too coarse to match an answer to the person who stood at the tablet.
    submitted_hour = models.DateTimeField(_("given (hour)"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [
            models.Index(fields=["version", "submitted_hour"], name="feedback_resp_version_hour"),
            models.Index(fields=["unit", "submitted_hour"], name="feedback_resp_unit_hour"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(submitted_hour__minute=0, submitted_hour__second=0),
                name="feedback_response_hour_only",
            )
        ]

    def __str__(self) -> str:
        return str(self.key)


class Answer(models.Model):
    """The answer to one question. Staff may hide a comment that identifies someone: it then
    stays out of every list of comments, and its number still counts."""

    id = models.BigIntegerField(primary_key=True, db_default=RandomKey(), editable=False)
    # The unique (response, item) constraint is the index for the response.
    response = models.ForeignKey(
        Response,
        verbose_name=_("answer"),
        on_delete=models.CASCADE,
        related_name="answers",
        db_index=False,
    )
    item = models.ForeignKey(
        Item, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.SmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    hidden = models.BooleanField(_("hidden"), default=False)

    class Meta:
        verbose_name = _("answer to a question")
        verbose_name_plural = _("answers to questions")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="feedback_answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.item_id}"


class ContactSlip(models.Model):
    """Contact details volunteered at the end of a survey by someone who wants to take part
    in developing social work (002:807-816, 1258-1267). No key to the answer, a random id and a
    date only: see the module docstring."""

    class Interest(models.TextChoices):
        COUNCIL = "council", _("Client council")
        EXPERT = "expert", _("Experience expert")
        EITHER = "either", _("Either, or I am not sure yet")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    interest = models.CharField(_("interested in"), max_length=10, choices=Interest)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    unit = models.ForeignKey(
        "people.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    received_on = models.DateField(_("received"))
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contact slip")
        verbose_name_plural = _("contact slips")
        ordering = ["-received_on", "name"]

    def __str__(self) -> str:
        return self.name


class PendingContactSlip(models.Model):
    """A slip as it came, waiting to be moved to `ContactSlip` with others (see the module
    docstring). Nobody reads this table but the job that empties it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    interest = models.CharField(max_length=10, choices=ContactSlip.Interest)
    message = models.TextField(blank=True, max_length=2000)
    unit = models.ForeignKey(
        "people.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The day only, for the rule "move a slip that has waited long enough".
    waiting_since = models.DateField()

    class Meta:
        verbose_name = _("contact slip waiting to be moved")
        verbose_name_plural = _("contact slips waiting to be moved")

    def __str__(self) -> str:
        return str(self.id)  # never the name: nobody is meant to read this table
