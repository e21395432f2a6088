#!/usr/bin/env bash
# Ordering under concurrency: 100k events over many aggregates, projected by MDBs with several
# sessions each; afterwards every task's read-model row must equal the fold of its events and
# every checkpoint must sit at its aggregate's last version (ordering violations = 0).
#
#   bench/ordering.sh                 # 10,000 tasks x 10 events = 100,000 events
#   TASKS=2000 bench/ordering.sh      # a quicker run
#
# Seeds the event log and the outbox directly in PostgreSQL (the events a long series of
# create/move commands would have produced), so the run measures projection, not the command path.
# Starts Tandem on PostgreSQL like command-path.sh (port 8280) and prints the figures to
# bench/results/ordering-<date>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
TASKS=${TASKS:-10000}
MOVES=9
DB=tandem_bench
BASE=http://127.0.0.1:8280
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
out=bench/results/ordering-$stamp.txt
mkdir -p bench/results
psqlb() { psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U tandem -d $DB "$@"; }

ensure_postgres
recreate_database $DB
start_bench_server $DB

signup=$(curl -sf -X POST $BASE/api/tenants -H 'Content-Type: application/json' -d '{"name":"Ordering","adminEmail":"o@example.test"}')
KEY=$(echo "$signup" | json "['apiKey']")
TENANT=$(echo "$signup" | json "['tenantId']")
PROJECT=$(curl -sf -X POST $BASE/api/projects -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d '{"name":"Ordering","key":"ORDER"}' | json "['id']")

echo "seeding $((TASKS * (MOVES + 1))) events for $TASKS tasks…"
# Each task: TaskCreated (v1), then moves todo->in_progress->todo->... alternating, v2..v10.
psqlb <<SQL
create temporary table seed_task as
  select gen_random_uuid() as task_id, n from generate_series(1, $TASKS) n;
with events as (
  select t.task_id, t.n, 1 as version, 'TaskCreated' as type,
         json_build_object('taskId', t.task_id, 'projectId', '$PROJECT'::uuid, 'title', 'Task ' || t.n,
                           'status', 'todo', 'priority', 'normal')::text as payload
    from seed_task t
  union all
  select t.task_id, t.n, v, 'TaskMoved',
         json_build_object('taskId', t.task_id, 'projectId', '$PROJECT'::uuid,
                           'from', case when v % 2 = 0 then 'todo' else 'in_progress' end,
                           'to', case when v % 2 = 0 then 'in_progress' else 'todo' end)::text
    from seed_task t cross join generate_series(2, $((MOVES + 1))) v
)
insert into event_log (event_id, tenant_id, aggregate_type, aggregate_id, aggregate_version, event_type, schema_version,
                       payload, command_id, correlation_id, actor, faults, occurred_at)
select gen_random_uuid(), '$TENANT'::uuid, 'Task', task_id, version, type, case when type = 'TaskCreated' then 2 else 1 end,
       payload, gen_random_uuid(), gen_random_uuid(), 'bench', null, now()
  from events order by version, n;
insert into event_outbox (global_position)
  select global_position from event_log where tenant_id = '$TENANT'::uuid and aggregate_type = 'Task';
SQL
total=$((TASKS * (MOVES + 1)))
start=$(date +%s.%N)
echo "projecting $total events…"
while true; do
  left=$(psqlb -tA -c "select count(*) from event_log e where e.tenant_id = '$TENANT' and e.aggregate_type = 'Task'
          and not exists (select 1 from projection_checkpoint c where c.projector = 'task-board'
          and c.aggregate_id = e.aggregate_id and c.aggregate_version >= e.aggregate_version)")
  now=$(date +%s.%N)
  printf '\r  %d of %d applied by task-board, %.0f s' "$((total - left))" "$total" "$(python3 -c "print($now - $start)")"
  [ "$left" -eq 0 ] && break
  [ "$(python3 -c "print(int($now - $start))")" -gt 1800 ] && { echo; echo "gave up after 30 min"; break; }
  sleep 1
done
echo
elapsed=$(python3 -c "print(f'{$(date +%s.%N) - $start:.1f}')")
# The fold: a task's last event decides its status (TaskMoved 'to') and its version.
violations=$(psqlb -tA -c "with last as (select distinct on (aggregate_id) aggregate_id, aggregate_version,
    case when event_type = 'TaskCreated' then 'todo' else payload::json->>'to' end as status
    from event_log where tenant_id = '$TENANT' and aggregate_type = 'Task' order by aggregate_id, aggregate_version desc)
  select count(*) from last l left join task_board b on b.task_id = l.aggregate_id
   where b.task_id is null or b.version <> l.aggregate_version or b.status <> l.status")
stale_checkpoints=$(psqlb -tA -c "select count(*) from (select aggregate_id, max(aggregate_version) v from event_log
   where tenant_id = '$TENANT' and aggregate_type = 'Task' group by aggregate_id) l
   left join projection_checkpoint c on c.projector = 'task-board' and c.aggregate_id = l.aggregate_id
   where c.aggregate_id is null or c.aggregate_version <> l.v")
parked=$(psqlb -tA -c "select count(*) from parked_event where tenant_id = '$TENANT' and state = 'parked'")
refused=$(grep -c "cannot apply version" ear/target/bench-postgresql/log/server.log || true)
{
  echo "# Ordering under concurrency ($stamp)"
  echo "# machine: $(nproc) cores, $(java -version 2>&1 | head -n 1), $(psql --version)"
  echo "events=$total tasks=$TASKS projector=task-board elapsed_s=$elapsed events_per_s=$(python3 -c "print(f'{$total / $elapsed:.0f}')")"
  echo "ordering_violations=$violations stale_checkpoints=$stale_checkpoints parked=$parked out_of_order_deliveries_refused=$refused"
} | tee "$out"
[ "$violations" -eq 0 ] && [ "$stale_checkpoints" -eq 0 ]
