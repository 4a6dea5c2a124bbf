import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
def served = [
    'com.example:cosigned-lib:jar:1.0'            : new File(basedir, 'mirror/com/example/cosigned-lib/1.0/cosigned-lib-1.0.jar'),
    'dev.sigstore:sigstore-maven-plugin:jar:2.0.0': new File(basedir, 'mirror/dev/sigstore/sigstore-maven-plugin/2.0.0/sigstore-maven-plugin-2.0.0.jar')]

// build 1: both signatures fail on the changed bytes
def invalid = reports[0].findings.findAll { it.code == 'SIGNATURE_INVALID' && it.source == 'verifySignatures' }
assert (invalid*.coordinates as Set) == served.keySet() : reports[0].findings
invalid.each { assert it.severity == 'error' && it.file != null : it }
def plugin = invalid.find { it.coordinates.startsWith('dev.sigstore') }
assert plugin.expected.contains('f5578d8c6784707366c0c7704d22395a43f1f59439d3a5beea3e5fbfba3046d8') : plugin
assert logs[0].contains('verifySignatures: 2 findings fail this build (SIGNATURE_INVALID)')
assert logs[0].contains('Integrity failures are quarantined when the build ends.')

// ... and are in quarantine with their evidence (moved out of the local repository at the end of build 1)
served.each { coords, file ->
    def (g, a, ext, v) = coords.split(':')
    def entryDir = new File(quarantineDir, "entries/${g.replace('.', '/')}/${a}/${v}/${ext}")
    assert entryDir.isDirectory() : "nothing quarantined for ${coords}"
    def evidence = new groovy.json.JsonSlurper().parse(entryDir.listFiles()[0].toPath().resolve('evidence.json').toFile())
    assert evidence.code == 'SIGNATURE_INVALID' && evidence.rule == 'verifySignatures'
    assert evidence.sha256 == sha256(file) : "quarantined bytes are not the served ones"
    assert evidence.coordinates == coords
    def kept = new File(entryDir.listFiles()[0], "${a}-${v}.${ext}")
    assert kept.isFile() && sha256(kept) == sha256(file) : "the quarantine does not hold the served bytes"
    assert evidence.originalFile.endsWith("${g.replace('.', '/')}/${a}/${v}/${a}-${v}.${ext}") : evidence.originalFile
}
assert logs[0] =~ /\[airlock\] quarantined com\.example:cosigned-lib:jar:1\.0 \(SIGNATURE_INVALID\)/

// build 2: the mirror serves the same bytes again: refused as QUARANTINED by the extension
def q = ev.findings('QUARANTINED')
assert (q*.coordinates as Set).containsAll(served.keySet()) : findings
true
