#!/usr/bin/env bash
# make bench: compiles the benchmark (test scope, JMH annotation processing), then runs BenchMain
# with the test classpath. Arguments: the parts to run (analysis what-if audit audit-yaml operator registry; default all).
set -euo pipefail
cd "$(dirname "$0")/.."
MVN=${MVN:-mvn -B -ntp}
$MVN -q test-compile
$MVN -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
mkdir -p target/bench
exec java -Xmx6g -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.haguard.bench.BenchMain "$@"
