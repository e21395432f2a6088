#!/usr/bin/env bash
# Crash safety under load, with more kills than the normal suite: runs only KillDuringLoadIT (kill -9
# of WildFly under a steady command load, then acknowledged commands vs the event log, and read
# models vs a fold of the event log) against the server the build starts for the integration tests.
#
#   bench/chaos.sh                      # embedded H2, 10 kills
#   KILLS=20 DB=postgresql bench/chaos.sh
#
# The build passes -Dtandem.chaos.kills on to the test JVM (failsafe forwards user properties given
# on the command line). Keeps the figures line, dated and with the machine described, in bench/results/;
# the acknowledged commands, event stream and differences of the run stay in ear/target/chaos-*.
# Exits with the build's status: unlike the other benchmarks this one also passes or fails.
set -uo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
KILLS=${KILLS:-10}
DB=${DB:-h2}
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
out=bench/results/chaos-$DB-$stamp.txt
log=$(mktemp /tmp/tandem-chaos-XXXXXX.log)
mkdir -p bench/results

if [ "$DB" = postgresql ]; then
  ensure_postgres || exit 1
  recreate_database tandem_chaos || exit 1
  export TANDEM_DB_URL=jdbc:postgresql://127.0.0.1:5432/tandem_chaos TANDEM_DB_USER=tandem TANDEM_DB_PASSWORD=tandem
fi

echo "KillDuringLoadIT with $KILLS kills on $DB (build log: $log)…"
started=$(date +%s)
mvn -B verify -Dtandem.db="$DB" -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=KillDuringLoadIT -Dtandem.chaos.kills="$KILLS" >"$log" 2>&1
status=$?

{
  echo "# KillDuringLoadIT, $KILLS kills, $DB ($stamp)"
  echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -n 1)"
  grep '^chaos:' "$log" || echo "no figures: the test did not get that far"
  sed -n 's/^\[\(INFO\|ERROR\)\] Tests run: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*Time elapsed: \(.*\) -- in .*KillDuringLoadIT/# tests \2, failures \3, errors \4, test time \5/p' "$log"
  echo "# build: exit $status after $(( $(date +%s) - started )) s"
} | tee "$out"
if [ $status -ne 0 ]; then
  sed -n '/Multiple Failures\|<<< FAILURE\|<<< ERROR/,/^\[INFO\] Results/p' "$log" | head -n 60
fi
echo "results: $out"
exit $status
