// docs/propose.md, end to end (README.md)
def JETBRAINS = 'B46DC71E03FEEB7F89D1F2491F7A8F87B9D8F501'
def JETBRAINS_SUBKEY = '33FD4BFD33554634053D73C0C2148900BCD3C2AF'
def DD_PLIST = '1CEED21A8E77F056ED2341A84410603103CE3AF4'
def publisher = new File(basedir, 'it-pgp-publisher.fpr').text.trim()
def attacker = new File(basedir, 'it-pgp-attacker.fpr').text.trim()
assert publisher ==~ /[0-9A-F]{40}/ && attacker ==~ /[0-9A-F]{40}/ && publisher != attacker

// ---- 1: the proposal ----
assert exitCodes[0] == 0 : logs[0]
def proposed = new File(workdir, 'snapshots/1/.mvn/airlock-policy.proposed')
def keys = new File(workdir, 'snapshots/1/.mvn/keys/proposed.asc')
assert proposed.isFile() && keys.isFile()
def text = proposed.getText('UTF-8')
def lines = text.readLines().findAll { it && !it.startsWith('#') }
// one line per signer, each groupId given to the signer that alone signs it
assert lines.contains("org.jetbrains:*  pgp fingerprint=${JETBRAINS}".toString()) : text
assert lines.contains("com.googlecode.plist:*  pgp fingerprint=${DD_PLIST}".toString()) : text
assert lines.contains("com.example.signed:*  pgp fingerprint=${publisher}".toString()) : text
// dev.sigstore:sigstore-java (a dependency of the rules) has no bundle on this mirror: the Sigstore signer does not
// sign its whole groupId here, so its line names the one artifact it signs, and sigstore-java gets a waiver
assert lines.contains('dev.sigstore:sigstore-maven-plugin  sigstore san=https://github.com/sigstore/sigstore-java/' +
        '.github/workflows/release-sigstore-java-from-tag.yaml@refs/tags/* issuer=https://token.actions.githubusercontent.com') : text
assert lines.contains('dev.sigstore:sigstore-java  unsigned reason="no signature next to it on the mirrors when proposed"') : text
// the keysmap knows jackson is signed upstream: the waiver this mirror's missing .asc leads to is flagged loudly
assert text.contains('!!! KEYSMAP DISAGREES for com.fasterxml.jackson.core:jackson-core:jar:') : text
// the plan's plugins are unsigned on the IT mirror: one waiver each, never '*'
assert lines.contains('org.apache.maven.plugins:maven-enforcer-plugin  unsigned reason="no signature next to it on the mirrors when proposed"') : text
assert lines.contains('dev.airlock:airlock-enforcer-rules  unsigned reason="no signature next to it on the mirrors when proposed"') : text
assert lines.contains('org.jetbrains:annotations  noprovenance reason="no provenance next to it on the mirrors when proposed"') : text
assert !lines.any { it.startsWith('*') } : text
assert !lines.any { it.contains('com.example.adopt') } : 'reactor modules are not judged: ' + text
assert !lines.any { it.contains(attacker) } : text
// the identities and the keysmap's second opinion, in comments
assert text.contains('user ids (claims of the key, not verified): Download <download@jetbrains.com>') : text
assert text.contains('Airlock IT publisher <publisher@airlock.example>') : text
assert text.contains('# second opinion: org.simplify4u:pgp-keys-map:2026.01.20 (pgp-keys-map.list)') : text
assert text =~ /keysmap agrees for org\.jetbrains:annotations:jar:23\.0\.0: org\.simplify4u:pgp-keys-map:2026\.01\.20 \(pgp-keys-map\.list\):1176: org\.jetbrains:annotations = / : text
assert text.contains('keysmap is silent on com.googlecode.plist:dd-plist:jar:1.28') : text
assert text.contains(' 0 unresolved, 0 invalid signature(s);') : text
assert !text.contains('# ==== unresolved') && !text.contains('# ==== INVALID') : text
// the keyring: exactly the three OpenPGP signers
def ascText = keys.getText('US-ASCII')
assert ascText.count('-----BEGIN PGP PUBLIC KEY BLOCK-----') == 3 : ascText
// each issuer asked once, by the fingerprint its signature names (JetBrains': the signing subkey's), in build 1
def fetched = keyserver.requests('/vks/v1/by-fingerprint/')*.path()
[JETBRAINS_SUBKEY, DD_PLIST, publisher].each { f ->
    assert fetched.count { it.endsWith('/' + f) } == 2 : "${f} asked once per propose run: ${fetched}"
}
assert requestCounts[0].keyserver == 3 : requestCounts
// the signatures came from the mirror, like any artifact
['org/jetbrains/annotations/23.0.0/annotations-23.0.0.jar.asc',
 'com/googlecode/plist/dd-plist/1.28/dd-plist-1.28.jar.asc',
 'dev/sigstore/sigstore-maven-plugin/2.0.0/sigstore-maven-plugin-2.0.0.jar.sigstore.json'].each { p ->
    assert !mirror.requests(p).isEmpty() : "the mirror was not asked for ${p}"
}
assert logs[0] =~ /\[airlock\] proposed .*airlock-policy\.proposed: \d+ artifact\(s\), 4 signer\(s\), 0 builder\(s\), 0 unresolved, 0 invalid/
assert logs[0] =~ /\[airlock\] against no policy/
assert logs[0].contains("[airlock]   + org.jetbrains:* pgp fingerprint=${JETBRAINS}")
assert logs[0] =~ /\[airlock\]   \+ key ${DD_PLIST} /
assert logs[0].contains('nothing is trusted yet')

// ---- 2: again, cold: the same bytes ----
assert exitCodes[1] == 0 : logs[1]
assert new File(workdir, 'snapshots/2/.mvn/airlock-policy.proposed').bytes == proposed.bytes
assert new File(workdir, 'snapshots/2/.mvn/keys/proposed.asc').bytes == keys.bytes

// ---- 3: accepted; both rules green ----
def third = reports[2]
assert exitCodes[2] == 0 : logs[2]
assert third.sources.contains('verifySignatures') && third.sources.contains('verifyProvenance') : third.sources
def trustErrors = third.findings.findAll { it.source in ['verifySignatures', 'verifyProvenance'] && it.severity == 'error' }
assert trustErrors.isEmpty() : trustErrors
assert logs[2] =~ /verifySignatures: \d+ artifact\(s\) checked against .*airlock-policy/
assert requestCounts[2].keyserver == requestCounts[1].keyserver : 'the rules never ask a key server'

// ---- 4: a new dependency by a signer nobody reviewed ----
assert exitCodes[3] != 0
def f4 = reports[3].findings.findAll { it.source == 'verifySignatures' && it.severity == 'error' }
assert f4*.code == ['IDENTITY_NOT_ALLOWED'] && f4[0].coordinates == 'com.example.other:newcomer:jar:1.0' : f4
assert f4[0].message.contains(attacker) : f4[0].message
assert reports[3].findings.any { it.code == 'PROVENANCE_MISSING' && it.coordinates == 'com.example.other:newcomer:jar:1.0' }

// ---- 5: a signature stripped ----
assert exitCodes[4] != 0
def f5 = reports[4].findings.findAll { it.source == 'verifySignatures' && it.severity == 'error' }
assert f5*.code == ['SIGNATURE_MISSING'] && f5[0].coordinates == 'com.example.signed:stripped-lib:jar:1.0' : f5

// ---- 6: a jar re-signed by another key ----
assert exitCodes[5] != 0
def f6 = reports[5].findings.findAll { it.source == 'verifySignatures' && it.severity == 'error' }
def resigned = f6.find { it.coordinates == 'com.example.signed:signed-lib:jar:1.0' }
assert resigned != null && resigned.code == 'IDENTITY_NOT_ALLOWED' : f6
assert resigned.message.contains(attacker) : resigned.message
// policy outcomes never move files
assert !quarantineDir.exists() || quarantineDir.listFiles().findAll { it.name == 'entries' }.isEmpty()
assert decoy.count() == 0
true
