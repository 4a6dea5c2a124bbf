import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
def lock1 = new File(workdir, 'snapshots/1/.mvn/airlock.lock')
def lock2 = new File(workdir, 'snapshots/2/.mvn/airlock.lock')
def lock3 = new File(workdir, 'snapshots/3/.mvn/airlock.lock')
assert lock1.isFile() && lock2.isFile() && lock3.isFile()

// 1: shape and content
def lines = lock1.readLines()
assert lines.every { it ==~ /[0-9a-f]{64}  \S+/ } : lines.findAll { !(it ==~ /[0-9a-f]{64}  \S+/) }
def coords = lines.collect { it.substring(66) }
assert coords == coords.toSorted()
def entry = { c -> lines.find { it.endsWith('  ' + c) }?.substring(0, 64) }
assert entry('com.example:lib-a:jar:1.0') == sha256(new File(basedir, 'mirror/com/example/lib-a/1.0/lib-a-1.0.jar'))
assert entry('com.example:lib-b:jar:1.0') == sha256(new File(basedir, 'mirror/com/example/lib-b/1.0/lib-b-1.0.jar'))
assert entry('com.example:it-parent:pom:1') != null
['maven-compiler-plugin', 'maven-surefire-plugin', 'maven-jar-plugin', 'maven-install-plugin', 'maven-deploy-plugin', 'maven-clean-plugin'].each { p ->
    assert coords.any { it.startsWith("org.apache.maven.plugins:${p}:jar:") } : "${p} not recorded"
}
assert coords.any { it.startsWith('dev.airlock:airlock-maven-plugin:jar:') }
assert !coords.any { it.startsWith('org.example.app:') } : 'the reactor is not recorded'
assert !coords.any { it.startsWith('com.example:lib-extra:') }

// 2, 3: identical from warm and cold
assert lock2.bytes == lock1.bytes
assert lock3.bytes == lock1.bytes
// the module's recorded SBOM too (SPDX 2.3, SHA-256 and SHA-512 of every artifact, plugins included)
def spdx1 = new File(workdir, 'snapshots/1/airlock.spdx.json')
assert spdx1.isFile() : 'record wrote no airlock.spdx.json'
assert new File(workdir, 'snapshots/2/airlock.spdx.json').bytes == spdx1.bytes
assert new File(workdir, 'snapshots/3/airlock.spdx.json').bytes == spdx1.bytes
def spdx = new groovy.json.JsonSlurper().parse(spdx1)
assert spdx.spdxVersion == 'SPDX-2.3'
def libA = spdx.packages.find { p -> p.externalRefs?.any { it.referenceLocator.startsWith('pkg:maven/com.example/lib-a@1.0') } }
assert libA != null : 'lib-a is not in the recorded SBOM'
def libASha = libA.checksums.find { it.algorithm == 'SHA256' }?.checksumValue
assert libASha == sha256(new File(basedir, 'mirror/com/example/lib-a/1.0/lib-a-1.0.jar'))
assert libA.checksums.any { it.algorithm == 'SHA512' }
assert spdx.packages.any { p -> p.externalRefs?.any { it.referenceLocator.startsWith('pkg:maven/org.apache.maven.plugins/maven-compiler-plugin@') } } : 'plugins are not recorded'
// a plugin dependency the core exports (javax.inject, for maven-resources-plugin): Maven resolves it when the plugin
// runs, so the lock has it; Maven never loads it (the core's classes are used), so the SBOM does not list it
assert coords.contains('javax.inject:javax.inject:jar:1') : 'a core-exported plugin dependency Maven resolves is not locked'
assert !spdx.packages.any { p -> p.externalRefs?.any { it.referenceLocator.startsWith('pkg:maven/javax.inject/javax.inject@') } }


// 4: checked, clean
assert ev.findings(4, 'NOT_IN_LOCK').isEmpty() && ev.findings(4, 'LOCK_HASH_MISMATCH').isEmpty()
assert ev.lines(4).find { it.kind == 'session' }.lock.endsWith('.mvn/airlock.lock')

// 5: the unrecorded dependency
def missing = ev.findings(5, 'NOT_IN_LOCK')
assert missing.any { it.coordinates == 'com.example:lib-extra:jar:1.0' || it.coordinates == 'com.example:lib-extra:pom:1.0' } : missing
assert missing.every { it.severity == 'error' && it.fix.contains(':record') }
assert logs[4].contains('[ERROR] [airlock] NOT_IN_LOCK com.example:lib-extra:')

// 6: the diff
def extraJar = sha256(new File(basedir, 'mirror/com/example/lib-extra/1.0/lib-extra-1.0.jar'))
assert logs[5].contains("[airlock]   + ${extraJar}  com.example:lib-extra:jar:1.0")
assert logs[5] =~ /recorded .*airlock\.lock: \d+ artifacts; 2 added, 0 removed, 0 changed/

// 7: green
assert ev.findings(7, 'NOT_IN_LOCK').isEmpty()
assert decoy.count() == 0
true
