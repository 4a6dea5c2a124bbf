import groovy.json.JsonSlurper
import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
def markers = new File(basedir, 'target/markers')
def coords = 'com.example:marker-maven-plugin:jar:1.0'
def tampered = new File(basedir, 'mirror/com/example/marker-maven-plugin/1.0/marker-maven-plugin-1.0.jar')

// 1
assert new File(markers, 'recorded.txt').isFile()
def lock = new File(basedir, '.mvn/airlock.lock').readLines()
def recorded = lock.find { it.endsWith('  ' + coords) }?.substring(0, 64)
assert recorded != null && recorded != sha256(tampered)

// 2: refused before it ran, quarantined with evidence
def mismatch = ev.findings(2, 'LOCK_HASH_MISMATCH').findAll { it.coordinates == coords }
assert mismatch.size() == 1 : ev.findings(2, 'LOCK_HASH_MISMATCH')
assert mismatch[0].severity == 'error' && mismatch[0].repository.id == 'internal'
assert mismatch[0].expected == "sha256 ${recorded}".toString()
assert mismatch[0].actual == "sha256 ${sha256(tampered)}".toString()
assert !new File(markers, 'tampered.txt').exists() : 'the tampered plugin ran'
assert logs[1].contains("[ERROR] [airlock] LOCK_HASH_MISMATCH ${coords}")
// the console line names both hashes: the lock's and the bytes served
def line = logs[1].readLines().find { it.startsWith("[ERROR] [airlock] LOCK_HASH_MISMATCH ${coords}") }
assert line.contains("(expected sha256 ${recorded}, actual sha256 ${sha256(tampered)})") : line
assert logs[1].contains("[airlock] quarantined ${coords} (LOCK_HASH_MISMATCH)")
def entries = new File(quarantineDir, 'entries/com/example/marker-maven-plugin/1.0/jar').listFiles()
assert entries?.size() == 1
def evidence = new JsonSlurper().parse(new File(entries[0], 'evidence.json'))
assert evidence.coordinates == coords && evidence.code == 'LOCK_HASH_MISMATCH' && evidence.rule == 'extension'
assert evidence.sha256 == sha256(tampered) && evidence.expected == "sha256 ${recorded}".toString()
assert evidence.repository.id == 'internal' && evidence.session == ev.lines(2).find { it.kind == 'session' }.session
assert new File(entries[0], 'marker-maven-plugin-1.0.jar').bytes == tampered.bytes
assert !new File(localRepo, 'com/example/marker-maven-plugin/1.0/marker-maven-plugin-1.0.jar').exists()

// 3: refused as quarantined
def q = ev.findings(3, 'QUARANTINED').findAll { it.coordinates == coords }
assert q.size() == 1 && q[0].details.evidence == new File(entries[0], 'evidence.json').absolutePath
assert !new File(markers, 'again.txt').exists()
assert decoy.count() == 0
true
