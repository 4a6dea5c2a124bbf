import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
assert decoy.count() == 0
def line = ev.artifacts('com.example:lib-a:jar:1.0')[0]
assert line.repository == 'internal'
assert line.sha256 == sha256(new File(basedir, 'mirror/com/example/lib-a/1.0/lib-a-1.0.jar'))
assert findings.findAll { it.severity != 'info' }.isEmpty() : findings
assert !mirror.requests('com/example/lib-a/1.0/lib-a-1.0.jar').isEmpty()
true
