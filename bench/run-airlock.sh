#!/usr/bin/env bash
# Airlock's overhead on a real Maven build, served from a logging loopback mirror: the same workload and method as
# the baseline benchmark of the peer tools (serve-repo.py is that benchmark's server, copied here).
#
#   bench/run-airlock.sh CHECKOUT        # CHECKOUT = a spring-petclinic working copy (commit edf4db28)
#
# Scenarios, timed in alternating runs (A B A B ...), ratios taken pair by pair:
#   plain         Maven 3.9.16 with a settings.xml <mirror> (mirrorOf *) to the loopback mirror
#   airlock       Maven 3.9.16 with the Airlock extension installed at installation level (lib/ext) and
#                 .mvn/airlock.properties naming the loopback mirror; no settings.xml mirror   (A vs plain)
#   airlock-lock  the same, every artifact checked against a lock recorded in "prepare"      (A vs airlock)
#   suite         everything on (A vs plain): the extension, the lock, and the enforcer rules verifySbom (the SBOM
#                 record wrote), verifySignatures and verifyProvenance, under the trust policy and keyring that the
#                 propose goal proposed and that step "trust" accepts as they are; every jar of the seed carries an
#                 OpenPGP signature that is really verified (made for the benchmark with a generated key: the real
#                 publishers' keys cannot be fetched here; see docs/benchmark.md)
# Modes: cold (a new, empty local repository per run) and warm (one pre-filled local repository).
#
# Environment (all optional): BENCH_WORK (default ${TMPDIR:-/tmp}/airlock-bench), BENCH_PORT (18090),
#   RUNS / WARMUP (5 / 1), MODES ("cold warm"), SCENARIOS ("airlock" or "plain" for the A/A noise floor),
#   STEPS ("seed prepare count bench"; also "hash", and "trust" for the suite), BUILD_GOALS, AIRLOCK_PROPS (extra
#   lines for airlock.properties),
#   AIRLOCK_BUILD_REPO (the local repository Airlock was installed into; default ~/.m2/repository).
# Needs: Airlock built and installed (mvn -B install -DskipTests: the jars under */target go to lib/ext, the
# plugin and its dependencies in the local repository are served by the mirror for "record"), JDK 17, python3,
# GNU time; network to Maven Central for the seed step, and for a few POMs in the prepare step.
set -euo pipefail

[ $# -ge 1 ] && [ -f "$1/pom.xml" ] || { echo "usage: $0 CHECKOUT" >&2; exit 2; }
CHECKOUT=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/airlock-bench}
PORT=${BENCH_PORT:-18090}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
MODES=${MODES:-"cold warm"}
SCENARIOS=${SCENARIOS:-"airlock"}
STEPS=${STEPS:-"seed prepare count bench"}
BUILD_GOALS=${BUILD_GOALS:-"verify -Dtest=VetTests -Dsurefire.failIfNoSpecifiedTests=false"}
MAVEN_VERSION=3.9.16
MIRROR_ID=bench-mirror
TIME_BIN=${TIME_BIN:-$(type -P time)}
AIRLOCK_BUILD_REPO=${AIRLOCK_BUILD_REPO:-$HOME/.m2/repository}   # where "mvn install" put Airlock

mkdir -p "$WORK"/{dist,logs,results,cold,bin}
WORK=$(cd "$WORK" && pwd)
SEED="$WORK/seed-repo"; WARM="$WORK/warm-repo"; RESULTS="$WORK/results"; LOG="$WORK/requests.log"
has_step() { case " $STEPS " in *" $1 "*) return 0;; esac; return 1; }
say() { printf '\n== %s\n' "$*"; }

# --- the two Maven installations -------------------------------------------------
PLAIN_HOME="$WORK/apache-maven-$MAVEN_VERSION"
if [ ! -x "$PLAIN_HOME/bin/mvn" ]; then
    say "fetching Maven $MAVEN_VERSION (a Maven artifact)"
    mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
        "-Dartifact=org.apache.maven:apache-maven:$MAVEN_VERSION:tar.gz:bin" "-DoutputDirectory=$WORK/dist"
    tar -xzf "$WORK/dist/apache-maven-$MAVEN_VERSION-bin.tar.gz" -C "$WORK"
fi
AIRLOCK_HOME="$WORK/apache-maven-$MAVEN_VERSION-airlock"
rm -rf "$AIRLOCK_HOME"; cp -a "$PLAIN_HOME" "$AIRLOCK_HOME"
AIRLOCK_VERSION=$(sed -n 's/^version=//p' "$ROOT/resolver-extension/target/maven-archiver/pom.properties" 2>/dev/null || true)
jars=("$ROOT/resolver-extension/target/airlock-maven-extension-$AIRLOCK_VERSION.jar"
      "$ROOT/maven-support/target/airlock-maven-support-$AIRLOCK_VERSION.jar"
      "$ROOT/attestation-verify/target/airlock-attestation-verify-$AIRLOCK_VERSION.jar")
for j in "${jars[@]}"; do [ -n "$AIRLOCK_VERSION" ] && [ -f "$j" ] || { echo "build Airlock first (mvn -B install -DskipTests): $j" >&2; exit 1; }; done
cp "${jars[@]}" "$AIRLOCK_HOME/lib/ext/"
# the extension's third-party runtime jars (jackson-core), in the versions it was built against: taken from its
# runtime classpath, not from whatever versions the local repository happens to hold
(cd "$ROOT" && "$PLAIN_HOME/bin/mvn" -B -q -pl resolver-extension \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -DincludeScope=runtime "-Dmdep.outputFile=$WORK/extension-classpath.txt") \
    >"$WORK/logs/extension-classpath.log" 2>&1 \
    || { echo "cannot resolve the extension's classpath (is Airlock installed?): $WORK/logs/extension-classpath.log" >&2; exit 1; }
IFS=: read -r -a deps <"$WORK/extension-classpath.txt" || true   # one line, no final newline
for j in "${deps[@]}"; do case $j in */dev/airlock/*) ;; *) cp "$j" "$AIRLOCK_HOME/lib/ext/" ;; esac; done

# --- a private copy of the workload, with Airlock's configuration -----------------
if [ ! -f "$WORK/work/pom.xml" ]; then cp -a "$CHECKOUT" "$WORK/work"; rm -rf "$WORK/work/target"; fi
mkdir -p "$WORK/work/.mvn"
# the suite's rules, in a profile of the private copy (-Pairlock-suite): the release gate a user adds to the build
if ! grep -q '<id>airlock-suite</id>' "$WORK/work/pom.xml"; then
    python3 - "$WORK/work/pom.xml" "$AIRLOCK_VERSION" <<'PY'
import sys
path, version = sys.argv[1], sys.argv[2]
pom = open(path, encoding="utf-8").read()
profile = f"""    <profile>
      <id>airlock-suite</id>
      <build>
        <plugins>
          <plugin>
            <groupId>org.apache.maven.plugins</groupId>
            <artifactId>maven-enforcer-plugin</artifactId>
            <dependencies>
              <dependency>
                <groupId>dev.airlock</groupId>
                <artifactId>airlock-enforcer-rules</artifactId>
                <version>{version}</version>
              </dependency>
            </dependencies>
            <executions>
              <execution>
                <id>airlock-suite</id>
                <goals><goal>enforce</goal></goals>
                <configuration>
                  <rules>
                    <verifySbom/>
                    <verifySignatures>
                      <keyring>.mvn/keys/publishers.asc</keyring>
                    </verifySignatures>
                    <verifyProvenance/>
                  </rules>
                </configuration>
              </execution>
            </executions>
          </plugin>
        </plugins>
      </build>
    </profile>
"""
assert pom.count("</profiles>") == 1, "the workload's pom.xml has no single <profiles> element"
open(path, "w", encoding="utf-8").write(pom.replace("</profiles>", profile + "  </profiles>"))
PY
fi
{ echo "airlock.mirrors=$MIRROR_ID=http://127.0.0.1:$PORT/"; printf '%s\n' "${AIRLOCK_PROPS:-}"; } \
    >"$WORK/work/.mvn/airlock.properties"
cat >"$WORK/settings-mirror.xml" <<EOF
<settings><mirrors><mirror><id>$MIRROR_ID</id><mirrorOf>*</mirrorOf><url>http://127.0.0.1:$PORT/</url></mirror></mirrors></settings>
EOF
echo '<settings/>' >"$WORK/settings-empty.xml"

SERVER_PID=
start_server() {
    mkdir -p "$SEED"; rm -f "$WORK/port"
    python3 "$HERE/serve-repo.py" --root "$SEED" --port "$PORT" --log "$LOG" --port-file "$WORK/port" \
        2>"$WORK/logs/server.err" &
    SERVER_PID=$!
    for _ in $(seq 50); do [ -s "$WORK/port" ] && return 0; sleep 0.1; done
    echo "server did not start: $WORK/logs/server.err" >&2; exit 1
}
trap '[ -n "$SERVER_PID" ] && kill $SERVER_PID 2>/dev/null || true' EXIT
start_server

cat >"$WORK/bin/mvn-run" <<EOF
#!/usr/bin/env bash
# mvn-run plain|airlock cold|warm|DIR
set -u
extra=
case \$2 in cold) lr=\$(mktemp -d "$WORK/cold/lr.XXXXXX") ;; warm) lr="$WARM" ;; *) lr=\$2 ;; esac
case \$1 in
  plain)   home="$PLAIN_HOME";   settings="$WORK/settings-mirror.xml" ;;
  airlock) home="$AIRLOCK_HOME"; settings="$WORK/settings-empty.xml" ;;
  airlock-lock) home="$AIRLOCK_HOME"; settings="$WORK/settings-empty.xml"; extra="-Dairlock.lock=$WORK/bench.lock" ;;
  airlock-record) home="$AIRLOCK_HOME"; settings="$WORK/settings-empty.xml"
                  extra="-Dairlock.lock=$WORK/bench.lock -Pairlock-suite -Denforcer.skip=true -Dairlock.record.phases=clean,verify dev.airlock:airlock-maven-plugin:$AIRLOCK_VERSION:record" ;;
  suite)   home="$AIRLOCK_HOME"; settings="$WORK/settings-empty.xml"; extra="-Dairlock.lock=$WORK/bench.lock -Pairlock-suite" ;;
  propose) home="$AIRLOCK_HOME"; settings="$WORK/settings-empty.xml"
           extra="-Dairlock.lock=$WORK/bench.lock -Pairlock-suite -Denforcer.skip=true dev.airlock:airlock-maven-plugin:$AIRLOCK_VERSION:propose -Dairlock.keyserver=http://127.0.0.1:\$(cat $WORK/keyserver-port)" ;;
  *) echo "unknown scenario \$1" >&2; exit 2 ;;
esac
cd "$WORK/work"
exec "\$home/bin/mvn" -B -s "\$settings" "-Dmaven.repo.local=\$lr" clean $BUILD_GOALS \$extra >>"$WORK/logs/\$1-\${2##*/}.log" 2>&1
EOF
chmod +x "$WORK/bin/mvn-run"

if has_step seed && [ ! -f "$SEED/.seeded" ]; then
    say "seed: the workload's closure from Maven Central into $SEED"
    (cd "$WORK/work" && "$PLAIN_HOME/bin/mvn" -B "-Dmaven.repo.local=$SEED" clean $BUILD_GOALS) >"$WORK/logs/seed.log" 2>&1
    touch "$SEED/.seeded"
fi

if has_step prepare; then
    say "prepare: the Airlock plugin on the mirror (for record), a warm local repository, the lock"
    # the mirror serves what Airlock's record goal needs: the plugin and its whole runtime closure (jars, POMs,
    # parents, BOMs), resolved into the seed from the local repository of the Airlock build
    rm -rf "$SEED/dev/airlock"   # never a stale Airlock from an earlier run
    cat >"$WORK/settings-airlock-build.xml" <<EOF2
<settings><mirrors><mirror><id>airlock-build</id><mirrorOf>*</mirrorOf><url>file://$AIRLOCK_BUILD_REPO</url></mirror></mirrors></settings>
EOF2
    for a in dev.airlock:airlock-maven-plugin:$AIRLOCK_VERSION dev.airlock:airlock-enforcer-rules:$AIRLOCK_VERSION; do
        (cd "$WORK" && "$PLAIN_HOME/bin/mvn" -B -s "$WORK/settings-airlock-build.xml" "-Dmaven.repo.local=$SEED" \
            org.apache.maven.plugins:maven-dependency-plugin:3.8.1:get "-Dartifact=$a") >>"$WORK/logs/seed-airlock.log" 2>&1 \
            || { echo "cannot copy $a's closure into the seed: $WORK/logs/seed-airlock.log" >&2; exit 1; }
    done
    # the enforcer plugin with Airlock's rules as its dependency, as the suite's profile loads them: collected
    # together, they read the POMs of versions that lose the conflicts (gson, jackson, BouncyCastle, ...), which
    # neither closure alone holds; those few POMs come from central (network, as for the seed step). A tracking file
    # name of its own: the Airlock artifacts copied above are used whatever repository they came from (Maven 3.9 has
    # no -llr). enforcer.skip: resolved, not run.
    (cd "$WORK/work" && "$PLAIN_HOME/bin/mvn" -B -Daether.enhancedLocalRepository.trackingFilename=_bench-seed.repositories \
        "-Dmaven.repo.local=$SEED" -Pairlock-suite -Denforcer.skip=true validate) >>"$WORK/logs/seed-airlock.log" 2>&1 \
        || { echo "cannot complete the suite's plugin closure in the seed: $WORK/logs/seed-airlock.log" >&2; exit 1; }
    rm -rf "$WARM" "$WORK/bench.lock"
    "$WORK/bin/mvn-run" plain warm
    "$WORK/bin/mvn-run" airlock-record warm
    "$WORK/bin/mvn-run" airlock warm
    "$WORK/bin/mvn-run" airlock-lock warm
    echo "lock: $(wc -l <"$WORK/bench.lock") artifacts"
    grep -h '\[airlock\] \(findings\|recorded\)' "$WORK/logs/airlock-record-warm.log" "$WORK/logs/airlock-lock-warm.log" | tail -n 3 || true
fi

if has_step trust; then
    say "trust: every jar of the seed signed for the benchmark; propose; the proposal accepted as it is"
    # A generated OpenPGP key (GnuPG, a private home under the work directory) signs every jar of the seed that
    # has no .asc yet: the real publishers' signatures are on central, their keys are not to be had without a key
    # server. The rules verify each signature for real (BouncyCastle), which is the cost being measured.
    export GNUPGHOME="$WORK/gnupg"; mkdir -p "$GNUPGHOME"; chmod 700 "$GNUPGHOME"
    if ! gpg --batch --list-secret-keys bench@airlock.example >/dev/null 2>&1; then
        gpg --batch --passphrase '' --quick-gen-key 'Airlock bench publisher <bench@airlock.example>' ed25519 sign never \
            >"$WORK/logs/gpg.log" 2>&1
    fi
    FPR=$(gpg --batch --with-colons --list-keys bench@airlock.example | awk -F: '$1=="fpr" {print $10; exit}')
    mkdir -p "$WORK/keys"; gpg --batch --armor --export "$FPR" >"$WORK/keys/bench-publisher.asc"
    signed=0
    while IFS= read -r -d '' jar; do
        [ -f "$jar.asc" ] && continue
        gpg --batch --yes --armor --detach-sign -u "$FPR" -o "$jar.asc" "$jar"; signed=$((signed + 1))
    done < <(find "$SEED" -name '*.jar' -print0)
    echo "signed $signed jar(s) with $FPR; $(find "$SEED" -name '*.jar.asc' | wc -l) signatures in the seed"
    # a loopback VKS key server holding that key only
    rm -f "$WORK/keyserver-port"
    python3 - "$WORK/keys/bench-publisher.asc" "$FPR" "$WORK/keyserver-port" >"$WORK/logs/keyserver.log" 2>&1 <<'PY' &
import http.server, sys
key, fpr, portfile = open(sys.argv[1], "rb").read(), sys.argv[2], sys.argv[3]
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        ok = self.path == "/vks/v1/by-fingerprint/" + fpr
        self.send_response(200 if ok else 404)
        self.send_header("Content-Length", str(len(key) if ok else 0)); self.end_headers()
        if ok:
            self.wfile.write(key)
s = http.server.HTTPServer(("127.0.0.1", 0), H)
open(portfile, "w").write(str(s.server_port))
s.serve_forever()
PY
    KEYSERVER_PID=$!
    for _ in $(seq 50); do [ -s "$WORK/keyserver-port" ] && break; sleep 0.1; done
    rm -f "$WORK/work/.mvn/airlock-policy" "$WORK/work/.mvn/keys/publishers.asc"
    start=$(date +%s.%N); rc=0
    "$WORK/bin/mvn-run" propose warm || rc=$?
    kill "$KEYSERVER_PID" 2>/dev/null || true
    echo "propose: exit $rc, $(python3 -c "import time; print(round(time.time() - $start, 1))") s (a warm build with propose)"
    grep -h '\[airlock\] \(proposed\|against\|keyring\)' "$WORK/logs/propose-warm.log" | tail -n 4 || true
    [ "$rc" = 0 ] || { echo "propose failed: $WORK/logs/propose-warm.log" >&2; exit 1; }
    cp "$WORK/work/.mvn/airlock-policy.proposed" "$WORK/work/.mvn/airlock-policy"
    mkdir -p "$WORK/work/.mvn/keys"; cp "$WORK/work/.mvn/keys/proposed.asc" "$WORK/work/.mvn/keys/publishers.asc"
    echo "accepted: $(grep -vc '^\(#\|$\)' "$WORK/work/.mvn/airlock-policy") policy lines, none of them '*':" \
        "$(grep -c '^\*' "$WORK/work/.mvn/airlock-policy" || true) default line(s)"
    rc=0; "$WORK/bin/mvn-run" suite warm || rc=$?
    grep -h '\[airlock\] \(verifySbom\|verifySignatures\|verifyProvenance\|findings\)' "$WORK/logs/suite-warm.log" | tail -n 6 || true
    [ "$rc" = 0 ] || { echo "the suite fails on the accepted proposal: $WORK/logs/suite-warm.log" >&2; exit 1; }
fi

if has_step count; then
    say "count: requests per scenario and mode (from the mirror's log), and Airlock's summary"
    printf 'scenario\tmode\texit\trequests\tGET200\tHEAD\t404\tjar\tpom\tbytes\n' >"$RESULTS/counts.tsv"
    for s in plain airlock airlock-lock ${COUNT_SUITE:+suite}; do
        for m in $MODES; do
            n0=$(wc -l <"$LOG"); rc=0
            "$WORK/bin/mvn-run" "$s" "$m" || rc=$?
            sleep 0.3
            tail -n +"$((n0 + 1))" "$LOG" | awk -v s="$s" -v m="$m" -v rc="$rc" -F'\t' '
              { n++; if ($2=="GET" && $4==200) g++; if ($2=="HEAD") h++; if ($4==404) nf++
                if ($2=="GET" && $4==200) { if ($3 ~ /\.jar$/) j++; else if ($3 ~ /\.pom$/) p++ }
                b += $5 }
              END { printf "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n", s, m, rc, n, g, h, nf, j, p, b }' \
              >>"$RESULTS/counts.tsv"
            rm -rf "$WORK/cold"/*
        done
    done
    column -t "$RESULTS/counts.tsv"
    for s in airlock airlock-lock; do
        for m in $MODES; do
            echo "$s $m:"; grep -h '\[airlock\] \(artifacts\|requests\|findings\)' "$WORK/logs/$s-$m.log" | tail -n 3 || true
        done
    done
fi

bench() { # bench NAME CMD_A CMD_B
    local name=$1 a=$2 b=$3 out="$RESULTS/bench-$1.txt"
    : >"$out"
    printf 'A = %s\nB = %s\n' "$a" "$b"
    for i in $(seq $((RUNS + WARMUP))); do
        for label in A B; do
            if [ "$label" = A ]; then c=$a; else c=$b; fi
            load=$(cut -d ' ' -f 1 /proc/loadavg 2>/dev/null || echo nan)   # the machine's load as the run starts
            # shellcheck disable=SC2086
            "$TIME_BIN" -f "%e %U %S %M %x" -o "$out.one" $c || true
            if [ "$i" -gt "$WARMUP" ]; then printf '%s\t%s %s\n' "$label" "$(tail -n 1 "$out.one")" "$load" >>"$out"; fi
            rm -rf "$WORK/cold"/*
        done
    done
    rm -f "$out.one"
    python3 - "$out" <<'PY' | tee -a "$out"
import statistics, sys
rows = {"A": [], "B": []}
for line in open(sys.argv[1]):
    if "\t" not in line:
        continue
    label, rest = line.rstrip("\n").split("\t")
    wall, user, sys_s, rss, rc, load = rest.split()
    rows[label].append((float(wall), float(user) + float(sys_s), int(rss), rc, float(load)))
def line(name, xs, fmt):
    return f"{name:<12}{fmt % min(xs):>10}{fmt % statistics.median(xs):>10}{fmt % max(xs):>10}"
print(f"{'':<12}{'min':>10}{'median':>10}{'max':>10}")
for label in "AB":
    r = rows[label]
    print(line(label + " wall s", [x[0] for x in r], "%.2f"))
    print(line(label + " cpu s", [x[1] for x in r], "%.2f"))
    print(line(label + " peak MiB", [x[2] / 1024 for x in r], "%.0f"))
    print(f"{label} exits: {sorted(set(x[3] for x in r))}")
pairs = [a[0] / b[0] for a, b in zip(rows["A"], rows["B"])]
print(line("A/B wall", pairs, "%.3f"))
print(line("load 1-min", [x[4] for r in rows.values() for x in r], "%.2f"))
print("pairs: " + " ".join("%.3f" % p for p in pairs))
failed = sorted({x[3] for r in rows.values() for x in r} - {"0"})
if failed:  # a build that failed stopped early: its time says nothing about the overhead
    print(f"INVALID: some timed builds exited with {failed}; see the scenario logs under logs/")
    sys.exit(1)
PY
}
if has_step hash; then
    say "hash: SHA-256 of every file in the warm local repository with Airlock's digest code, in a fresh JVM"
    # the evidence hashing the extension does on a background thread during a warm build, measured alone
    java -cp "$ROOT/attestation-verify/target/classes" "$HERE/HashFiles.java" "$WARM" | tee "$RESULTS/hash.txt"
fi

if has_step bench; then
    for m in $MODES; do
        for s in $SCENARIOS; do
            base=plain; [ "$s" = airlock-lock ] && base=airlock
            say "bench: $s vs $base, $m ($RUNS pairs after $WARMUP warm-up)"
            bench "$s-$m" "$WORK/bin/mvn-run $s $m" "$WORK/bin/mvn-run $base $m"
        done
    done
fi
say "done; results in $RESULTS"
