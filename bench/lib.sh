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
