import groovy.json.JsonSlurper
import java.security.MessageDigest
def sha256 = { byte[] b -> MessageDigest.getInstance("SHA-256").digest(b).encodeHex().toString() }
def coords = 'com.example:fleet-lib:jar:1.0'
def feedDir = new File(basedir, 'feed/com/example/fleet/quarantine')
def tampered = new File(basedir, 'mirror/com/example/fleet-lib/1.0/fleet-lib-1.0.jar')
def forged = 'quarantine-20261201T080000Z-d5c50e110116e3a4.json'
def requestsOf = { int n -> mirror.requests().subList(n == 1 ? 0 : requestCounts[n - 2].internal,
        requestCounts[n - 1].internal) }

// 1: recorded; the unsigned entry ignored and reported
assert exitCodes[0] == 0 : logs[0]
assert logs[0].contains(forged) && logs[0].contains('is ignored: it has no signature') : logs[0]
assert new File(basedir, '.mvn/runner-a.lock').text.contains('com.example:other-lib:jar:1.0')

// 2: caught, quarantined, published
def mismatch = ev.findings(2, 'LOCK_HASH_MISMATCH').findAll { it.coordinates == coords }
assert mismatch.size() == 1 : ev.findings(2, 'LOCK_HASH_MISMATCH')
def entries = new File(quarantineDir, 'entries/com/example/fleet-lib/1.0/jar').listFiles()
assert entries?.size() == 1
// every version the runners published (the forged one was there from the start), by kind
def published = feedDir.listFiles().findAll { it.isDirectory() && !it.name.startsWith('20261201T080000Z') }
        .groupBy { new JsonSlurper().parse(new File(it, "quarantine-${it.name}.json")).kind }
assert published.keySet() == ['QUARANTINE', 'RELEASE'] as Set : feedDir.listFiles()*.name
assert published.QUARANTINE.size() == 1 && published.RELEASE.size() == 1
def versions = published.QUARANTINE
def v = versions[0].name
def entryFile = new File(versions[0], "quarantine-${v}.json")
def entry = new JsonSlurper().parse(entryFile)
assert entry.kind == 'QUARANTINE' && entry.coordinates == coords && entry.sha256 == sha256(tampered.bytes)
assert entry.code == 'LOCK_HASH_MISMATCH' && entry.rule == 'extension' && entry.runner == 'runner-a'
assert entry.evidenceSha256 == sha256(new File(entries[0], 'evidence.json').bytes)
assert new File(versions[0], "quarantine-${v}.json.sig").isFile()
assert new File(versions[0], "quarantine-${v}.json.sha1").text.trim() == MessageDigest.getInstance('SHA-1')
        .digest(entryFile.bytes).encodeHex().toString()
assert new File(feedDir, 'maven-metadata.xml').text.contains("<version>${v}</version>")
assert new File(feedDir, 'maven-metadata.xml').text.contains("<version>${published.RELEASE[0].name}</version>")
assert new File(feedDir, 'maven-metadata.xml').text.contains('<version>20261201T080000Z-d5c50e110116e3a4</version>')
def entryId = sha256(entryFile.bytes)
assert logs[1].contains("published to feed com.example.fleet:quarantine") && logs[1].contains(entryId) : logs[1]
// deployed with the <server> credentials (a client may first try without them and be challenged: 401)
def puts = requestsOf(2).findAll { it.method() == 'PUT' && it.status() != 401 }
assert puts.size() == 6 && puts.every { it.authenticated() && it.status() == 201 } : puts

// 3: runner B refuses the jar without a request for it; other-lib (the forged entry's target) resolves
def q = ev.findings(3, 'QUARANTINED').findAll { it.coordinates == coords }
assert q.size() == 1 : ev.findings(3, 'QUARANTINED')
assert q[0].severity == 'error'
assert q[0].details.feed == 'com.example.fleet:quarantine' && q[0].details.feedEntry == entryId
assert q[0].details.runner == 'runner-a' && q[0].details.raisedAt == entry.time
assert q[0].message.contains('refused before download')
assert requestsOf(3).findAll { it.path().contains('fleet-lib-1.0.jar') }.isEmpty() : requestsOf(3)
assert !requestsOf(3).findAll { it.path().endsWith('other-lib-1.0.jar') && it.status() == 200 }.isEmpty()
assert logs[2].contains(forged) && logs[2].contains('is ignored: it has no signature')
assert ev.findings(3, 'QUARANTINED').every { it.coordinates == coords }

// 4: released for the fleet
assert exitCodes[3] == 0 : logs[3]
def releases = published.RELEASE
def release = new JsonSlurper().parse(new File(releases[0], "quarantine-${releases[0].name}.json"))
assert release.kind == 'RELEASE' && release.lifts == entryId && release.reason == 'confirmed-with-the-publisher'
assert release.runner == 'runner-a'

// 5: runner B builds
assert exitCodes[4] == 0 : logs[4]
assert ev.findings(5, 'QUARANTINED').isEmpty()
assert new File(workdir, 'runner-b/local-repo/com/example/fleet-lib/1.0/fleet-lib-1.0.jar').isFile()
assert logs[4].contains('feed com.example.fleet:quarantine read from mirror internal: 0 blocked')
assert decoy.count() == 0
true
