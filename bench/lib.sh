# Shared by the benchmark scripts: PostgreSQL, a fresh database, and a Tandem server of their own.
# Source it from the repository root: . bench/lib.sh

# Starts the machine's PostgreSQL if it is down (the command the env entry gives).
ensure_postgres() {
  pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && return 0; sleep 1; done
  echo "PostgreSQL did not come up" >&2
  return 1
}

# Turns on PostgreSQL's commit timestamps (track_commit_timestamp, ALTER SYSTEM), restarting the
# cluster if they were off, so that lag_by_projector can measure the lag between the two commits, as
# issue 5 defines it. Bench scripts own this machine's PostgreSQL while they run; the setting stays
# on afterwards (it costs a few bytes per commit in pg_commit_ts). COMMIT_TIMESTAMPS=keep leaves the
# server as it is (the lag then falls back to the application's stamps).
ensure_commit_timestamps() {
  local cluster
  [ "${COMMIT_TIMESTAMPS:-}" = keep ] && return 0
  [ "$(psql -At -h 127.0.0.1 -U postgres -d postgres -c 'show track_commit_timestamp')" = on ] && return 0
  cluster=$(ls /etc/postgresql | head -n 1)
  echo "turning on PostgreSQL's track_commit_timestamp (ALTER SYSTEM) and restarting cluster $cluster/main" >&2
  psql -q -h 127.0.0.1 -U postgres -d postgres -c 'alter system set track_commit_timestamp = on' || return 1
  pg_ctlcluster --skip-systemctl-redirect "$cluster" main restart || return 1
  ensure_postgres
}

# Drops and creates database $1, owned by the role tandem (created if missing).
recreate_database() {
  psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres <<SQL
SELECT 'create role tandem login password ''tandem''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tandem')\gexec
DROP DATABASE IF EXISTS $1 WITH (FORCE);
CREATE DATABASE $1 OWNER tandem;
SQL
}

# Builds the load driver (bench/driver, a pom of its own) and sets DRIVER_JAVA to run it; the build's
# log goes to $1/driver-build.log. The driver shares the two cores with the server: a small heap and
# the serial collector keep its own footprint (GC threads, heap) out of the way.
build_driver() {
  mvn -B -q -f bench/driver/pom.xml package >"$1/driver-build.log" 2>&1 || { cat "$1/driver-build.log"; return 1; }
  DRIVER_JAVA="java -Xms128m -Xmx256m -XX:+UseSerialGC -jar bench/driver/target/driver.jar"
}

# For the server start_bench_server starts: an operator key of its own (named after $1), and the
# enterprise plan's limit raised so that the rate limiter never binds during the load.
export_load_settings() {
  export TANDEM_OPERATOR_KEY="$1-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  export TANDEM_PLAN_ENTERPRISE_REQUESTS_PER_SECOND=1000000 TANDEM_PLAN_ENTERPRISE_BURST=1000000
}

# Builds with the bench profile and starts Tandem on PostgreSQL database $1 (port 8280, management
# 10190, -Xmx512m, fresh broker journal); the server is stopped when the calling script exits.
# Built from clean: a class renamed in the sources otherwise stays in the WAR's exploded directory.
start_bench_server() {
  echo "building and starting Tandem on PostgreSQL database $1 (port 8280)…"
  TANDEM_DB_URL=jdbc:postgresql://127.0.0.1:5432/$1 TANDEM_DB_USER=tandem TANDEM_DB_PASSWORD=tandem \
      mvn -B -q -Pbench -Dtandem.db=postgresql clean package
  trap stop_bench_server EXIT
}

stop_bench_server() {
  ear/target/wildfly-*/bin/jboss-cli.sh --connect --controller=127.0.0.1:10190 command=:shutdown >/dev/null 2>&1 || true
}

# Reads a field of the JSON on standard input: json "['apiKey']"
json() { python3 -c "import sys, json; print(json.load(sys.stdin)$1)"; }

# The pid of the process listening on TCP port $1 (empty if none).
listening_pid() { ss -Hltnp "sport = :$1" | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -n 1; }

# CPU ticks (user + system) a process has used so far; 0 once it is gone. comm may hold spaces,
# hence the fields counted from the last ") ".
process_ticks() {
  awk '{ c = $0; n = split(c, a, ") "); split(a[n], f, " "); print f[12] + f[13] }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# CPU ticks of all PostgreSQL processes together (backends come and go; the server's pooled ones stay).
postgres_ticks() {
  local t=0 pid
  for pid in $(pgrep -x postgres); do t=$((t + $(process_ticks "$pid"))); done
  echo "$t"
}

# The JIT compilers' state in process $1: seconds they have compiled so far (jstat's compile time)
# and methods waiting in their queues now. On this 2-core machine under load the single C2 thread
# compiled without pause for more than ten minutes and still had about 3,000 methods queued, so a
# window's figures depend on how far the JIT had got (lag-2026-12-03T221238Z); every script reports it.
jit_seconds() { jstat -compiler "$1" 2>/dev/null | awk 'NR == 2 {print $4}'; }
jit_queued() { jcmd "$1" Compiler.queue 2>/dev/null | grep -cE '^ *[0-9]+ ' || true; }
# Cores the JIT used between two jit_seconds readings $1 and $2 over $3 seconds of wall time.
jit_cores() { python3 -c "print(round(((${2:-0} or 0) - (${1:-0} or 0)) / max($3, 0.001), 2))"; }

# Warms the server up at 16 clients ($DRIVER_JAVA against $BASE, seed file $1) in rounds of
# WARMUP_ROUND s (30) until the JIT ($SERVER_PID) compiled on fewer than JIT_SETTLED cores (0.15)
# over a round, for at most $2 s. Each round runs the driver's scenarios $3... (default: the
# command mix) one after the other, sharing the round's time. A line per round on standard error;
# on standard output {seconds, limit_s, settled_below_cores, jit_cores_per_round}.
warm_until_jit_settles() {
  local seed=$1 limit=$2 round_s=${WARMUP_ROUND:-30} settled=${JIT_SETTLED:-0.15} warmed=0 cores='[]' round js jt jc scenario
  shift 2
  local scenarios=("${@:-commands}")
  while [ "$warmed" -lt "$limit" ]; do
    round=$((limit - warmed < round_s ? limit - warmed : round_s))
    js=$(jit_seconds "$SERVER_PID"); jt=$(date +%s.%N)
    for scenario in "${scenarios[@]}"; do
      $DRIVER_JAVA --base "$BASE" --seed "$seed" --scenario "$scenario" --clients 16 --warmup 0 \
          --duration "$(( (round + ${#scenarios[@]} - 1) / ${#scenarios[@]} ))" >/dev/null
    done
    warmed=$((warmed + round))
    jc=$(jit_cores "$js" "$(jit_seconds "$SERVER_PID")" "$(python3 -c "print($(date +%s.%N) - $jt)")")
    cores=$(jq -c --argjson v "$jc" '. + [$v]' <<<"$cores")
    echo "    ${warmed} s: the JIT compiled on $jc cores over the last ${round} s" >&2
    python3 -c "import sys; sys.exit(0 if $jc < $settled else 1)" && break
  done
  echo "{\"seconds\":$warmed,\"limit_s\":$limit,\"settled_below_cores\":$settled,\"jit_cores_per_round\":$cores}"
}

# Starts the bench server built by start_bench_server again, with its deployment and data as they
# are (a restart, not a fresh start), in the background; the caller waits for readiness.
# $1: the database name start_bench_server was given (the base dir is bench-postgresql either way).
spawn_bench_server() {
  local home base
  home=$(cd ear/target/wildfly-* && pwd)
  base=$(cd ear/target/bench-postgresql && pwd)
  ( cd "$home" && TANDEM_DB_URL=jdbc:postgresql://127.0.0.1:5432/$1 TANDEM_DB_USER=tandem TANDEM_DB_PASSWORD=tandem \
      JBOSS_HOME=$home setsid bin/standalone.sh -c standalone-full.xml -Djboss.server.base.dir="$base" \
      -Djboss.socket.binding.port-offset=200 </dev/null >/dev/null 2>&1 & )
}

# Stops the bench server and waits (at most 60 s) until nothing listens on port $1 any more.
stop_bench_server_and_wait() {
  stop_bench_server
  for _ in $(seq 1 120); do
    [ -z "$(listening_pid "$1")" ] && return 0
    sleep 0.5
  done
  echo "the bench server still listens on port $1" >&2
  return 1
}

# The event log and the read models' progress, through $PSQL (the caller's psql command for its
# database), shared by suite.sh and lag.sh.
position() { $PSQL -Atc "select coalesce(max(global_position), 0) from event_log"; }

# Waits until every event after position $1 has been applied by every projector that follows its
# aggregate type (at most $2 s); prints the seconds it took.
drain() {
  local from=$1 limit=$2 t0 left
  t0=$(date +%s.%N)
  for _ in $(seq 1 $((limit * 2))); do
    left=$($PSQL -Atc "select count(*) from event_log e cross join (values ('task-board'), ('project-list'), ('audit-log')) p (projector)
        where e.global_position > $from
          and (p.projector = 'audit-log' or e.aggregate_type = 'Task' or (p.projector = 'project-list' and e.aggregate_type = 'Project'))
          and not exists (select 1 from projection_checkpoint c where c.projector = p.projector
                          and c.aggregate_id = e.aggregate_id and c.aggregate_version >= e.aggregate_version)")
    [ "$left" = 0 ] && { python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')"; return 0; }
    sleep 0.5
  done
  echo "timeout ($left events unapplied)"
}

# Projection lag of the TaskCreated events in positions ($1, $2], per projector, as a JSON array of
# {projector, events, p50_ms, p99_ms, max_ms, measure, stamp_p50_ms, stamp_p99_ms, stamp_max_ms}.
# With PostgreSQL's commit timestamps on (ensure_commit_timestamps), p50/p99/max are what issue 5
# names the lag, and measure is "commit": the commit of the projector transaction that wrote the
# event's checkpoint (and, in the same transaction, its read-model rows) minus the commit of the
# command's transaction (the event_log row's), both PostgreSQL's clock. Without them, or for events
# committed before they were turned on, they fall back to the stamps and measure is "stamp".
# stamp_* is always the older measure: projection_checkpoint.updated_at (the projector's clock as it
# claims the event, before it applies and commits) minus event_log.occurred_at (the command's, as it
# appends it, before the rest of its transaction and its commit); the results before 2026-12-04
# 17:00 used only that one. With commit timestamps, the lag is also split where the projector claims
# the event (its checkpoint's updated_at): to_claim_* from the command's commit to the claim (the
# relay, the broker, the wait for a projector session), claim_to_commit_* the projector's own
# transaction from the claim to its commit.
# $3 (default 0): seconds to leave out at the window's start, counted from its first event (the
# load generator's own warm-up; see bench/README.md, "The lag window's first seconds").
lag_by_projector() {
  local skip=${3:-0}
  $PSQL -At <<SQL
create function pg_temp.ms(seconds double precision) returns numeric language sql immutable
  as \$\$ select round((seconds * 1000)::numeric, 1) \$\$;
select coalesce(json_agg(row_to_json(l) order by l.projector), '[]') from (
  select projector, count(*) as events,
         case when count(committed) = count(*) then 'commit' else 'stamp' end as measure,
         pg_temp.ms(percentile_cont(0.5) within group (order by coalesce(committed, stamped))) as p50_ms,
         pg_temp.ms(percentile_cont(0.99) within group (order by coalesce(committed, stamped))) as p99_ms,
         pg_temp.ms(max(coalesce(committed, stamped))) as max_ms,
         pg_temp.ms(percentile_cont(0.5) within group (order by stamped)) as stamp_p50_ms,
         pg_temp.ms(percentile_cont(0.99) within group (order by stamped)) as stamp_p99_ms,
         pg_temp.ms(max(stamped)) as stamp_max_ms,
         pg_temp.ms(percentile_cont(0.5) within group (order by to_claim)) as to_claim_p50_ms,
         pg_temp.ms(percentile_cont(0.99) within group (order by to_claim)) as to_claim_p99_ms,
         pg_temp.ms(percentile_cont(0.5) within group (order by claim_to_commit)) as claim_to_commit_p50_ms,
         pg_temp.ms(percentile_cont(0.99) within group (order by claim_to_commit)) as claim_to_commit_p99_ms
    from (select c.projector, extract(epoch from c.updated_at - e.occurred_at) as stamped,
                 case when current_setting('track_commit_timestamp') = 'on'
                      then extract(epoch from c.updated_at - pg_xact_commit_timestamp(e.xmin)) end as to_claim,
                 case when current_setting('track_commit_timestamp') = 'on'
                      then extract(epoch from pg_xact_commit_timestamp(c.xmin) - c.updated_at) end as claim_to_commit,
                 -- pg_xact_commit_timestamp raises an error while track_commit_timestamp is off
                 case when current_setting('track_commit_timestamp') = 'on'
                      then extract(epoch from pg_xact_commit_timestamp(c.xmin) - pg_xact_commit_timestamp(e.xmin)) end as committed
            from event_log e join projection_checkpoint c on c.aggregate_id = e.aggregate_id and c.aggregate_version = e.aggregate_version
           where e.global_position > $1 and e.global_position <= $2 and e.event_type = 'TaskCreated'
             and c.projector in ('task-board', 'project-list', 'audit-log')
             and e.occurred_at >= (select min(occurred_at) from event_log where global_position > $1) + make_interval(secs => $skip)) x
   group by projector) l
SQL
}

# Seeds $2 tasks in bulk, as postgres through $PSQL, spread evenly over the projects of $1 (the
# tab-separated file bench/suite-seed.py wrote), after one task made through the API at $BASE;
# writes $4 tasks picked at random (kind, tenant, API key, task id) to $3. The seeded tasks count as
# created, published and applied long ago: their events have no outbox rows, the read models none.
seed_bulk_tasks() {
  local projects=$1 tasks=$2 sample_out=$3 sample=$4 n_projects first_project first_key api_event api_task expected
  n_projects=$(wc -l <"$projects")
  # One task through the API first: the bulk rows below copy the shape the product writes (and the
  # check compares them with it), and this task is a real one among the seeded.
  first_project=$(head -n 1 "$projects" | cut -f4)
  first_key=$(head -n 1 "$projects" | cut -f3)
  curl -sfS -o /dev/null -X POST "$BASE/api/projects/$first_project/tasks" -H "Authorization: Bearer $first_key" \
      -H 'Content-Type: application/json' -d '{"title":"Seeded task 0"}'

  local ids=${SEED_IDS:-v7}
  case $ids in v7|v4) ;; *) echo "SEED_IDS must be v7 or v4" >&2; return 2 ;; esac
  $PSQL <<SQL
-- The seeded ids are made as the product makes them (TimeOrderedIds, ADR 0011): version 7, the
-- row's time in milliseconds over the first 48 bits of a random id, the version nibble 4 -> 7
-- (set_bit numbers bits from the right of each byte: 52 and 53 are the nibble's two low bits).
-- SEED_IDS=v4 keeps them random, as the ids of data written before that change.
create function pg_temp.seed_id(at timestamptz) returns uuid language sql volatile as \$\$
  select case when '$ids' = 'v4' then gen_random_uuid()
    else encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
           placing substring(int8send((extract(epoch from at) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1),
         'hex')::uuid end
\$\$;
create temporary table seed_project (kind text, tenant_id uuid, api_key text, project_id uuid, api_key_id uuid);
\copy seed_project from '$projects'
-- Task n goes to project (n - 1) mod PROJECTS: every project gets TASKS / PROJECTS tasks.
create temporary table seed_task as
  select pg_temp.seed_id(now() - interval '1 day' + s.n * interval '1 millisecond') as id, p.tenant_id,
         p.project_id, p.api_key_id, s.n, now() - interval '1 day' + s.n * interval '1 millisecond' as at
    from generate_series(1, $tasks) s (n)
    join (select *, row_number() over (order by project_id) - 1 as idx from seed_project) p
      on p.idx = (s.n - 1) % $n_projects;
-- The write model: what CreateTaskHandler persists (status is the enum's name, priority its wire form).
insert into tracker_task (id, tenant_id, project_id, title, description, status, version, created_at, priority)
  select id, tenant_id, project_id, 'Seeded task ' || n, null, 'TODO', 1, at, 'normal' from seed_task order by n;
-- The log: TaskCreated schema 2, the payload as EventJson writes it (Yasson: keys in lexicographic
-- order, null description left out), command and correlation id equal as for a fresh command, the
-- actor as an API key writes it. No outbox rows: the events count as published long ago.
insert into event_log (event_id, tenant_id, aggregate_type, aggregate_id, aggregate_version, event_type, schema_version,
                       payload, command_id, correlation_id, actor, faults, occurred_at)
  select pg_temp.seed_id(at), tenant_id, 'Task', id, 1, 'TaskCreated', 2,
         '{"priority":"normal","projectId":"' || project_id || '","status":"todo","taskId":"' || id
           || '","title":"Seeded task ' || n || '"}',
         command_id, command_id, 'apikey:' || api_key_id, null, at
    from (select *, pg_temp.seed_id(at) as command_id from seed_task) s order by n;
\copy (select 'task', t.tenant_id, p.api_key, t.id from seed_task t join seed_project p on p.project_id = t.project_id order by random() limit $sample) to '$sample_out'
SQL
  $PSQL -c "analyze tracker_task" -c "analyze event_log" -c "analyze tracker_project"
  # The bulk payload must be the one the product writes: compare the API-made task's event with the
  # text the seed would have produced for it.
  api_event=$($PSQL -Atc "select payload from event_log where event_type = 'TaskCreated' and payload like '%Seeded task 0\"}'")
  api_task=$($PSQL -Atc "select id || ' ' || project_id from tracker_task where title = 'Seeded task 0'")
  expected="{\"priority\":\"normal\",\"projectId\":\"${api_task#* }\",\"status\":\"todo\",\"taskId\":\"${api_task% *}\",\"title\":\"Seeded task 0\"}"
  if [ "$api_event" != "$expected" ]; then
    echo "the product's TaskCreated payload changed shape; the bulk seed must follow it:" >&2
    echo "  product: $api_event" >&2
    echo "  seed:    $expected" >&2
    return 1
  fi
}

# Rebuilds projector $1 for all tenants through the admin API at $BASE with the header $OPERATOR and
# waits for it; prints the finished rebuild's JSON with the wall clock (request to done) added.
rebuild() {
  local name=$1 t0 state v
  t0=$(date +%s.%N)
  curl -sfS -o /dev/null -X POST "$BASE/api/admin/projections/$name/rebuild" -H "$OPERATOR" -H 'Content-Type: application/json'
  while true; do
    v=$(curl -sfS "$BASE/api/admin/projections/$name/rebuild" -H "$OPERATOR")
    state=$(jq -r .state <<<"$v")
    [ "$state" = done ] && break
    [ "$state" = failed ] && { echo "rebuild of $name failed: $v" >&2; return 1; }
    sleep 0.5
  done
  jq -c --argjson wall "$(python3 -c "print(f'{$(date +%s.%N) - $t0:.2f}')")" \
      '. + {wall_s: $wall, wall_events_per_s: (if $wall > 0 then (.done / $wall) else null end)}' <<<"$v"
}
