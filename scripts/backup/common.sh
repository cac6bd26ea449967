# Shared by backup.sh and restore.sh (sourced, not run): which databases, and how to reach them.
#
# The databases are named by the variables the service itself reads (src/config/env-schema.ts):
#   ORCHESTRATOR_DATABASE_URL, or ORCHESTRATOR_DB_HOST / _PORT / _USER / _PASSWORD / _NAME (default
#   orchestrator_<ORG_ID>); MONITORING_DATABASE_URL or MONITORING_DB_* likewise.
# With --env-file FILE they are read from FILE (e.g. .env) first; variables already set in the environment win.
# With --compose, pg_dump / pg_restore / psql run inside the compose containers (postgres-orchestrator,
# postgres-monitoring) through `docker compose exec`, so the host needs no Postgres client and no published port.

ORG_ID_DEFAULT=org_001

die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

load_env_file() {
  local file=$1 line key value
  [ -f "$file" ] || die "no env file $file"
  while IFS= read -r line || [ -n "$line" ]; do
    line=${line%$'\r'}
    case "$line" in '' | '#'*) continue ;; esac
    key=${line%%=*}
    value=${line#*=}
    key=$(echo "$key" | sed 's/^export //; s/[[:space:]]//g')
    [[ "$key" =~ ^(ORG_ID|ORCHESTRATOR_|MONITORING_)[A-Z_]*$ ]] || continue
    # Surrounding quotes, as docker compose reads them.
    value=$(echo "$value" | sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//; s/^"(.*)"$/\1/; s/^'"'"'(.*)'"'"'$/\1/')
    if [ -z "${!key:-}" ]; then export "$key=$value"; fi
  done <"$file"
}

# compose_service WHICH → the compose service holding that database
compose_service() {
  case "$1" in
    ORCHESTRATOR) echo postgres-orchestrator ;;
    MONITORING) echo postgres-monitoring ;;
  esac
}

# db_name WHICH → the database name (for --compose and for messages)
db_name() {
  local which=$1 url_var="${1}_DATABASE_URL" name_var="${1}_DB_NAME"
  local url=${!url_var:-}
  if [ -n "$url" ]; then
    url=${url%%\?*}
    echo "${url##*/}"
  else
    local lower
    lower=$(echo "$which" | tr '[:upper:]' '[:lower:]')
    echo "${!name_var:-${lower}_${ORG_ID:-$ORG_ID_DEFAULT}}"
  fi
}

# db_user WHICH → the role (for --compose)
db_user() {
  local user_var="${1}_DB_USER" lower
  lower=$(echo "$1" | tr '[:upper:]' '[:lower:]')
  echo "${!user_var:-${lower}_user}"
}

# db_target WHICH → a printable description of where the database is, without its password
db_target() {
  local which=$1 url_var="${1}_DATABASE_URL" host_var="${1}_DB_HOST" port_var="${1}_DB_PORT"
  if [ "$COMPOSE" = 1 ]; then
    echo "compose:$(compose_service "$which")/$(db_name "$which")"
  elif [ -n "${!url_var:-}" ]; then
    echo "${!url_var}" | sed -E 's#://([^:@/]+):[^@/]*@#://\1:***@#'
  elif [ -n "${!host_var:-}" ]; then
    echo "postgres://$(db_user "$which")@${!host_var}:${!port_var:-5432}/$(db_name "$which")"
  else
    die "${which}_DATABASE_URL or ${which}_DB_HOST must be set (or use --compose)"
  fi
}

# pg_run WHICH TOOL ARGS... → runs a Postgres client tool (pg_dump, pg_restore, psql) against that database, with
# stdin/stdout passed through. The connection goes in as -d / -h -p -U and PGPASSWORD, never on a command line that
# `ps` shows with a password in it.
pg_run() {
  local which=$1 tool=$2
  shift 2
  local url_var="${which}_DATABASE_URL" host_var="${which}_DB_HOST" port_var="${which}_DB_PORT" pw_var="${which}_DB_PASSWORD"
  if [ "$COMPOSE" = 1 ]; then
    docker compose exec -T "$(compose_service "$which")" "$tool" -U "$(db_user "$which")" -d "$(db_name "$which")" "$@"
  elif [ -n "${!url_var:-}" ]; then
    local url=${!url_var} password=
    if [[ "$url" =~ ^[a-z]+://[^:@/]+:([^@/]*)@ ]]; then
      password=$(printf '%b' "${BASH_REMATCH[1]//%/\\x}")
      url=$(echo "$url" | sed -E 's#://([^:@/]+):[^@/]*@#://\1@#')
    fi
    PGPASSWORD=${password:-${PGPASSWORD:-}} "$tool" -d "$url" "$@"
  else
    PGPASSWORD=${!pw_var:-${PGPASSWORD:-}} "$tool" -h "${!host_var}" -p "${!port_var:-5432}" -U "$(db_user "$which")" -d "$(db_name "$which")" "$@"
  fi
}

COMPOSE=0
