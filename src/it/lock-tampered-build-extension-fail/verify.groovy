import groovy.json.JsonSlurper
import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
def coords = 'com.example:build-ext:jar:1.0'
def tampered = new File(basedir, 'mirror/com/example/build-ext/1.0/build-ext-1.0.jar')
def recorded = new File(basedir, '.mvn/airlock.lock').readLines().find { it.endsWith('  ' + coords) }?.substring(0, 64)
assert recorded != null && recorded != sha256(tampered)

def mismatch = ev.findings(2, 'LOCK_HASH_MISMATCH').findAll { it.coordinates == coords }
assert mismatch.size() == 1 && mismatch[0].expected == "sha256 ${recorded}".toString()
def entries = new File(quarantineDir, 'entries/com/example/build-ext/1.0/jar').listFiles()
assert entries?.size() == 1
def evidence = new JsonSlurper().parse(new File(entries[0], 'evidence.json'))
assert evidence.code == 'LOCK_HASH_MISMATCH' && evidence.sha256 == sha256(tampered)
assert !new File(localRepo, 'com/example/build-ext/1.0/build-ext-1.0.jar').exists()

assert ev.findings(3, 'QUARANTINED').any { it.coordinates == coords }
assert decoy.count() == 0
true
