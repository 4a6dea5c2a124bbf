// build 1: both verified, one from the sidecar, one from the attestations directory
def first = reports[0]
assert first.sources.contains('verifyProvenance')
def errors1 = first.findings.findAll { it.source == 'verifyProvenance' && it.severity == 'error' }
assert errors1.isEmpty() : errors1
assert !mirror.requests('io/example/example-package/14/example-package-14-jar.build.slsa').isEmpty()
assert logs[0] =~ /verifyProvenance: \d+ artifact\(s\) checked against .*; 1 attestation file\(s\) in /

// build 2: the source is not the trusted one: refused, naming the source found; the plugins lack provenance
def f2 = reports[1].findings.findAll { it.source == 'verifyProvenance' }
def src = f2.findAll { it.code == 'SOURCE_NOT_TRUSTED' }
assert (src*.coordinates as Set) == ['io.example:example-package:jar:14', 'io.example:gradle-package:jar:14'] as Set : f2
src.each { assert it.message.contains('https://github.com/slsa-framework/example-package') && it.fix.contains('out of band') : it }
assert f2.any { it.code == 'PROVENANCE_MISSING' && it.coordinates.startsWith('org.apache.maven.plugins:maven-enforcer-plugin') } : f2
assert f2.every { it.file == null } : 'policy outcomes never quarantine'
true
