import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
def mirrorJar = { a -> new File(basedir, "mirror/com/example/${a}/1.0/${a}-1.0.jar") }
def localJar = { a -> new File(localRepo, "com/example/${a}/1.0/${a}-1.0.jar") }

def refused = { int build, String a, String origin ->
    def untrusted = ev.findings(build, 'UNTRUSTED_LOCAL_ORIGIN').findAll { it.coordinates == "com.example:${a}:jar:1.0".toString() }
    assert untrusted.size() == 1 : "build ${build}: ${ev.findings(build, 'UNTRUSTED_LOCAL_ORIGIN')}"
    def f = untrusted[0]
    assert f.severity == 'error'
    assert f.file == localJar(a).absolutePath
    assert f.actual.contains(sha256(localJar(a)))
    assert f.expected.contains(sha256(mirrorJar(a)))
    assert f.message.contains(origin)
    assert logs[build - 1].contains("[ERROR] [airlock] UNTRUSTED_LOCAL_ORIGIN com.example:${a}:jar:1.0")
}
def verified = { int build, String a ->
    def line = ev.lines(build).find { it.kind == 'artifact' && it.coordinates == "com.example:${a}:jar:1.0".toString() }
    assert line?.origin == 'verified:internal' && line.outcome == 'resolved' : line
    assert ev.findings(build, 'UNTRUSTED_LOCAL_ORIGIN').isEmpty()
}

refused(1, 'lib-cached', "cached from a repository with id central")
// the poisoned copy was not recorded as the mirror's, so the next build checks it again
assert !new File(localRepo, 'com/example/lib-cached/1.0/_remote.repositories').text.contains('lib-cached-1.0.jar>internal=')
verified(2, 'lib-cached-same')
refused(3, 'lib-untracked', 'untracked')
verified(4, 'lib-untracked-same')
assert decoy.count() == 0
true
