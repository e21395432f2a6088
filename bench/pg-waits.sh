#!/usr/bin/env bash
# What PostgreSQL's sessions of the server are doing while a load runs: samples pg_stat_activity
# about every 10 ms and counts the samples by state, wait event and statement.
#
#   bench/pg-waits.sh tandem_lag 1500        # database, samples (1500: about 20 s on 2 cores)
#   ROLE=tandem bench/pg-waits.sh tandem_suite
#
# Run it beside a workload (lag.sh, suite.sh), after its warm-up. A session "idle in transaction"
# is waiting for the server to send its transaction's next statement: that time is the
# application's, not the database's (the JVM's threads waiting for a core, the code between two
# statements). "active" with a WAL wait is a commit waiting for its flush; "active" with no wait
# event is executing or waiting for a core. Lock waits would show as Lock:…. One psql session
# runs the samples, so the sampling costs a few per cent of a core.
set -euo pipefail
DB=${1:?database}
SAMPLES=${2:-1500}
ROLE=${ROLE:-tandem}
PGHOST=${PGHOST:-127.0.0.1}

raw=$(mktemp)
trap 'rm -f "$raw"' EXIT
SECONDS=0
{
  for _ in $(seq 1 "$SAMPLES"); do
    cat <<SQL
select coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '-') || '|' || state || '|'
       || regexp_replace(left(query, 70), '\s+', ' ', 'g')
  from pg_stat_activity
 where datname = current_database() and usename = '$ROLE' and state <> 'idle' and pid <> pg_backend_pid();
select pg_sleep(0.01);
SQL
  done
} | psql -h "$PGHOST" -U postgres -d "$DB" -At -q | grep -v '^$' >"$raw" || true

echo "# $SAMPLES samples of $ROLE's sessions on $DB over $SECONDS s"
awk -v samples="$SAMPLES" -F'|' '
  {
    if ($2 == "idle in transaction" || $2 == "idle in transaction (aborted)") k = "idle in transaction: waiting for the server'"'"'s next statement";
    else if ($1 ~ /WAL/) k = "active: commit waiting for its WAL flush";
    else if ($1 ~ /^CPU/) k = "active: executing, or waiting for a core";
    else if ($1 ~ /^Lock/) k = "active: waiting for a lock";
    else k = "active: " $1;
    n[k]++; total++
  }
  END {
    printf "busy sessions per sample: %.2f\n", total / samples;
    for (k in n) printf "%6d  %5.1f %%  %s\n", n[k], 100 * n[k] / total, k | "sort -rn";
  }' "$raw"
echo "# by wait event, state and statement (first 70 characters)"
sort "$raw" | uniq -c | sort -rn | head -n "${TOP:-25}"
