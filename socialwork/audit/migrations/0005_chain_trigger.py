from django.db import migrations

# The audit log's hash chain, made by the database so that no code path can skip it.
# Each row's hash is SHA-256 of the previous link's hash and the row's own content; the
# single row of audit_auditchainhead is locked while a link is made, so links follow one
# another even when transactions commit out of order. The trigger runs with its owner's
# rights (SECURITY DEFINER): the application's database role may read the head but never
# write it itself.
DIGEST = """
CREATE OR REPLACE FUNCTION audit_event_digest(previous_hash text, e audit_auditevent)
RETURNS text AS $$
    SELECT encode(sha256(convert_to(concat_ws(chr(31),
        coalesce(previous_hash, ''), e.id::text,
        to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
        coalesce(e.actor_id::text, ''), e.actor_label, e.action, e.object_type, e.object_id,
        e.object_label, coalesce(e.unit_id::text, ''), e.changed_fields::text,
        coalesce(host(e.ip_address), ''), e.path), 'UTF8')), 'hex')
$$ LANGUAGE sql IMMUTABLE;
"""

CHAIN = """
CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger AS $$
DECLARE
    head record;
BEGIN
    INSERT INTO audit_auditchainhead (id, last_id, last_hash) VALUES (1, NULL, '')
        ON CONFLICT (id) DO NOTHING;
    SELECT last_id, last_hash INTO head FROM audit_auditchainhead WHERE id = 1 FOR UPDATE;
    NEW.chain_previous := head.last_id;
    NEW.chain_hash := audit_event_digest(head.last_hash, NEW);
    UPDATE audit_auditchainhead SET last_id = NEW.id, last_hash = NEW.chain_hash WHERE id = 1;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp;

CREATE TRIGGER audit_event_chain
    BEFORE INSERT ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_event_chain();
"""

# Rows written before the chain existed are linked in the order they were written.
EXISTING = """
ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only;
DO $$
DECLARE
    r audit_auditevent;
    previous_id bigint := NULL;
    previous_hash text := '';
BEGIN
    FOR r IN SELECT * FROM audit_auditevent ORDER BY id LOOP
        previous_hash := audit_event_digest(previous_hash, r);
        UPDATE audit_auditevent SET chain_previous = previous_id, chain_hash = previous_hash
            WHERE id = r.id;
        previous_id := r.id;
    END LOOP;
    INSERT INTO audit_auditchainhead (id, last_id, last_hash)
        VALUES (1, previous_id, previous_hash)
        ON CONFLICT (id) DO UPDATE SET last_id = EXCLUDED.last_id, last_hash = EXCLUDED.last_hash;
END $$;
ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS audit_event_chain ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_event_chain();
DROP FUNCTION IF EXISTS audit_event_digest(text, audit_auditevent);
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_hash_chain")]

    operations = [migrations.RunSQL(DIGEST + EXISTING + CHAIN, BACKWARD)]
