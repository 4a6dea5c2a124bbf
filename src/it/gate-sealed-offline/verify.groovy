import groovy.json.JsonSlurper
import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }

// phase 1 sealed the local repository against the lock
def seal = new JsonSlurper().parse(new File(localRepo, 'airlock-seal.json'))
assert seal.format == 'airlock-seal/1'
assert seal.lockSha256 == sha256(new File(basedir, '.mvn/airlock.lock'))
assert seal.artifacts > 20 : seal
assert logs[1] =~ /\[airlock\] sealed .*: \d+ artifacts and \d+ signature\/provenance files/
// phase 1 had the network: the test connected
assert logs[1].contains('egress to ')

// phase 2: offline, nothing was asked of any server (they are in another network namespace anyway)
assert requestCounts[2] == requestCounts[1] : "phase 2 reached a server: ${requestCounts}"
assert ev.requests().isEmpty() : ev.requests()
assert ev.session().mode == 'enforce'
// the gate's rules ran and found nothing: no name resolves, no endpoint or proxy answers
def third = reports[2]
assert third.sources.containsAll(['requireNetworkIsolation', 'requireHermeticResolution']) : third.sources
assert third.findings.findAll { it.severity == 'error' }.isEmpty() : third.findings
assert logs[2].contains('[airlock] requireNetworkIsolation: nothing answered')
// and build code that tries to connect out fails to
def surefire = new File(basedir, 'target/surefire-reports/TEST-demo.EgressTest.xml')
assert surefire.isFile() : 'the test did not run in phase 2'
assert surefire.text.contains('tests="1"') && surefire.text.contains('failures="0"') && surefire.text.contains('errors="0"')
assert logs[2].contains('egress to ') && logs[2].contains(': blocked')
assert logs[2].contains('BUILD SUCCESS')
true
