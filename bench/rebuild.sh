#!/usr/bin/env bash
# Workload 4 of the suite on its own: the platform-wide rebuild of task-board, several rounds, with
# a baseline measured in the same run.
#
#   bench/rebuild.sh                         # 100 tenants, 1,000 projects, 1,000,000 tasks, 3 rounds
#   TASKS=200000 ROUNDS=2 bench/rebuild.sh   # smaller
#   REUSE=1 bench/rebuild.sh                 # the database of the last run as it is (no seed), a fresh build
#   VACUUM_ROUNDS=0 bench/rebuild.sh         # no vacuum between rounds, as in the suite (autovacuum is off here)
#   SEED_IDS=v4 bench/rebuild.sh             # random ids in the bulk seed, as data written before ADR 0011
#
# B4, the baseline: PostgreSQL writing the same rows itself, set-based, in one transaction (the board
# rows parsed from the events' JSON by SQL, and one checkpoint row per task) into copies of the two
# tables with the same indexes. The rebuild's events/s over B4's is how close the replay gets to the
# database's own write speed for those rows; the target is 50,000 events/s.
# Round 1 replaces a nearly empty board (the seed writes no read-model rows); later rounds replace a
# full one, as an operator's rebuild would. Before B4 and each round the database is vacuumed. Prints a table and writes bench/results/rebuild-<stamp>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

TENANTS=${TENANTS:-100}
PROJECTS=${PROJECTS:-1000}
TASKS=${TASKS:-1000000}
ROUNDS=${ROUNDS:-3}
VACUUM_ROUNDS=${VACUUM_ROUNDS:-1}
REUSE=${REUSE:-0}
DB=tandem_rebuild
PORT=8280
MGMT=10190
BASE=http://127.0.0.1:$PORT
PSQL="psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d $DB"
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
out=bench/results/rebuild-$stamp.txt
work=$(mktemp -d /tmp/tandem-rebuild-XXXXXX)
t_start=$(date +%s)
step() { printf '[%4ds] %s\n' "$(( $(date +%s) - t_start ))" "$*"; }
say() { echo "$*" | tee -a "$out"; }
command -v jq >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }

for p in $PORT $MGMT; do
  [ -z "$(listening_pid $p)" ] || { echo "port $p is in use; stop whatever listens there first" >&2; exit 1; }
done
ensure_postgres
if [ "$REUSE" = 1 ]; then
  $PSQL -Atc "select 1 from tracker_project limit 1" >/dev/null 2>&1 || { echo "REUSE=1 but database $DB holds no seed" >&2; exit 1; }
else
  step "fresh database $DB"
  recreate_database $DB
fi

export_load_settings rebuild
OPERATOR="Authorization: Bearer $TANDEM_OPERATOR_KEY"
rm -rf modules/api/target/tandem-api-*/
step "building Tandem and starting it on PostgreSQL (bench profile)"
start_bench_server $DB >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; exit 1; }
for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$MGMT/health/ready" && break; sleep 0.2; done

{
  echo "# bench/rebuild.sh, $stamp, code $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- modules ear wildfly-config pom.xml || echo ' + uncommitted changes')"
  echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n 1), $(psql -h 127.0.0.1 -U postgres -d postgres -Atc 'show server_version'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out"
if [ "$REUSE" != 1 ]; then
  step "seeding $TENANTS tenants and $PROJECTS projects through the API, $TASKS tasks in bulk"
  python3 bench/suite-seed.py "$BASE" "$TANDEM_OPERATOR_KEY" "$TENANTS" "$PROJECTS" "$work/projects.tsv" >/dev/null
  seed_bulk_tasks "$work/projects.tsv" "$TASKS" "$work/tasks.tsv" 10
fi
events=$($PSQL -Atc "select count(*) from event_log where aggregate_type = 'Task'")
say "# data: $($PSQL -Atc "select count(*) from tenancy_tenant") tenants, $($PSQL -Atc "select count(*) from tracker_project") projects, $events task events$([ "$REUSE" = 1 ] || echo ", seeded ids ${SEED_IDS:-v7}"); vacuum between rounds: $([ "$VACUUM_ROUNDS" = 0 ] && echo no || echo yes)"

# This machine's PostgreSQL runs with autovacuum off: without a vacuum every round would also pay
# for the dead rows of the rounds before it, which production's autovacuum clears. Not timed.
vacuum() { step "vacuum analyze (what autovacuum would have done)"; $PSQL -c "vacuum analyze"; }
vacuum
step "B4: the same rows written by PostgreSQL itself, set-based, in one transaction"
b4=$($PSQL -At <<'SQL' | tail -n 1
create table bench_board (like task_board including all);
create table bench_checkpoint (like projection_checkpoint including all);
create temporary table t0 as select clock_timestamp() as at;
begin;
insert into bench_board (task_id, tenant_id, project_id, title, description, status, priority, version, created_at,
                         updated_at, global_position)
  select (payload::json->>'taskId')::uuid, tenant_id, (payload::json->>'projectId')::uuid, payload::json->>'title',
         payload::json->>'description', payload::json->>'status', payload::json->>'priority', aggregate_version,
         occurred_at, occurred_at, global_position
    from event_log where aggregate_type = 'Task' and event_type = 'TaskCreated' order by global_position;
insert into bench_checkpoint (projector, aggregate_id, tenant_id, aggregate_version, global_position, updated_at)
  select 'bench', aggregate_id, tenant_id, max(aggregate_version), max(global_position), now()
    from event_log where aggregate_type = 'Task' group by aggregate_id, tenant_id;
commit;
select round(extract(epoch from clock_timestamp() - at)::numeric, 2) from t0;
drop table bench_board;
drop table bench_checkpoint;
SQL
)
b4_rate=$(python3 -c "print(round($events / $b4))")
say "B4 PostgreSQL set-based: $b4 s, $b4_rate events/s"

printf '%-7s %10s %12s %9s %9s %8s %8s\n' round events "events/s" "replay s" "swap s" "wall s" "of B4" | tee -a "$out"
rates=()
for r in $(seq 1 "$ROUNDS"); do
  [ "$VACUUM_ROUNDS" = 0 ] || vacuum
  step "round $r of $ROUNDS: rebuild task-board for all tenants"
  rb=$(rebuild task-board)
  echo "$rb" >>"$work/rounds.jsonl"
  read -r done eps swap wall <<<"$(jq -r '"\(.done) \(.eventsPerSecond) \(.swapMillis) \(.wall_s)"' <<<"$rb")"
  rates+=("$eps")
  python3 - "$r" "$done" "$eps" "$swap" "$wall" "$b4_rate" <<'PY' | tee -a "$out"
import sys
r, done, eps, swap, wall, b4 = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]) / 1000, float(sys.argv[5]), float(sys.argv[6])
total = done / eps if eps else 0
print(f"{r:<7} {done:>10,} {eps:>12,.0f} {total - swap:>9.1f} {swap:>9.1f} {wall:>8.1f} {eps / b4:>8.2f}")
PY
done
median_of() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
median=$(median_of "${rates[@]}")
say "median of all rounds $(printf '%.0f' "$median") events/s = $(python3 -c "print(f'{$median / $b4_rate:.2f}')") of B4; target 50,000 events/s: $(python3 -c "print('PASS' if $median >= 50000 else 'MISS')")"
if [ "${#rates[@]}" -gt 1 ]; then
  # Round 1 runs on a server that has just started (the JIT has not compiled the replay yet), as
  # the suite's rebuild does; the later rounds show the same code warm.
  warm=$(median_of "${rates[@]:1}")
  say "round 1 (fresh server) $(printf '%.0f' "${rates[0]}") events/s; median of the later rounds $(printf '%.0f' "$warm") events/s"
fi
cp "$work/rounds.jsonl" "bench/results/rebuild-$stamp.jsonl"
step "done; bench/results/rebuild-$stamp.txt (the server log: ear/target/bench-postgresql/log/server.log)"
