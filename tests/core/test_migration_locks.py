"""No migration may lock a big table in production (issue: hardening). Each of the
product's migrations is turned into its SQL (sqlmigrate) and read by django-migration-
linter's PostgreSQL analyser; what holds a table's lock for as long as the table is big is
refused: an index made without CONCURRENTLY or dropped, NOT NULL set on a column (a scan),
a column's type changed (a rewrite), a unique constraint added (an index build), REINDEX.

What the linter also reports and is left out here is no lock: a dropped or renamed column
or table is metadata only in PostgreSQL. (It matters for an old and a new version running
side by side, which the docker-compose deployment does not do: `migrate` runs with the
application stopped.)

A migration may be accepted only with its reason below. The ones listed ran before this
check existed; each says why it was acceptable then, and none may be added without one."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django_migration_linter import MigrationLinter
from django_migration_linter.sql_analyser.analyser import analyse_sql_statements

PRODUCT_APPS = {
    "people",
    "audit",
    "messaging",
    "links",
    "documents",
    "core",
    "groups",
    "feedback",
    "councils",
    "experts",
    "participation",
    "reporting",
}
NO_LOCK = ["DROP_COLUMN", "DROP_TABLE", "RENAME_COLUMN", "RENAME_TABLE"]

ACCEPTED = {
    ("audit", "0002_initial"): "the audit log's indexes, made with its (empty) table",
    ("audit", "0004_hash_chain"): "columns with a constant default: no rewrite since PG 11, "
    "and the chain had to cover every row at once",
    ("feedback", "0002_fewer_indexes_on_answers"): "dropped indexes nobody read, in the "
    "feedback app's first week, before any answers were kept",
    ("feedback", "0003_campaign_theme_in_swedish"): "a column with a constant default on "
    "the small campaign table: no rewrite",
    ("feedback", "0004_random_keys_and_pending_slips"): "the answers rewritten in random "
    "order on purpose (anonymity), once, announced as a maintenance break",
    ("feedback", "0010_campaign_scope"): "a column with a constant default and a unique "
    "constraint on the campaign table: a few hundred rows a year",
    ("groups", "0003_evaluation_codes_and_feeds"): "new tables and a column with a default "
    "on the small session-code table",
    ("groups", "0007_secret_links_only"): "small tables (codes and calendar addresses), "
    "dropped index of a column that went",
    ("messaging", "0002_templates_letters_claims"): "the outbox's claim index, made while "
    "the outbox held only the first weeks' texts",
    ("messaging", "0006_messages_carry_links_and_files"): "nullable link and file columns "
    "and their indexes, while the outbox was small",
    ("people", "0002_client_reminder_channel"): "a column with a constant default on the "
    "client table: no rewrite",
}


def locking_migrations() -> dict[tuple[str, str], set[str]]:
    linter = MigrationLinter(database="default", no_cache=True, no_output=True)
    loader = MigrationLoader(connection, load=True)
    found = {}
    for app_label, name in sorted(loader.disk_migrations):
        if app_label not in PRODUCT_APPS:
            continue
        sql = linter.get_sql(app_label, name)
        errors, _ignored, warnings = analyse_sql_statements(linter.sql_analyser_class, sql, NO_LOCK)
        codes = {issue.code for issue in [*errors, *warnings]}
        if codes:
            found[(app_label, name)] = codes
    return found


# Outside a transaction: a migration that builds an index CONCURRENTLY cannot be turned into
# SQL inside one.
@pytest.mark.django_db(transaction=True)
def test_no_migration_locks_a_big_table_without_a_reason():
    found = locking_migrations()
    unexplained = {key: codes for key, codes in found.items() if key not in ACCEPTED}
    assert not unexplained, (
        "these migrations would hold a lock on a table as long as it is big; make the "
        "index CONCURRENTLY (atomic = False), add the column nullable and fill it in "
        f"batches, or add a reason to ACCEPTED: {unexplained}"
    )
    # A reason for a migration that no longer needs one is taken out.
    assert not set(ACCEPTED) - set(found), set(ACCEPTED) - set(found)


@pytest.mark.django_db
def test_the_check_finds_an_index_made_without_concurrently():
    from django_migration_linter.sql_analyser.analyser import analyse_sql_statements as read

    linter = MigrationLinter(database="default", no_cache=True, no_output=True)
    errors, _ignored, warnings = read(
        linter.sql_analyser_class,
        ['CREATE INDEX "x" ON "feedback_answer" ("response_id");'],
        NO_LOCK,
    )
    assert "CREATE_INDEX" in {issue.code for issue in [*errors, *warnings]}
    errors, _ignored, warnings = read(
        linter.sql_analyser_class,
        ['CREATE INDEX CONCURRENTLY "x" ON "feedback_answer" ("response_id");'],
        NO_LOCK,
    )
    assert not errors and not warnings
