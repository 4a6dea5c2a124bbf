import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
def jar = new File(localRepo, 'com/example/lib/1.0/lib-1.0.jar')
def pom = new File(localRepo, 'com/example/lib/1.0/lib-1.0.pom')
def index = new File(localRepo, 'com/example/lib/1.0/.airlock-sha256')
def line = { int build, String coords ->
    def l = ev.lines(build).find { it.kind == 'artifact' && it.coordinates == coords }
    assert l != null && l.outcome == 'resolved' : "build ${build}: no artifact line for ${coords}"
    assert l.file == (coords.contains(':jar:') ? jar : pom).absolutePath
    l
}
def artifacts = { int build -> ev.lines(build).findAll { it.kind == 'artifact' && it.sha256 } }

// 1: cold, everything hashed (the index is written at the end of build 1 or during build 2)
assert artifacts(1).every { it.sha256Source == null } : "build 1: ${artifacts(1).findAll { it.sha256Source }}"
assert line(2, 'com.example:lib:jar:1.0').sha256 == line(1, 'com.example:lib:jar:1.0').sha256
// 3: from the index, and right
def pomLine = line(3, 'com.example:lib:pom:1.0')
def jarLine = line(3, 'com.example:lib:jar:1.0')
assert jarLine.sha256Source == 'index' && pomLine.sha256Source == 'index'
assert pomLine.sha256 == sha256(pom)
assert index.text.readLines().find { it.startsWith('lib-1.0.pom\t') }.endsWith("\t" + sha256(pom))
def original = jarLine.sha256
assert original == line(2, 'com.example:lib:jar:1.0').sha256
// 4: the poisoned jar (same size and mtime) is hashed, and the evidence shows its real bytes
def poisoned = line(4, 'com.example:lib:jar:1.0')
assert poisoned.sha256Source == null : poisoned
assert poisoned.sha256 == sha256(jar)
assert poisoned.sha256 != original
assert line(4, 'com.example:lib:pom:1.0').sha256Source == 'index'
// 5: the index switched off
assert artifacts(5).every { it.sha256Source == null }
assert line(5, 'com.example:lib:jar:1.0').sha256 == sha256(jar)
// the jar's index entry is either the poisoned bytes' SHA-256 or a stale one: its ctime is not the file's
def jarEntry = index.text.readLines().find { it.startsWith('lib-1.0.jar\t') }.split('\t')
def ctime = java.nio.file.Files.getAttribute(jar.toPath(), 'unix:ctime').to(java.util.concurrent.TimeUnit.NANOSECONDS)
assert jarEntry[6] == sha256(jar) || (jarEntry[6] == original && jarEntry[5] as long != ctime) : jarEntry
assert jarEntry[3] as long == jar.length() && jarEntry[4] as long == java.nio.file.Files.getLastModifiedTime(jar.toPath()).to(java.util.concurrent.TimeUnit.NANOSECONDS)
assert decoy.count() == 0
true
