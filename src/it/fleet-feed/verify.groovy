import groovy.json.JsonSlurper
import java.security.MessageDigest
def sha256 = { byte[] b -> MessageDigest.getInstance("SHA-256").digest(b).encodeHex().toString() }
def coords = 'com.example:fleet-lib:jar:1.0'
def metadataPath = 'com/acme/fleet/quarantine/maven-metadata.xml'
def feedDir = new File(basedir, 'feed/com/acme/fleet/quarantine')
def tamperedSha = sha256(new File(basedir, 'tampered/com/example/fleet-lib/1.0/fleet-lib-1.0.jar').bytes)
def forgedVersion = '20261201T080000Z-d5c50e110116e3a4'
def forged = "quarantine-${forgedVersion}.json"
def requestsOf = { int n -> mirror.requests().subList(n == 1 ? 0 : requestCounts[n - 2].internal,
        requestCounts[n - 1].internal) }
def versionsIn = { File f -> (f.text =~ /<version>([^<]+)<\/version>/).collect { it[1] } as Set }
def listedAfter = { int n -> versionsIn(new File(workdir, "snapshots/${n}/feed/${metadataPath}")) }
def listedNow = { versionsIn(new File(feedDir, 'maven-metadata.xml')) }
def fileOf = { File d -> new File(d, "quarantine-${d.name}.json") }
def parse = { File d -> new JsonSlurper().parse(fileOf(d)) }

// every version the runners published (the forged one was there from the start), by runner and kind
def published = feedDir.listFiles().findAll { it.isDirectory() && it.name != forgedVersion && !it.name.startsWith('snapshot-') }
        .groupBy { parse(it).runner + '/' + parse(it).kind }
assert published.keySet() == ['runner-a/QUARANTINE', 'runner-a/RELEASE', 'runner-d/QUARANTINE', 'runner-e/QUARANTINE'] as Set :
        feedDir.listFiles()*.name
assert published.values().every { it.size() == 1 }
def snapshots = feedDir.listFiles().findAll { it.isDirectory() && it.name.startsWith('snapshot-') }
assert snapshots.size() == 1 : feedDir.listFiles()*.name

// 1: recorded; the unsigned entry ignored and reported
assert exitCodes[0] == 0 : logs[0]
assert logs[0].contains(forged) && logs[0].contains('is ignored: it has no signature') : logs[0]
assert new File(basedir, '.mvn/runner-a.lock').text.contains('com.example:other-lib:jar:1.0')

// 2: caught, quarantined, published
def mismatch = ev.findings(2, 'LOCK_HASH_MISMATCH').findAll { it.coordinates == coords }
assert mismatch.size() == 1 : ev.findings(2, 'LOCK_HASH_MISMATCH')
def entries = new File(quarantineDir, 'entries/com/example/fleet-lib/1.0/jar').listFiles()
assert entries?.size() == 1
def entryDir = published['runner-a/QUARANTINE'][0]
def v = entryDir.name
def entryFile = fileOf(entryDir)
def entry = parse(entryDir)
assert entry.kind == 'QUARANTINE' && entry.coordinates == coords && entry.sha256 == tamperedSha
assert entry.code == 'LOCK_HASH_MISMATCH' && entry.rule == 'extension' && entry.runner == 'runner-a'
assert entry.evidenceSha256 == sha256(new File(entries[0], 'evidence.json').bytes)
assert new File(entryDir, "quarantine-${v}.json.sig").isFile()
assert new File(entryDir, "quarantine-${v}.json.sha1").text.trim() == MessageDigest.getInstance('SHA-1')
        .digest(entryFile.bytes).encodeHex().toString()
assert listedAfter(2) == [v, forgedVersion] as Set : listedAfter(2)
def entryId = sha256(entryFile.bytes)
assert logs[1].contains("published to feed com.acme.fleet:quarantine") && logs[1].contains(entryId) : logs[1]
// deployed with the <server> credentials (a client may first try without them and be challenged: 401)
def puts = requestsOf(2).findAll { it.method() == 'PUT' && it.status() != 401 }
assert puts.size() == 6 && puts.every { it.authenticated() && it.status() == 201 } : puts

// 3: runner B refuses the jar without a request for it; other-lib (the forged entry's target) resolves
def q = ev.findings(3, 'QUARANTINED').findAll { it.coordinates == coords }
assert q.size() == 1 : ev.findings(3, 'QUARANTINED')
assert q[0].severity == 'error'
assert q[0].details.feed == 'com.acme.fleet:quarantine' && q[0].details.feedEntry == entryId
assert q[0].details.runner == 'runner-a' && q[0].details.raisedAt == entry.time
assert q[0].message.contains('refused before download')
assert requestsOf(3).findAll { it.path().contains('fleet-lib-1.0.jar') }.isEmpty() : requestsOf(3)
assert !requestsOf(3).findAll { it.path().endsWith('other-lib-1.0.jar') && it.status() == 200 }.isEmpty()
assert logs[2].contains(forged) && logs[2].contains('is ignored: it has no signature')
assert ev.findings(3, 'QUARANTINED').every { it.coordinates == coords }

// 4: compacted: a signed snapshot covering A's entry; the metadata lists the snapshot and the forged version only
assert exitCodes[3] == 0 : logs[3]
def snapDir = snapshots[0]
def snap = parse(snapDir)
assert snap.kind == 'SNAPSHOT' && snap.covers == [v] && snap.entries.size() == 1 : snap
assert snap.entries[0].coordinates == coords && snap.entries[0].sha256 == tamperedSha && snap.entries[0].runner == 'runner-a'
assert new File(snapDir, "quarantine-${snapDir.name}.json.sig").isFile()
assert listedAfter(4) == [snapDir.name, forgedVersion] as Set : listedAfter(4)
assert logs[3].contains("compacted feed com.acme.fleet:quarantine in fleet-feed: snapshot ${snapDir.name}") : logs[3]
assert logs[3].contains("maven-metadata.xml lists 2 versions, was 2") : logs[3]
assert logs[3].contains(forged) && logs[3].contains('left listed, not compacted') : logs[3]
// the delisted entry's files stay in the repository
assert entryFile.isFile()

// 5: a new runner C reads the snapshot (not A's entry file) and refuses the jar without a request for it
def qc = ev.findings(5, 'QUARANTINED').findAll { it.coordinates == coords }
assert qc.size() == 1 && qc[0].details.feedEntry == entryId && qc[0].details.runner == 'runner-a' : ev.findings(5, 'QUARANTINED')
assert qc[0].message.contains('refused before download')
assert requestsOf(5).findAll { it.path().contains('fleet-lib-1.0.jar') }.isEmpty() : requestsOf(5)
assert requestsOf(5).findAll { it.path().contains(v) }.isEmpty() : 'the snapshot stands for it: ' + requestsOf(5)
assert !requestsOf(5).findAll { it.path().endsWith("quarantine-${snapDir.name}.json") && it.status() == 200 }.isEmpty()
assert logs[4].contains("feed com.acme.fleet:quarantine read from mirror internal: 1 blocked, 2 versions (from snapshot ${snapDir.name})") : logs[4]
assert new File(workdir, 'runner-c/local-repo').isDirectory()

// 6: released for the fleet
assert exitCodes[5] == 0 : logs[5]
def releaseDir = published['runner-a/RELEASE'][0]
def release = parse(releaseDir)
assert release.kind == 'RELEASE' && release.lifts == entryId && release.reason == 'upstream re-released 1.0, confirmed with the maintainers'
assert release.runner == 'runner-a'

// 7: runner B builds
assert exitCodes[6] == 0 : logs[6]
assert ev.findings(7, 'QUARANTINED').isEmpty()
assert new File(workdir, 'runner-b/local-repo/com/example/fleet-lib/1.0/fleet-lib-1.0.jar').isFile()
assert logs[6].contains("feed com.acme.fleet:quarantine read from mirror internal: 0 blocked, 3 versions (from snapshot ${snapDir.name})") : logs[6]

// 8: runners D and E publish at the same moment, both having read the same list: both versions end up listed
def other = 'com.example:other-lib:jar:1.0'
def logE = new File(workdir, 'build-8-e.log').text
for (String r : ['runner-d', 'runner-e']) {
    def e = parse(published["${r}/QUARANTINE"][0])
    assert e.coordinates == other && e.code == 'LOCK_HASH_MISMATCH' : e
}
assert ev.findings(8, 'LOCK_HASH_MISMATCH')*.coordinates == [other]
assert logs[7].contains('published to feed com.acme.fleet:quarantine') : logs[7]
assert logE.contains('published to feed com.acme.fleet:quarantine') && logE.contains('LOCK_HASH_MISMATCH') : logE
assert listedNow() == [snapDir.name, forgedVersion, releaseDir.name, published['runner-d/QUARANTINE'][0].name,
        published['runner-e/QUARANTINE'][0].name] as Set : listedNow()
def metadataPuts = requestsOf(8).findAll { it.method() == 'PUT' && it.path() == '/' + metadataPath && it.status() == 201 }
assert metadataPuts.size() >= 3 : 'each wrote a list without the other\'s version, and one merged its own in again: ' + metadataPuts
assert mirror.pairsMade() >= 2 : 'the reads of the list were answered in pairs: ' + mirror.pairsMade()

// 9: the feed unreadable (503), required by default: the build stops at its start, nothing of the project resolved
assert exitCodes[8] != 0
def unavailable = ev.findings(9, 'FEED_UNAVAILABLE')
assert unavailable.size() == 1 && unavailable[0].severity == 'error' : ev.findings(9, 'FEED_UNAVAILABLE')
assert unavailable[0].details.feed == 'com.acme.fleet:quarantine' : unavailable[0]
assert logs[8].contains('airlock.feed.required=true: a feed that cannot be read fails the build') : logs[8]
assert requestsOf(9).findAll { it.path().endsWith('.jar') }.isEmpty() : requestsOf(9)
assert !requestsOf(9).findAll { it.path().contains('com/acme/fleet/') && it.status() == 503 }.isEmpty()

// 10: required=false: the build goes on without the feed, with the finding as a warning and the summary saying so
assert exitCodes[9] == 0 : logs[9]
def optional = ev.findings(10, 'FEED_UNAVAILABLE')
assert optional.size() == 1 && optional[0].severity == 'warn' : ev.findings(10, 'FEED_UNAVAILABLE')
assert optional[0].message.contains('the build goes on without it (airlock.feed.required=false') : optional[0].message
assert logs[9].contains('NOT honoured') : logs[9]
assert decoy.count() == 0
true
