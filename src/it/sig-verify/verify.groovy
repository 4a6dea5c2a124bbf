// build 1: every signed artifact verified by the allowed signer; the plugins waived by the '*' line
def first = reports[0]
assert first.sources.contains('verifySignatures') : first.sources
def errors1 = first.findings.findAll { it.source == 'verifySignatures' && it.severity == 'error' }
assert errors1.isEmpty() : errors1
// the progress of the step (docs/progress.md): its final line, whatever its length
assert logs[0] =~ /\[airlock\] verifySignatures: (\d+) of \1 artifacts in \d+\.\d s/
assert logs[0] =~ /verifySignatures: \d+ artifact\(s\) checked against .*airlock-policy \(trusted root: bundled public-good trusted root, sha256 6494e21ea73fa7ee769f85f57d5a3e6a08725eae1e38c755fc3517c9e6bc0b66\)/
// the signatures came from the mirror, like any artifact
['dev/sigstore/sigstore-java/2.0.0/sigstore-java-2.0.0.jar.sigstore.json',
 'dev/sigstore/sigstore-maven-plugin/2.0.0/sigstore-maven-plugin-2.0.0.jar.sigstore.json',
 'org/jetbrains/annotations/23.0.0/annotations-23.0.0.jar.asc',
 'com/example/cosigned-lib/1.0/cosigned-lib-1.0.jar.sig'].each { p ->
    assert !mirror.requests(p).isEmpty() : "the mirror was not asked for ${p}"
}

// a green build carries no error at all, although the plugins' signature files the mirror lacks were also looked up
// against the POM's plugin repository (refused): not REPOSITORY_BLOCKED, not NOT_ON_MIRROR at error; one info line
assert first.summary.error == 0 : first.findings.findAll { it.severity == 'error' }
assert first.build.result == 'success'
def side = first.findings.findAll { it.code == 'NOT_ON_MIRROR' }
assert side.size() == 1 && side[0].severity == 'info' && side[0].coordinates == null : side
assert side[0].details.asked.toInteger() >= 3 : side[0]
assert side[0].message =~ /optional side file\(s\) \(signatures, bundles, provenance, checksums\)/
def blocked1 = first.findings.findAll { it.code == 'REPOSITORY_BLOCKED' && it.coordinates == null }
assert blocked1.size() == 1 && blocked1[0].severity == 'info' && blocked1[0].repository.id == 'plugins-elsewhere' : blocked1
// nothing about a side file names the refused repository
assert first.findings.findAll { it.code == 'REPOSITORY_BLOCKED' && it.coordinates =~ /\.(asc|sig|sigstore\.json)(:|$)/ }.isEmpty()
def sarif1 = new groovy.json.JsonSlurper().parse(new File(workdir, 'report-1.sarif'))
assert sarif1.runs[0].results.every { it.level != 'error' } : sarif1.runs[0].results.findAll { it.level == 'error' }
assert logs[0] =~ /\[airlock\] findings: 0 error\(s\)/
assert !logs[0].contains('[ERROR] [airlock]')
assert logs[0].readLines().count { it.contains('[airlock] NOT_ON_MIRROR') } == 1
assert decoy.count() == 0

// build 2: the same bytes under a policy that allows other signers: refused, naming the signer found
def second = reports[1]
def f2 = second.findings.findAll { it.source == 'verifySignatures' }
def notAllowed = f2.findAll { it.code == 'IDENTITY_NOT_ALLOWED' }*.coordinates as Set
assert notAllowed.containsAll(['dev.sigstore:sigstore-java:jar:2.0.0', 'dev.sigstore:sigstore-maven-plugin:jar:2.0.0',
                               'org.jetbrains:annotations:jar:23.0.0']) : f2
def sj = f2.find { it.code == 'IDENTITY_NOT_ALLOWED' && it.coordinates == 'dev.sigstore:sigstore-java:jar:2.0.0' }
assert sj.message.contains('SAN https://github.com/sigstore/sigstore-java/.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/v2.0.0')
assert sj.fix.contains('out of band')
def jb = f2.find { it.code == 'IDENTITY_NOT_ALLOWED' && it.coordinates == 'org.jetbrains:annotations:jar:23.0.0' }
assert jb.message.contains('B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501') : jb.message
// the cosign key is still the allowed one: no finding for it
assert f2.findAll { it.coordinates == 'com.example:cosigned-lib:jar:1.0' }.isEmpty() : f2
// nothing waived now: the unsigned plugins are missing their signatures
assert f2.any { it.code == 'SIGNATURE_MISSING' && it.coordinates.startsWith('org.apache.maven.plugins:maven-enforcer-plugin') } : f2
// policy outcomes never move files
assert !quarantineDir.exists() || quarantineDir.listFiles().findAll { it.name == 'entries' }.isEmpty()
true
