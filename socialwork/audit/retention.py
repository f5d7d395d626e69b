"""The audit log's place in the retention table (socialwork/core/retention.py)."""

from django.utils.translation import gettext_lazy as _

from socialwork.core.retention import RecordClass, register_record_class

register_record_class(
    RecordClass(
        code="audit_log",
        label=_("Audit log (views, changes, disclosures, logins)"),
        kept=_("kept: append-only, as the log of client data use the law asks for"),
        action=_(
            "not removed by the job: the application's role cannot delete a row; the "
            "database's owner removes old rows when the organisation's archive plan says"
        ),
    )
)
