#!/usr/bin/env bash
# Builds the project and runs every benchmark of docs/performance.md in one go, then prints how
# long it took. B1-B3, P1 and S1 (HostDataBenchmarks, at 1,000,000 and 4,000,000 rows per table)
# need PostgreSQL on 127.0.0.1:5432 (user postgres, database test):
# this script starts the local cluster if it is down. Nothing here runs during ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
echo "benchmarks/run.sh started $(date -u +%FT%TZ), load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE test"

./mvnw -B -q -pl benchmarks -am package -DskipTests

# B1-B3, P1, S1: the JDBC adapter against plain SQL on PostgreSQL at both sizes, in a 64 MiB heap
# (B1 requires it).
java -Xmx64m -cp benchmarks/target/benchmarks.jar dev.custodian.benchmarks.HostDataBenchmarks 127.0.0.1:5432

# B5: whole-partition sweeps of a partitioned call_log (4,000,000 rows) against DELETE + VACUUM.
java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.custodian.benchmarks.B5PartitionBenchmark 127.0.0.1:5432

# B4: the retention classifier (JMH).
java -Djmh.ignoreLock=true -cp benchmarks/target/benchmarks.jar dev.custodian.benchmarks.B4ClassifyBenchmark

echo "benchmarks/run.sh took $((SECONDS - started)) s ($(( (SECONDS - started) / 60 )) min), load average now $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
