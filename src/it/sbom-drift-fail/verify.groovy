import groovy.json.JsonSlurper
import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
def markers = new File(basedir, 'target/markers')
def coords = 'com.example:marker-maven-plugin:jar:1.0'
def tampered = new File(basedir, 'mirror/com/example/marker-maven-plugin/1.0/marker-maven-plugin-1.0.jar')

// 1: recorded; the SBOM holds the plugin with its hashes
def spdx = new JsonSlurper().parse(new File(basedir, 'airlock.spdx.json'))
def plugin = spdx.packages.find { p -> p.externalRefs?.any { it.referenceLocator.startsWith('pkg:maven/com.example/marker-maven-plugin@1.0') } }
assert plugin != null : 'the plugin is not in airlock.spdx.json'
def recorded = plugin.checksums.find { it.algorithm == 'SHA256' }.checksumValue
assert recorded != sha256(tampered)
assert new File(markers, 'recorded.txt').isFile()

// 2: the gate passes against its own record with default settings
def gate = reports[1].findings.findAll { it.source == 'verifySbom' && it.severity == 'error' }
assert gate.isEmpty() : gate
assert reports[1].sources.contains('verifySbom')
assert new File(markers, 'gate.txt').isFile()

// 3: one changed plugin jar: SBOM_HASH_MISMATCH before the plugin ran, quarantined with evidence
def mismatch = reports[2].findings.findAll { it.code == 'SBOM_HASH_MISMATCH' }
assert mismatch*.coordinates == [coords] : reports[2].findings
assert mismatch[0].severity == 'error' && mismatch[0].source == 'verifySbom'
assert mismatch[0].sha256 == sha256(tampered)
assert mismatch[0].expected.startsWith('sha512 ') : mismatch[0].expected
assert !new File(markers, 'tampered.txt').exists() : 'the tampered plugin ran'
def entries = new File(quarantineDir, 'entries/com/example/marker-maven-plugin/1.0/jar').listFiles()
assert entries?.size() == 1 : 'not quarantined'
def evidence = new JsonSlurper().parse(new File(entries[0], 'evidence.json'))
assert evidence.code == 'SBOM_HASH_MISMATCH' && evidence.rule == 'verifySbom' && evidence.sha256 == sha256(tampered)

// 4: refused from quarantine
assert ev.findings(4, 'QUARANTINED').any { it.coordinates == coords } : ev.findings(4, 'QUARANTINED')
assert !new File(markers, 'again.txt').exists()
true
