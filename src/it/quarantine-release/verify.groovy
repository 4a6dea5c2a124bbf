import groovy.json.JsonSlurper
def entry = new File(quarantineDir, 'entries/com/example/bad-lib/1.0/jar/20261120T090000Z-seeded')

// 1: refused
def q = ev.findings(1, 'QUARANTINED')
assert q.size() == 1 : ev.lines(1).findAll { it.kind == 'finding' }
assert q[0].severity == 'error' && q[0].coordinates == 'com.example:bad-lib:jar:1.0'
assert q[0].details.evidence == new File(entry, 'evidence.json').absolutePath
assert logs[0].contains('[ERROR] [airlock] QUARANTINED com.example:bad-lib:jar:1.0')

// 2: listed
assert logs[1] =~ /\[airlock\] ACTIVE +com\.example:bad-lib:jar:1\.0 sha256 [0-9a-f]{64} LOCK_HASH_MISMATCH/
assert logs[1].contains(new File(entry, 'evidence.json').absolutePath)

// 3: no reason, no release (the log below holds one release only: build 4's)
assert logs[2].contains('a release needs a reason')

// 4: released, evidence kept, who/when/why logged
assert new File(entry, 'evidence.json').isFile() && new File(entry, 'bad-lib-1.0.jar').isFile()
def released = new JsonSlurper().parse(new File(entry, 'released.json'))
assert released.reason == 'confirmed-with-the-publisher' && released.who && released.when
def log = new File(quarantineDir, 'release-log.jsonl').readLines().collect { new JsonSlurper().parseText(it) }
assert log.size() == 1 && log[0].coordinates == 'com.example:bad-lib:jar:1.0' && log[0].reason == 'confirmed-with-the-publisher'

// 5: resolved again, from the mirror
def line = ev.artifacts('com.example:bad-lib:jar:1.0')[0]
assert line.outcome == 'resolved' && line.repository == 'internal'
assert ev.findings('QUARANTINED').isEmpty()
assert new File(basedir, 'target/airlock/report.json').isFile()
true
