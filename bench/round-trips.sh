#!/usr/bin/env bash
# The statements one create-task costs on PostgreSQL, end to end, from PostgreSQL's own log.
#
#   bench/round-trips.sh             # builds and starts the bench server on a fresh database (about 3 minutes)
#   WARM=50 bench/round-trips.sh     # creates before the one logged (default 20)
#
# Steps: PostgreSQL up, database tandem_trips recreated; the bench server built and started on it;
# a tenant, a project and WARM tasks through the API, until the read models hold them; then
# log_statement = all for the whole cluster (ALTER SYSTEM and a reload, so that the pool's open
# connections log too; reset on exit), one more create, and the log until the three projectors
# that follow a task's events (task-board, project-list, audit-log) have claimed it. The statements
# are grouped by server process and transaction and sorted by what the transaction did: the
# command, the relay's publication, each projector, and the rest (the relay's idle polls every
# 250 ms, readiness checks); only the server's role (tandem) is counted. pgjdbc sends BEGIN with the transaction's first statement, so BEGIN
# is not counted as a round trip.
# Writes bench/results/round-trips-<stamp>.txt. Stops only the server it started.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

WARM=${WARM:-20}
DB=tandem_trips
PORT=8280
BASE=http://127.0.0.1:$PORT
LOG=${PG_LOG:-/var/log/postgresql/postgresql-$(ls /etc/postgresql | head -n 1)-main.log}
PSQL="psql -q -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres"
stamp=$(date -u +%Y-%m-%dT%H%MZ)
out=bench/results/round-trips-$stamp.txt
mkdir -p bench/results

for p in $PORT 10190; do
  if [ -n "$(ss -Hltn "sport = :$p")" ]; then echo "port $p is taken: another server runs" >&2; exit 1; fi
done
[ -r "$LOG" ] || { echo "cannot read PostgreSQL's log $LOG (set PG_LOG)" >&2; exit 1; }
ensure_postgres
recreate_database $DB
export_load_settings round-trips
logging_off() { $PSQL -d postgres -c "alter system reset log_statement" -c "select pg_reload_conf()" >/dev/null || true; }
start_bench_server $DB
trap 'logging_off; stop_bench_server' EXIT

signup=$(curl -sf -X POST $BASE/api/tenants -H 'Content-Type: application/json' \
    -d '{"name":"Round trips","adminEmail":"trips@example.test"}')
AUTH="Authorization: Bearer $(json "['apiKey']" <<<"$signup")"
project=$(curl -sf -X POST $BASE/api/projects -H "$AUTH" -H 'Content-Type: application/json' \
    -d '{"name":"Round trips","key":"TRIP"}' | json "['id']")
create() {
  curl -sf -o /dev/null -X POST "$BASE/api/projects/$project/tasks" -H "$AUTH" -H 'Content-Type: application/json' \
      -d "{\"title\":\"$1\"}"
}
# Waits (at most 30 s) until the three projectors have claimed everything up to the log's end.
settled() {
  local pos
  pos=$($PSQL -d $DB -c "select max(global_position) from event_log")
  for _ in $(seq 1 300); do
    [ "$($PSQL -d $DB -c "select count(distinct projector) from projection_checkpoint
        where projector in ('task-board', 'project-list', 'audit-log') and global_position >= $pos")" = 3 ] && return 0
    sleep 0.1
  done
  echo "the projectors did not claim position $pos within 30 s" >&2
  return 1
}
for i in $(seq 1 "$WARM"); do create "warm-up $i"; done
settled

from=$(wc -l <"$LOG")
$PSQL -d postgres -c "alter system set log_statement = 'all'" -c "select pg_reload_conf()" >/dev/null
sleep 1   # the reload reaches every backend at its next command; a statement before that would go unlogged
create "the one logged"
settled
logging_off
tail -n +"$((from + 1))" "$LOG" >"$out.log"

python3 - "$out.log" "$DB" "$stamp" "$WARM" "$(git rev-parse --short HEAD 2>/dev/null || echo '?')" >"$out" <<'PY'
import re, sys
from collections import OrderedDict
path, db, stamp, warm, rev = sys.argv[1:]
line = re.compile(r'^(\S+ \S+) \S+ \[(\d+)\] (\S*)@(\S*) LOG:  (?:execute|statement)[^:]*: (.*)$')
by_pid = OrderedDict()
last = None
for raw in open(path, encoding='latin-1'):
    raw = raw.rstrip('\n')
    if raw.startswith('\t') and last is not None:
        # A statement's next line (SQL written over several lines): the log prints it as is.
        pid, i = last
        ts, sql = by_pid[pid][i]
        by_pid[pid][i] = (ts, sql + ' ' + raw.strip())
        continue
    m = line.match(raw)
    if not m or m.group(4) != db or m.group(3) != 'tandem':
        last = None
        continue
    ts, pid, _, _, sql = m.groups()
    by_pid.setdefault(pid, []).append((ts, sql))
    last = (pid, len(by_pid[pid]) - 1)
# A transaction: BEGIN … COMMIT/ROLLBACK on one backend; a statement outside one is its own.
txs = []
for pid, stmts in by_pid.items():
    cur = None
    for ts, sql in stmts:
        s = sql.strip()
        if s == 'BEGIN':
            cur = [(ts, pid, s)]
            continue
        if cur is not None:
            cur.append((ts, pid, s))
            if s in ('COMMIT', 'ROLLBACK'):
                txs.append(cur)
                cur = None
        else:
            txs.append([(ts, pid, s)])
    if cur:
        txs.append(cur)
# The relay reads and deletes outside a transaction, on whichever pooled connection it gets: the
# last read before a delete found the event, and belongs with the delete after its publication.
txs.sort(key=lambda tx: tx[0][0])
is_read = lambda tx: len(tx) == 1 and 'from event_outbox' in tx[0][2].lower() and not tx[0][2].lower().startswith('delete')
for i, tx in enumerate(txs):
    if len(tx) == 1 and tx[0][2].lower().startswith('delete from event_outbox'):
        reads = [j for j in range(i) if is_read(txs[j])]
        if reads:
            txs[i] = txs[reads[-1]] + tx
            txs[reads[-1]] = []
txs = [tx for tx in txs if tx]
def kind(tx):
    text = ' '.join(s for _, _, s in tx).lower()
    if 'insert into tracker_task' in text:
        return 'command'
    if 'merge into projection_checkpoint' in text or 'insert into projection_checkpoint' in text:
        for table, name in (('task_board', 'projector task-board'), ('project_list', 'projector project-list'),
                            ('tenant_audit_log', 'projector audit-log')):
            if table in text:
                return name
        return 'projector (other)'
    if 'delete from event_outbox' in text:
        return 'relay publication'
    if 'event_outbox' in text:
        return 'relay poll (idle or before the publication)'
    return 'other'
trips = lambda tx: sum(1 for _, _, s in tx if s != 'BEGIN')
# Only a round trip of its own: a projector's claim may carry the setting along (then it is not counted).
tenant = lambda tx: sum(1 for _, _, s in tx if s.startswith("select set_config('tandem.tenant'"))
order = ['command', 'relay publication', 'projector task-board', 'projector project-list', 'projector audit-log',
         'projector (other)', 'relay poll (idle or before the publication)', 'other']
summary = OrderedDict((k, [0, 0, 0]) for k in order)
for tx in txs:
    k = kind(tx)
    summary[k][0] += 1
    summary[k][1] += trips(tx)
    summary[k][2] += tenant(tx)
print(f"# The statements one create-task costs on PostgreSQL, end to end ({stamp}, bench/round-trips.sh, code {rev})")
print(f"# A bench-profile server on a fresh database, {warm} creates to warm up, then log_statement = all and one create,")
print(f"# until task-board, project-list and audit-log claimed it. Round trips exclude BEGIN (pgjdbc sends it with the")
print(f"# transaction's first statement). The last column counts round trips that only set tandem.tenant.")
print("#")
print(f"# {'transactions of':<46} {'count':>5} {'round trips':>11} {'of them tandem.tenant':>21}")
counted = 0
for k, (n, t, s) in summary.items():
    if n:
        print(f"# {k:<46} {n:>5} {t:>11} {s:>21}")
    if not k.startswith('relay poll') and k != 'other':
        counted += t
print(f"# per task (command, relay publication, projectors): {counted} round trips")
print()
for tx in txs:
    print(f"--- {kind(tx)}")
    for ts, pid, s in tx:
        print(f"{ts[11:23]} [{pid}] {s[:150]}")
PY
rm -f "$out.log"
cat "$out" | sed -n '1,20p'
echo "written: $out"
