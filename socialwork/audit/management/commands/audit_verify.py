"""Walks the audit log's hash chain and fails when a row was changed or removed."""

from django.core.management.base import BaseCommand, CommandError

from socialwork.audit.selectors import audit_chain_check


class Command(BaseCommand):
    help = "Check that no audit event was changed or removed (the hash chain is whole)."

    def handle(self, *args, **options):
        report = audit_chain_check()
        if report.intact:
            self.stdout.write(f"The audit log is whole: {report.rows} events, chain unbroken.")
            return
        problems = []
        if report.broken:
            problems.append(f"changed, or following a removed event: {report.broken[:20]}")
        if report.forks:
            problems.append(f"two events follow the same one: {report.forks[:20]}")
        if not report.head_ok:
            problems.append("the newest events are missing or changed")
        raise CommandError("The audit log has been tampered with: " + "; ".join(problems))
