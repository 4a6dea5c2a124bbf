def f = report.findings.findAll { it.source == 'verifyProvenance' }
def missing = f.find { it.code == 'PROVENANCE_MISSING' && it.coordinates == 'com.example:unattested-lib:jar:1.0' }
assert missing != null && missing.severity == 'error' : f
assert missing.file == null : 'a missing provenance is no integrity failure'
def mismatch = f.find { it.code == 'PROVENANCE_SUBJECT_MISMATCH' && it.coordinates == 'io.example:example-package:jar:14' }
assert mismatch != null && mismatch.severity == 'error' && mismatch.file != null : f
assert buildLog.contains('verifyProvenance: 2 findings fail this build')
// the artifact whose provenance names other bytes is quarantined at the end of the build
assert new File(quarantineDir, 'entries/io/example/example-package/14/jar').isDirectory()
assert !new File(quarantineDir, 'entries/com/example/unattested-lib').exists()
true
