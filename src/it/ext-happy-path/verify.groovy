import java.security.MessageDigest

def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }

// the evidence belongs to this build, in enforce mode, locked to the one mirror
def session = ev.session()
assert session != null : "no session line in resolution.jsonl"
assert session.mode == 'enforce'
assert session.mirrors*.id == ['internal']

// nothing went wrong and nothing was refused
assert findings.findAll { it.severity in ['error', 'warn'] }.isEmpty() : findings
assert buildLog.contains('[airlock] requests:')
assert buildLog =~ /public contacts: 0\)/

// each fixture came from the mirror, and the evidence holds the hash of the served bytes
['com.example:lib-a:jar:1.0', 'com.example:lib-b:jar:1.0', 'com.example:build-ext:jar:1.0',
 'com.example:it-parent:pom:1', 'com.example:it-bom:pom:1'].each { coords ->
    def lines = ev.artifacts(coords)
    assert !lines.isEmpty() : "no evidence for ${coords}"
    def line = lines[0]
    assert line.repository == 'internal' : line
    assert line.origin == 'remote' : line
    assert line.outcome == 'resolved' : line
    def (g, a, ext, v) = coords.split(':')
    def served = new File(basedir, "mirror/${g.replace('.', '/')}/${a}/${v}/${a}-${v}.${ext}")
    if (!served.exists()) served = new File(workdir, "fixtures-mirror/${g.replace('.', '/')}/${a}/${v}/${a}-${v}.${ext}")
    assert line.sha256 == sha256(served) : "${coords}: evidence ${line.sha256} != served ${sha256(served)}"
}

// the mirror saw the requests; Maven never mentioned central
['com/example/it-parent/1/it-parent-1.pom', 'com/example/it-bom/1/it-bom-1.pom',
 'com/example/lib-b/1.0/lib-b-1.0.jar', 'com/example/build-ext/1.0/build-ext-1.0.jar',
 'org/apache/maven/plugins/maven-compiler-plugin/'].each { p ->
    assert !mirror.requests(p).isEmpty() : "mirror was not asked for ${p}"
}
assert !buildLog.contains('from central')
assert new File(basedir, 'target/happy-app-1.0.jar').isFile()
true
