#!/bin/sh
# Runs once, when the postgres container creates its data directory: the role the
# application connects as. It owns nothing; `migrate` (as the owner) grants it its rights
# and leaves it only reading and adding to the audit log (socialwork/audit/roles.py).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v app_password="$POSTGRES_APP_PASSWORD" <<'SQL'
CREATE ROLE socialwork_app LOGIN PASSWORD :'app_password';
SQL
