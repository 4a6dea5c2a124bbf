import groovy.json.JsonSlurper
import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
def coords = 'com.example:core-ext-dep:jar:1.0'
def tampered = new File(basedir, 'tampered/com/example/core-ext-dep/1.0/core-ext-dep-1.0.jar')
def lock = new File(basedir, '.mvn/airlock.lock').readLines()
assert lock.any { it.endsWith('  com.example:core-ext:jar:1.0') }
def recorded = lock.find { it.endsWith('  ' + coords) }?.substring(0, 64)
assert recorded != null && recorded != sha256(tampered)

def mismatch = ev.findings(2, 'LOCK_HASH_MISMATCH').findAll { it.coordinates == coords }
assert mismatch.size() == 1 && mismatch[0].actual == "sha256 ${sha256(tampered)}".toString()
assert logs[1].contains('core extension jars differ from the lock; the build stops before reading any project')
def entries = new File(quarantineDir, 'entries/com/example/core-ext-dep/1.0/jar').listFiles()
assert entries?.size() == 1
assert new JsonSlurper().parse(new File(entries[0], 'evidence.json')).sha256 == sha256(tampered)

assert ev.findings(3, 'QUARANTINED').any { it.coordinates == coords }
true
