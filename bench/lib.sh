# Shared by the benchmark scripts: PostgreSQL, a fresh database, and a Tandem server of their own.
# Source it from the repository root: . bench/lib.sh

# Starts the machine's PostgreSQL if it is down (the command the env entry gives).
ensure_postgres() {
  pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -q && return 0; sleep 1; done
  echo "PostgreSQL did not come up" >&2
  return 1
}

# Drops and creates database $1, owned by the role tandem (created if missing).
recreate_database() {
  psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres <<SQL
SELECT 'create role tandem login password ''tandem''' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tandem')\gexec
DROP DATABASE IF EXISTS $1 WITH (FORCE);
CREATE DATABASE $1 OWNER tandem;
SQL
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
# {projector, events, p50_ms, p99_ms, max_ms}: projection_checkpoint.updated_at (the projector's
# clock as it claims the event) minus event_log.occurred_at (the command's, as it appends it).
lag_by_projector() {
  $PSQL -At <<SQL
select coalesce(json_agg(row_to_json(l) order by l.projector), '[]') from (
  select c.projector, count(*) as events,
         round((percentile_cont(0.5) within group (order by extract(epoch from c.updated_at - e.occurred_at)) * 1000)::numeric, 1) as p50_ms,
         round((percentile_cont(0.99) within group (order by extract(epoch from c.updated_at - e.occurred_at)) * 1000)::numeric, 1) as p99_ms,
         round((max(extract(epoch from c.updated_at - e.occurred_at)) * 1000)::numeric, 1) as max_ms
    from event_log e join projection_checkpoint c on c.aggregate_id = e.aggregate_id and c.aggregate_version = e.aggregate_version
   where e.global_position > $1 and e.global_position <= $2 and e.event_type = 'TaskCreated'
     and c.projector in ('task-board', 'project-list', 'audit-log')
   group by c.projector) l
SQL
}
