def log = { int n -> logs[n - 1] }
def lockLines = { File f -> f.readLines().collect { it.substring(66) } }

// the page's files were written and its snippets merged into the parent's own enforcer plugin
def pom = new File(basedir, 'pom.xml').text
assert pom.contains('<id>enforce-maven</id>') && pom.contains('<id>airlock</id>')
assert pom.contains('<artifactId>airlock-enforcer-rules</artifactId>')
assert new File(basedir, '.mvn/extensions.xml').text.contains('airlock-maven-extension')
assert new File(basedir, '.mvn/airlock-policy').isFile()
assert new File(basedir, 'settings.xml').text.contains('<mirrorOf>central</mirrorOf>')

// the mirror asked for credentials and got them from the page's <server> (the environment's values)
assert mirror.requests('/dev/airlock/airlock-maven-extension/').any { it.authenticated() && it.status() == 200 }
assert !buildLog.contains('adopt-s3cret-2026') : 'the password is in no log'
['report-3.json', 'resolution-3.jsonl'].each { assert !new File(workdir, it).text.contains('adopt-s3cret-2026') }

// 1: the plan of clean,deploy cannot be resolved from this mirror; the error names the parameter
assert log(1) =~ /maven-(deploy|install)-plugin/
assert log(1).contains('airlock.record.phases')
assert !log(1).contains('not an Airlock configuration key') && !log(1).contains('neither an Airlock configuration key')

// 2: recorded from an empty local repository, the extension fetched through the settings.xml mirror
assert mirror.requests('/dev/airlock/airlock-maven-extension/').any { it.status() == 200 }
def lock2 = new File(workdir, 'snapshots/2/.mvn/airlock.lock')
assert lock2.isFile()
def c2 = lockLines(lock2)
assert c2.contains('com.example:lib-a:jar:1.0') && c2.contains('com.example:lib-b:jar:1.0')
assert c2.any { it.startsWith('org.apache.maven.plugins:maven-compiler-plugin:jar:') }
assert c2.any { it.startsWith('org.apache.maven.plugins:maven-enforcer-plugin:jar:') }
assert c2.any { it.startsWith('dev.airlock:airlock-enforcer-rules:jar:') }
assert c2.any { it.startsWith('dev.airlock:airlock-maven-extension:jar:') }
assert !c2.any { it.startsWith('org.apache.maven.plugins:maven-deploy-plugin:') || it.startsWith('org.apache.maven.plugins:maven-install-plugin:') }
assert !c2.any { it.startsWith('org.example.shop:') } : 'the reactor is not recorded'
['airlock.spdx.json', 'shop-core/airlock.spdx.json', 'shop-app/airlock.spdx.json'].each {
    assert new File(workdir, "snapshots/2/${it}").isFile() : "${it} not recorded"
}
assert log(2).contains('NOT_EVALUATED') : 'verifySbom says that nothing was recorded yet'
assert log(2).contains('[airlock] recorded')
assert !log(2).contains('enforcer.skip')
assert !log(2).contains('not an Airlock configuration key')

// 3: the gate is green and enforcing
assert log(3).contains('BUILD SUCCESS')
['verifySbom', 'verifySignatures', 'verifyProvenance'].each { r ->
    assert log(3).count("[airlock] ${r}: ") >= 3 : "${r} did not run in every module"
}
assert log(3).contains('Rule 0: org.apache.maven.enforcer.rules.version.RequireMavenVersion passed') || log(3).contains('enforce-maven')
assert !log(3).contains('[WARNING] [airlock]') : log(3).readLines().findAll { it.contains('[WARNING] [airlock]') }

// 4: recorded again after a change, with the rules in force: warnings, no failure
def c4 = lockLines(new File(workdir, 'snapshots/4/.mvn/airlock.lock'))
assert c4.contains('com.example:lib-extra:jar:1.0') && !c2.contains('com.example:lib-extra:jar:1.0')
assert log(4) =~ /\[WARNING\] \[airlock\] NOT_IN_SBOM com\.example:lib-extra:jar:1\.0/
assert log(4).contains('+ ') && log(4).contains('com.example:lib-extra:jar:1.0')

// 5: green again
assert log(5).contains('BUILD SUCCESS')

// 6: the changed jar is refused and quarantined
assert log(6).contains('LOCK_HASH_MISMATCH')
assert log(6).contains('com.example:lib-a:jar:1.0')
def quarantined = []
quarantineDir.eachFileRecurse { if (it.name == 'evidence.json') quarantined << it }
assert quarantined.any { it.text.contains('com.example:lib-a:jar:1.0') && it.text.contains('LOCK_HASH_MISMATCH') } : quarantined
true
