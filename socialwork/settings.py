"""Settings for socialwork, all from environment variables (see .env.example)."""

import sys
from datetime import time, timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The test suite runs with development defaults and eager Celery tasks; the tests that need
# a real worker start one themselves.
TESTING = env.bool("SOCIALWORK_TESTING", default="pytest" in sys.modules)

# Production refuses to start without a real secret and an explicit host list; development
# gets a fixed, obviously unsafe key so that sessions survive a restart of `make run`.
if DEBUG or TESTING:
    SECRET_KEY = env("SECRET_KEY", default="insecure-development-key-never-use-in-production")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    SECRET_KEY = env("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random string of at least 50 characters when DEBUG is off."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "phonenumber_field",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_celery_beat",
    "socialwork.core",
    "socialwork.people",
    "socialwork.audit",
    "socialwork.links",
    "socialwork.documents",
    "groups",
    "socialwork.messaging",
    "feedback",
    "councils",
    "experts",
    "participation",
    "reporting",
]

MIDDLEWARE = [
    # First: the container health check answers before host validation and HTTPS redirect.
    "socialwork.core.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, so that its 404 and 400 pages are in it.
    "socialwork.core.middleware.NulCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The second factor: request.user.is_verified(), then every page but step two's needs it.
    "django_otp.middleware.OTPMiddleware",
    "socialwork.people.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "socialwork.core.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "socialwork.audit.middleware.AuditRequestMiddleware",
    # Last, so that a lockout is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "socialwork.urls"
WSGI_APPLICATION = "socialwork.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "socialwork.core.context_processors.navigation",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# PostgreSQL everywhere. Without DATABASE_URL (development, tests) the embedded server in
# .local/ is used; `make run` / `make test` start it and pass DATABASE_URL on.
if env("DATABASE_URL", default=""):
    DATABASES = {"default": env.db("DATABASE_URL")}
elif DEBUG or TESTING:
    from socialwork import embedded

    _url, _started = embedded.start_postgres()
    if _started:
        import atexit

        atexit.register(embedded.stop_postgres)
    DATABASES = {"default": env.db_url_config(_url)}
else:
    raise ImproperlyConfigured("DATABASE_URL must be set when DEBUG is off.")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# The dashboards' heavy reads can go to a read replica (socialwork/core/routers.py); unset,
# everything reads the one database.
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["socialwork.core.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis, cache, Celery ---------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if not REDIS_URL and not DEBUG and not TESTING:
    raise ImproperlyConfigured("REDIS_URL must be set when DEBUG is off (Celery's broker).")
if not REDIS_URL and DEBUG and not TESTING:
    from socialwork import embedded

    REDIS_URL, _started = embedded.start_redis()
    if _started:
        import atexit

        atexit.register(embedded.stop_redis)


def _broker_url(redis_url: str) -> str:
    # redis-py speaks unix://, kombu names the same transport redis+socket://.
    if redis_url.startswith("unix://"):
        return "redis+socket://" + redis_url.removeprefix("unix://")
    return redis_url


if REDIS_URL and not TESTING:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "socialwork",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = _broker_url(REDIS_URL) if REDIS_URL else "memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=TESTING)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "Europe/Helsinki"
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic jobs scan the database (never countdown/eta tasks: on Redis a delayed task runs
# again after the visibility timeout). The database scheduler picks these up at start.
CELERY_BEAT_SCHEDULE = {
    # What has passed its retention time goes, every night (socialwork/core/retention.py).
    "retention-enforce": {
        "task": "socialwork.core.tasks.retention_enforce",
        "schedule": crontab(hour=2, minute=15),
    },
    "send-due-messages": {
        "task": "socialwork.messaging.tasks.send_due_messages",
        "schedule": 60.0,
    },
    "queue-due-reminders": {
        "task": "socialwork.messaging.tasks.queue_due_reminders",
        "schedule": 120.0,
    },
    "resume-documents": {
        "task": "socialwork.documents.tasks.resume_documents",
        "schedule": 300.0,
    },
    "release-contact-slips": {
        "task": "feedback.tasks.release_contact_slips",
        "schedule": 3600.0,
    },
    "send-council-packets": {
        "task": "councils.tasks.send_due_packets",
        "schedule": 900.0,
    },
    "remind-council-deadlines": {
        "task": "councils.tasks.remind_proposal_deadlines",
        "schedule": 1800.0,
    },
    "discard-old-sora-summaries": {
        "task": "participation.tasks.discard_old_summaries",
        "schedule": 3600.0,
    },
    "remind-clock-owners": {
        "task": "participation.tasks.remind_clock_owners",
        "schedule": 3600.0,
    },
    "notify-sora-collections": {
        "task": "participation.tasks.notify_collections",
        "schedule": 3600.0,
    },
    "refresh-feedback-results": {
        "task": "feedback.tasks.refresh_results",
        "schedule": 300.0,
    },
    "discard-old-reports": {
        "task": "reporting.tasks.discard_old_reports",
        "schedule": 3600.0,
    },
    # The groups' figures by month refreshed and the dashboards' hidden figures worked out
    # in a worker, so that a dashboard is read from them (reporting.services).
    "prepare-dashboards": {
        "task": "reporting.tasks.prepare_dashboards",
        "schedule": 600.0,
    },
    "prepare-past-dashboards": {
        "task": "reporting.tasks.prepare_past_dashboards",
        "schedule": crontab(hour=3, minute=30),
    },
}
# A document asked for this many minutes ago and not started is handed out again (its task
# was lost); one being made this long belongs to a worker that died (socialwork/documents).
DOCUMENT_RESUME_AFTER_MINUTES = 5
DOCUMENT_RENDER_TIMEOUT_SECONDS = 10 * 60
# A document whose worker stopped this many times is not tried again (it fails, and says so).
DOCUMENT_MAX_ATTEMPTS = 3
# WeasyPrint's memory grows with every PDF: a worker's pool process is replaced after this
# many tasks, or once its resident memory passes this many KiB (after the task that took
# it there: bench/reports.py prints the peak).
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=100)
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int(
    "CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=300 * 1024
)

# --- Authentication, sessions ------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out username+address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing is deliberately slow; the tests create many users and need no such defence.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "login"

# Staff sessions end after 30 minutes idle and after 12 hours at most (DESIGN §4).
SESSION_IDLE_TIMEOUT = timedelta(minutes=env.int("SESSION_IDLE_MINUTES", default=30))
SESSION_MAX_AGE = timedelta(hours=env.int("SESSION_MAX_HOURS", default=12))
SESSION_COOKIE_AGE = int(SESSION_MAX_AGE.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lockout counts failures per username and address together, never per address alone:
# a whole office shares one public address.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The count starts again only once both the password and the code were right
# (socialwork.people.second_factor), not at the password: else logging in again would give
# new guesses at the code.
AXES_RESET_ON_SUCCESS = False

# A second factor (an authenticator app's code, or a recovery code) for every staff account.
# Off only for a first installation's administrator who has no phone at hand, never for long.
SOCIALWORK_SECOND_FACTOR_REQUIRED = env.bool("SECOND_FACTOR_REQUIRED", default=True)
# The name the authenticator app shows beside the account.
OTP_TOTP_ISSUER = env("ORGANISATION_NAME", default="") or "Socialwork"
# After a wrong code, the next one is tried only after 1, 2, 4 ... seconds (per device).
OTP_TOTP_THROTTLE_FACTOR = 1
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Number of trusted reverse proxies in front of gunicorn; the client address for the lockout
# and the audit log is read past them (socialwork.audit.context.client_ip).
SOCIALWORK_PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "socialwork.audit.context.client_ip"
AXES_VERBOSE = False
# Counted by the account, or one marker for names that are no account: axes never stores a
# mistyped password (socialwork.people.signals).
AXES_USERNAME_CALLABLE = "socialwork.people.signals.axes_username"

# --- Security headers --------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Gone when the browser closes, not kept for a year: on a survey link or a shared computer a
# long-lived cookie would tie one person's answers together across months.
CSRF_COOKIE_AGE = None
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env.bool("BEHIND_TLS_PROXY", default=True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# No inline script or style anywhere: every script and stylesheet is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Internationalisation ----------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True
PHONENUMBER_DEFAULT_REGION = "FI"
PHONENUMBER_DB_FORMAT = "E164"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"

# --- Static files ------------------------------------------------------------------------
# Widgets render through the project's templates (templates/<app>/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
if DEBUG or TESTING:
    # WhiteNoise serves from the finders here, but warns when the folder does not exist.
    STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "socialwork.core.staticfinders.BootstrapFinder",
]
# Uploaded files (council meeting attachments, council outputs). Generated PDFs live in the
# database; these do not, so they need a volume of their own and the same backup
# (README "Backup and restore").
MEDIA_ROOT = env("MEDIA_ROOT", default=str(BASE_DIR / ".local" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Mail -------------------------------------------------------------------------------
# Development prints e-mails; production without EMAIL_URL sends none and says so on each
# message, never into the logs (the console backend would write clients' addresses there).
if env("EMAIL_URL", default="") or DEBUG or TESTING:
    EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
    vars().update(EMAIL_CONFIG)
else:
    EMAIL_BACKEND = "socialwork.messaging.backends.nomail.NoMailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="socialwork@localhost")
# Seconds to wait for the mail server: well under MESSAGING_CLAIM_TIMEOUT_SECONDS, so that a
# hung connection never outlives the claim of the message it carries.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Product settings ---------------------------------------------------------------------
# Municipality name shown in the header and on printouts.
SOCIALWORK_ORGANISATION_NAME = env("ORGANISATION_NAME", default="")
# Retention (socialwork/core/retention.py; README "Retention"). A client record with all it
# holds (group records, council and expert files) goes this many years after the last
# change of any of it; their figures stay without the name.
RETENTION_CLIENT_YEARS = env.int("RETENTION_CLIENT_YEARS", default=5)
# A message's recipient and words go this many days after it was settled; its outcome stays.
RETENTION_MESSAGE_DAYS = env.int("RETENTION_MESSAGE_DAYS", default=365)
# A contact slip goes this many days after it was handled (or received, if never handled).
RETENTION_CONTACT_SLIP_DAYS = env.int("RETENTION_CONTACT_SLIP_DAYS", default=180)
# Figures from anonymous answers or evaluations are hidden below this many respondents.
SOCIALWORK_MIN_RESPONDENTS = env.int("MIN_RESPONDENTS", default=5)
# Answers one lobby tablet may send in ten minutes; more wait on the tablet (feedback).
# 0 turns the limit off.
SOCIALWORK_KIOSK_ANSWERS_PER_10_MINUTES = 30
# A figure in which every answer chose one option is hidden below this many answers: "all 6
# chose the sad face" tells each person's answer (session evaluations).
SOCIALWORK_UNANIMOUS_MIN = env.int("UNANIMOUS_MIN", default=10)
# The database role the application runs as, when migrations run as the tables' owner:
# given its rights after every migrate, and only reading and adding on the audit log
# (socialwork.audit.roles). Empty: one role does everything (development, tests).
SOCIALWORK_DATABASE_APP_ROLE = env("DATABASE_APP_ROLE", default="")
# Results count only answers at least this many hours old (feedback.results.fresh_before).
SOCIALWORK_RESULTS_DELAY_HOURS = env.int("RESULTS_DELAY_HOURS", default=3)
# A year with at most this many countable answers has its results made by the page that
# needs them, at once; a bigger one by a worker while the page shows the last made
# (feedback.services.results).
RESULTS_INLINE_MAX_ANSWERS = env.int("RESULTS_INLINE_MAX_ANSWERS", default=3000)
# Contact slips wait apart from the answers they came with and reach the coordinator's list
# together, once this many wait or the oldest has waited this many days (feedback.models).
CONTACT_SLIP_BATCH = env.int("CONTACT_SLIP_BATCH", default=3)
CONTACT_SLIP_MAX_WAIT_DAYS = env.int("CONTACT_SLIP_MAX_WAIT_DAYS", default=7)
# The address clients reach the service at, for links printed on paper (the survey sheet).
SOCIALWORK_PUBLIC_URL = env("PUBLIC_URL", default="http://localhost:8000")

# --- Messages (socialwork.messaging) -------------------------------------------------------
# Where text messages go: console (prints them; the default for development), locmem (tests)
# or the GatewayAPI HTTP backend (production).
# Production defaults to the gateway: the console backend would write clients' numbers and
# texts into the logs.
SMS_BACKEND = env(
    "SMS_BACKEND",
    default="socialwork.messaging.backends.locmem.LocmemBackend"
    if TESTING
    else "socialwork.messaging.backends.console.ConsoleBackend"
    if DEBUG
    else "socialwork.messaging.backends.gatewayapi.GatewayApiBackend",
)
SMS_GATEWAY_URL = env("SMS_GATEWAY_URL", default="https://messaging.gatewayapi.eu")
SMS_GATEWAY_TOKEN = env("SMS_GATEWAY_TOKEN", default="")
# The shared secret the gateway signs its delivery reports with.
SMS_WEBHOOK_SECRET = env("SMS_WEBHOOK_SECRET", default="")
# Shown as the sender: at most 11 letters and digits.
SMS_SENDER = env("SMS_SENDER", default="Sosiaalityo")
SMS_TIMEOUT_SECONDS = env.float("SMS_TIMEOUT_SECONDS", default=10.0)
SMS_MAX_ATTEMPTS = env.int("SMS_MAX_ATTEMPTS", default=6)
SMS_RETRY_BASE_SECONDS = env.int("SMS_RETRY_BASE_SECONDS", default=60)
# No text messages between these times (Europe/Helsinki); held messages go in the morning.
SMS_QUIET_HOURS_START = time.fromisoformat(env("SMS_QUIET_HOURS_START", default="21:00"))
SMS_QUIET_HOURS_END = time.fromisoformat(env("SMS_QUIET_HOURS_END", default="08:00"))
# A message a worker claimed but never settled (the worker died) is sent again after this
# long, unless a delivery report from the gateway has settled it meanwhile.
MESSAGING_CLAIM_TIMEOUT_SECONDS = env.int("MESSAGING_CLAIM_TIMEOUT_SECONDS", default=900)
# How many sending tasks a batch of new messages starts side by side (at most the number of
# worker processes is useful).
MESSAGING_PARALLEL_SENDERS = env.int("MESSAGING_PARALLEL_SENDERS", default=2)
# Hand-overs each sending task keeps waiting on the gateway side by side (threads that only
# talk to the gateway; the task's own thread claims and settles): a gateway that answers in
# 150 ms takes about six messages a second from one, about a hundred from sixteen.
MESSAGING_SEND_THREADS = env.int("MESSAGING_SEND_THREADS", default=16)
# The domain in the Message-ID of e-mails sent to clients.
MESSAGING_EMAIL_DOMAIN = env("MESSAGING_EMAIL_DOMAIN", default="socialwork.invalid")
# Reminders go the day before at this time (Europe/Helsinki); letters this many days before,
# at the same time, so that they are in the next print batch.
REMINDER_TIME = time.fromisoformat(env("REMINDER_TIME", default="16:00"))
REMINDER_LETTER_DAYS = env.int("REMINDER_LETTER_DAYS", default=5)
# Nothing is reminded of that starts sooner than this (a session added this morning for
# this afternoon was agreed face to face).
REMINDER_MIN_NOTICE_HOURS = env.int("REMINDER_MIN_NOTICE_HOURS", default=2)

# --- Client councils ---------------------------------------------------------------------
# A proposal's answer is asked for within this many days; the responsible leader and the
# recipient are reminded this many days before the deadline and on the day, at this time.
COUNCIL_ANSWER_DAYS = env.int("COUNCIL_ANSWER_DAYS", default=30)
COUNCIL_ANSWER_REMINDER_DAYS = env.int("COUNCIL_ANSWER_REMINDER_DAYS", default=7)
COUNCIL_REMINDER_TIME = time.fromisoformat(env("COUNCIL_REMINDER_TIME", default="09:00"))
# A member's own page for a meeting works until this many days after the meeting.
COUNCIL_MEMBER_PAGE_DAYS_AFTER = env.int("COUNCIL_MEMBER_PAGE_DAYS_AFTER", default=7)

# --- Reports -------------------------------------------------------------------------------
# A finished report's PDF is kept this many days; then its file goes (asked for again, it is
# made from the figures of that day).
REPORT_KEEP_DAYS = env.int("REPORT_KEEP_DAYS", default=7)

# --- Experience experts --------------------------------------------------------------------
# The usual fee per assignment (EUR, 002:1406-1410): a fee outside the range is allowed but
# asked about.
EXPERT_FEE_USUAL_MIN = env.int("EXPERT_FEE_USUAL_MIN", default=30)
EXPERT_FEE_USUAL_MAX = env.int("EXPERT_FEE_USUAL_MAX", default=100)
# An order cancelled less than this many hours before it starts is a late cancellation: an
# orderer's late cancellation keeps the expert's fee.
EXPERT_LATE_CANCEL_HOURS = env.int("EXPERT_LATE_CANCEL_HOURS", default=48)
# The expert's own page works this many days from when its address was made.
EXPERT_PAGE_DAYS = env.int("EXPERT_PAGE_DAYS", default=30)
# Printed on the CV folder's first page: where experts are ordered from.
EXPERT_COORDINATOR_CONTACT = env("EXPERT_COORDINATOR_CONTACT", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
