#!/usr/bin/env bash
# Offline signature and provenance verification speed (dev.airlock.verify.bench.SignatureBench): the set-up once
# per build, then the time per verification over >= 300 real Sigstore bundles and >= 300 real SLSA provenance files
# from fixtures/. A benchmark, not a test: it prints figures (docs/signatures-sigstore.md, "Figures").
#
#   bench/signature-bench.sh [COUNT]      # COUNT verifications of each kind, default 600 (at least 300)
#
# Needs JDK 17 and the dependencies in the local repository (it runs Maven offline; drop -o once if they are not).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
COUNT=${1:-600}
FIXTURES=${AIRLOCK_FIXTURES:-$ROOT/fixtures}
[ -d "$FIXTURES" ] || { echo "fixtures not found at $FIXTURES (set AIRLOCK_FIXTURES)" >&2; exit 2; }
cd "$ROOT"
mvn -B -q -o -pl attestation-verify test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
CP="attestation-verify/target/test-classes:attestation-verify/target/classes:$(cat attestation-verify/target/bench.classpath)"
exec java -cp "$CP" dev.airlock.verify.bench.SignatureBench "$FIXTURES" "$COUNT"
