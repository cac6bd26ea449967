#!/usr/bin/env bash
# Backs up the two databases of one MoolAI Orchestrator deployment (the orchestrator database: users, conversations,
# messages, firewall rules, policy and events; the monitoring database: every request's record, rollups, system
# samples) with pg_dump in custom format, one file per database, into a dated folder:
#
#   BACKUP_ROOT/2025-01-31T020000Z/orchestrator.dump
#                                 /monitoring.dump
#                                 /MANIFEST          (what was dumped, from where, sizes and sha256)
#
# Redis is not backed up: it holds only the response cache, rate-limit and stream counters and the change feed
# of rules and policy, all of which rebuild themselves (an empty Redis means cache misses for a while).
#
# Usage: scripts/backup/backup.sh [--env-file .env] [--compose] [BACKUP_ROOT]     (BACKUP_ROOT default ./backups)
#   --env-file FILE  read ORCHESTRATOR_* / MONITORING_* / ORG_ID from FILE (the environment wins)
#   --compose        run pg_dump inside the docker compose database containers
# Both databases may be dumped while the service runs (pg_dump reads one consistent snapshot per database).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=common.sh
. "$HERE/common.sh"

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }

ENV_FILE=
ROOT=
while [ $# -gt 0 ]; do
  case "$1" in
    --compose) COMPOSE=1 ;;
    --env-file) ENV_FILE=${2:?--env-file needs a file}; shift ;;
    --env-file=*) ENV_FILE=${1#*=} ;;
    -h | --help) usage; exit 0 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$ROOT" ] || die "one BACKUP_ROOT only"; ROOT=$1 ;;
  esac
  shift
done
[ -z "$ENV_FILE" ] || load_env_file "$ENV_FILE"
ROOT=${ROOT:-./backups}
[ "$COMPOSE" = 1 ] || command -v pg_dump >/dev/null || die "pg_dump not found (apt-get install postgresql-client, or use --compose)"

stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
dest="$ROOT/$stamp"
[ ! -e "$dest" ] || die "$dest exists already"
umask 077
mkdir -p "$ROOT"
work="$ROOT/.$stamp.partial"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

orchestrator=$(db_target ORCHESTRATOR)
monitoring=$(db_target MONITORING)
{
  echo "created_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "org_id=${ORG_ID:-$ORG_ID_DEFAULT}"
  echo "orchestrator=$orchestrator"
  echo "monitoring=$monitoring"
} >"$work/MANIFEST"

dump() {
  local which=$1 file=$2
  echo "backup: dumping $(db_target "$which") -> $dest/$file"
  pg_run "$which" pg_dump --format=custom --compress=6 --no-owner --no-acl >"$work/$file"
  [ -s "$work/$file" ] || die "pg_dump of $which wrote nothing"
}

dump ORCHESTRATOR orchestrator.dump
# Without the password part, so a URL and the same database given as pieces compare equal.
same_place() { [ "$(echo "$1" | sed 's#:\*\*\*@#@#')" = "$(echo "$2" | sed 's#:\*\*\*@#@#')" ]; }
if same_place "$orchestrator" "$monitoring"; then
  # Both URLs may name one database (the table names do not collide): one dump holds both.
  echo "same_database=true" >>"$work/MANIFEST"
  echo "backup: the monitoring database is the orchestrator database; one dump holds both"
else
  dump MONITORING monitoring.dump
fi

for f in "$work"/*.dump; do
  echo "file=$(basename "$f") bytes=$(wc -c <"$f" | tr -d ' ') sha256=$(sha256sum "$f" | cut -d' ' -f1)" >>"$work/MANIFEST"
done
mv "$work" "$dest"
trap - EXIT
echo "backup: done, $dest"
