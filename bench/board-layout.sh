#!/usr/bin/env bash
# The board from its read model, uncached, against B3's join of the write model, with task_board
# indexed two ways, switched on the same data and alternated ROUNDS times (same server, same seed,
# same hour), on PostgreSQL:
#   narrow    (tenant_id, project_id, status, created_at), the index before V3_2
#   covering  (tenant_id, project_id, status, created_at, task_id) include (title, priority, version),
#             what V3_2__board_cards_index.sql makes
# A project's tasks are created among every other project's, so its rows lie on as many heap pages
# as it has tasks: the narrow index leaves the board to read them all, twice (count, then cards).
#
#   bench/board-layout.sh                                # 100 tenants, 1,000 projects, 1,000,000 tasks
#   PROJECTS=100 TASKS=100000 ROUNDS=2 bench/board-layout.sh
#
# Prints one line per run and a table of medians; writes bench/results/board-layout-<stamp>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

TENANTS=${TENANTS:-100}
PROJECTS=${PROJECTS:-1000}
TASKS=${TASKS:-1000000}
ROUNDS=${ROUNDS:-3}
CLIENTS=${CLIENTS:-64}
DURATION=${DURATION:-20}      # seconds per measured run
WARMUP=${WARMUP:-10}          # seconds of warm-up inside each run
FIRST_WARMUP=${FIRST_WARMUP:-90}  # seconds of each query before the first round (the JIT)
DB=tandem_board
PORT=8280
BASE=http://127.0.0.1:$PORT
PSQL="psql -q -X -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d $DB"
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
work=$(mktemp -d /tmp/tandem-board-XXXXXX)
SEED=$work/seed.tsv
RUNS=$work/runs.jsonl
: >"$RUNS"
mkdir -p bench/results
out=bench/results/board-layout-$stamp.txt
t_start=$(date +%s)
step() { printf '[%4ds] %s\n' "$(( $(date +%s) - t_start ))" "$*" | tee -a "$work/progress.txt"; }
command -v jq >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }
[ -z "$(listening_pid $PORT)" ] || { echo "port $PORT is in use; stop that server first" >&2; exit 1; }

step "PostgreSQL and a fresh database $DB"
ensure_postgres
recreate_database $DB
build_driver "$work"
export_load_settings board
OPERATOR="Authorization: Bearer $TANDEM_OPERATOR_KEY"
rm -rf modules/api/target/tandem-api-*/
step "building Tandem and starting it on PostgreSQL (bench profile, with the baselines' WAR)"
start_bench_server $DB >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; exit 1; }
for _ in $(seq 1 1800); do curl -sf -o /dev/null "$BASE/baseline/ping" && break; sleep 0.1; done
SERVER_PID=$(listening_pid $PORT)

step "seeding $TENANTS tenants and $PROJECTS projects through the API, $TASKS tasks in bulk"
python3 bench/suite-seed.py "$BASE" "$TANDEM_OPERATOR_KEY" "$TENANTS" "$PROJECTS" "$work/projects.tsv" >/dev/null
cp "$work/projects.tsv" "$SEED"
seed_bulk_tasks "$work/projects.tsv" "$TASKS" "$work/tasks.tsv" 100
step "filling the read models from the event log (rebuild task-board, project-list)"
rebuild task-board >/dev/null
# The second rebuild is timed (the first warms the JIT up): it builds the live table's indexes on
# its twin and vacuums it before the swap, inside its measured time.
rebuilt=$(rebuild task-board)
step "  $(jq -r '"rebuild of task-board, measured: \(.done) events, \(.eventsPerSecond) events/s (server), \(.wall_s) s wall"' <<<"$rebuilt")"
rebuild project-list >/dev/null

# Switches task_board to layout $1 and leaves the table vacuumed and analysed either way, so that
# both layouts are read with the same visibility map and fresh statistics.
layout() {
  case $1 in
    narrow) $PSQL -c "drop index if exists task_board_cards" \
                  -c "create index if not exists task_board_project_status on task_board (tenant_id, project_id, status, created_at)" ;;
    covering) $PSQL -c "drop index if exists task_board_project_status" \
                    -c "create index if not exists task_board_cards on task_board (tenant_id, project_id, status, created_at, task_id) include (title, priority, version)" ;;
  esac
  $PSQL -c "vacuum analyze task_board"
}

# Runs the driver on scenario $2 (label $1) with the server's and PostgreSQL's CPU over the run.
hz=$(getconf CLK_TCK)
drive() { # label scenario [driver options…]
  local label=$1 scenario=$2 s0 p0 t0 line
  shift 2
  s0=$(process_ticks "$SERVER_PID"); p0=$(postgres_ticks); t0=$(date +%s.%N)
  line=$($DRIVER_JAVA --base "$BASE" --seed "$SEED" --scenario "$scenario" --clients "$CLIENTS" \
      --warmup "$WARMUP" --duration "$DURATION" --label "$label" "$@")
  line=$(jq -c --argjson s "$(python3 -c "print(round(($(process_ticks "$SERVER_PID") - $s0) / $hz / ($(date +%s.%N) - $t0), 2))")" \
      --argjson p "$(python3 -c "print(round(($(postgres_ticks) - $p0) / $hz / ($(date +%s.%N) - $t0), 2))")" \
      '. + {server_cores: $s, postgres_cores: $p}' <<<"$line")
  echo "$line" >>"$RUNS"
  step "  $(jq -r '"\(.label): \(.rps) req/s, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, status \(.status|tostring), errors \(.errors); cores server \(.server_cores) postgres \(.postgres_cores)"' <<<"$line")"
}
uncached=(--header 'Cache-Control: no-cache')

step "warm-up: ${FIRST_WARMUP} s of each query (uncached board, B3 board) before the first round"
layout narrow
$DRIVER_JAVA --base "$BASE" --seed "$SEED" --scenario board --clients 16 --warmup 0 --duration "$FIRST_WARMUP" "${uncached[@]}" >/dev/null
$DRIVER_JAVA --base "$BASE" --seed "$SEED" --scenario b3-board --clients 16 --warmup 0 --duration "$FIRST_WARMUP" >/dev/null

for r in $(seq 1 "$ROUNDS"); do
  # The layouts take turns going first.
  if [ $((r % 2)) = 1 ]; then order="narrow covering"; else order="covering narrow"; fi
  for l in $order; do
    step "round $r, layout $l"
    layout "$l"
    drive "board-$l-r$r" board "${uncached[@]}"
    drive "b3-$l-r$r" b3-board
  done
done

{
  echo "# board-layout.sh $stamp: uncached board (Cache-Control: no-cache) against B3's join, $CLIENTS clients"
  echo "# code $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- modules ear wildfly-config pom.xml || echo ' + uncommitted changes')," \
       "$TENANTS tenants, $PROJECTS projects, $TASKS tasks; $ROUNDS rounds of ${DURATION} s runs (${WARMUP} s warm-up each)"
  echo "# $(jq -r '"rebuild of task-board (the second, measured): \(.done) events, \(.eventsPerSecond) events/s (server), \(.wall_s) s wall"' <<<"$rebuilt")"
  echo "# machine: $(nproc) cores, $(uname -sr); load before the table $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "#"
  echo "# every run:"
  jq -r '"#   \(.label): \(.rps) req/s, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms, errors \(.errors), server \(.server_cores) / postgres \(.postgres_cores) cores"' "$RUNS"
  echo
  jq -rs '
    def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    def of($p): map(select(.label | startswith($p)));
    def row($name; $b; $q): "| \($name) | \($b | map(.rps) | median | round) | \($b | map(.p50_ms) | median) / \($b | map(.p99_ms) | median) |"
      + " \($q | map(.rps) | median | round) | \([range(0; $b | length)] | map($b[.].rps / $q[.].rps) | median * 100 | round / 100) |"
      + " \($b | map(.postgres_cores * 1000 / .rps) | median * 100 | round / 100) ms |";
    "| layout | board req/s (median) | board p50 / p99 ms | B3 join req/s | board / B3 (median of rounds) | PostgreSQL CPU per board |",
    "|---|---|---|---|---|---|",
    row("narrow"; of("board-narrow"); of("b3-narrow")),
    row("covering"; of("board-covering"); of("b3-covering"))' "$RUNS"
} >"$out"
cat "$out"
step "written to $out"
