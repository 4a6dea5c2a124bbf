#!/usr/bin/env bash
# verifySbom benchmark (not a test): hashing time against `openssl dgst -sha256` over the same files, the fixed
# start-up (JVM start; the first run's excess over a warm run, shown to be the same for half of the files and for
# all), and the parse time of a 3,000-entry SBOM in each format. Every ratio is measured in one run.
#
#   bench/sbom-bench.sh            (from the project root; builds attestation-verify's test classes offline first)
#
# Environment (optional):
#   BENCH_WORK   work directory (default: ${TMPDIR:-/tmp}/airlock-sbom-bench); about 150 MB of generated files
#   FILES        number of generated artifact files (default 1200; at least 1000)
#   MVN_OFFLINE  "-o" (default) or "" to let Maven download missing build dependencies
# Needs: JDK 17+, Maven, openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/airlock-sbom-bench}
FILES=${FILES:-1200}
MVN_OFFLINE=${MVN_OFFLINE--o}
mkdir -p "$WORK"

mvn -B -q $MVN_OFFLINE -pl attestation-verify test-compile dependency:build-classpath \
    -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test >"$WORK/build.log" 2>&1 \
    || { cat "$WORK/build.log"; exit 1; }
CP="attestation-verify/target/test-classes:attestation-verify/target/classes:$(cat "$WORK/classpath.txt")"
bench() { java ${JAVA_OPTS_BENCH:-} -cp "$CP" dev.airlock.verify.bench.SbomBench "$@" 2>&1 | grep -v '^SLF4J'; }

echo "== load average before: $(cut -d" " -f1-3 /proc/loadavg)"
echo "== machine: $(nproc) CPUs, $(java -version 2>&1 | head -1), $(openssl version)"
if [ ! -f "$WORK/files.cdx.json" ] || [ "$(find "$WORK/repo" -type f | wc -l)" -ne "$FILES" ]; then
    rm -rf "$WORK/repo"
    echo "== generate"
    bench generate "$WORK" "$FILES"
fi

echo "== fixed start-up (fresh JVM, 3 runs)"
for i in 1 2 3; do
    s=$(date +%s%N); bench startup; e=$(date +%s%N)
    echo "   wall clock of the whole JVM run: $(( (e - s) / 1000000 )) ms"
done

echo "== hashing (one JVM: the first run, warm-up rounds, then openssl / verifySbom pairs, then a cached run)"
bench hash "$WORK"
echo "== the same in 2 more fresh JVMs (the JIT's outcome varies from JVM to JVM; compare the medians)"
for i in 1 2; do
    bench hash "$WORK" | grep -E 'first run|verifySbom \(SHA|CPU of|ratio verifySbom / openssl|fixed start-up'
done
echo "== is the start-up fixed? fresh JVMs over half of the files and over all of them (3 pairs each; with half of"
echo "   the files the other half of the SBOM is reported as not resolved, so only the start-up is compared)"
for n in $((FILES / 2)) "$FILES" $((FILES / 2)) "$FILES"; do
    JAVA_OPTS_BENCH=-Dbench.pairs=3 bench hash "$WORK" "$n" | grep -E '^[0-9]+ files|first run|fixed start-up'
done

echo "== parsing a 3,000-entry SBOM: each format in 3 fresh JVMs (first parse = cold, incl. class loading)"
for f in sbom-3000.cdx.json sbom-3000.cdx.xml sbom-3000.spdx.json sbom-3000.spdx3.jsonld; do
    for i in 1 2 3; do bench parse "$WORK/$f" 5; done
done
echo "== the same after SbomParser.warmUp() in a fresh JVM (class loading paid up front, as a rule can do in the"
echo "   background while it resolves the build plugins)"
for f in sbom-3000.cdx.json sbom-3000.cdx.xml sbom-3000.spdx.json sbom-3000.spdx3.jsonld; do
    bench parse-warmed "$WORK/$f"
done
echo "== load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)"
