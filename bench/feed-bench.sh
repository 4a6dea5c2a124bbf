#!/usr/bin/env bash
# The fleet-wide quarantine feed's cost per build (docs/scale.md): bench/FeedBench.java publishes feeds of N entries
# with Airlock's publisher, serves them over HTTP on 127.0.0.1 and reads them as the extension does at session start,
# without and with the cache. A benchmark, not a test: it prints requests, bytes and milliseconds.
#
#   bench/feed-bench.sh [N ...]      # default 10 1000 100000
#
# Needs JDK 17 and the dependencies in the local repository (it runs Maven offline; drop -o once if they are not).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
cd "$ROOT"
mvn -B -q -o -pl attestation-verify compile dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile=target/feed-bench.classpath
exec java -Xmx2g -cp "attestation-verify/target/classes:$(cat attestation-verify/target/feed-bench.classpath)" \
  "$HERE/FeedBench.java" "$@"
