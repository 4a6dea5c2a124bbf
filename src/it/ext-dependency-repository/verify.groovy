import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }

def blocked = ev.findings('REPOSITORY_BLOCKED').findAll { it.repository?.id == 'rogue' }
assert blocked.size() == 1 : blocked
def f = blocked[0]
assert f.severity == 'info'
assert f.repository.url == decoy.url()
assert f.details.declaredIn == 'com.example:dep-with-repo:pom:1.0' : f
assert f.message.contains('was not contacted')
assert findings.findAll { it.severity != 'info' }.isEmpty() : findings

def line = ev.artifacts('com.example:also-on-mirror:jar:1.0')[0]
assert line.repository == 'internal'
assert line.sha256 == sha256(new File(basedir, 'mirror/com/example/also-on-mirror/1.0/also-on-mirror-1.0.jar'))
assert decoy.count() == 0
true
