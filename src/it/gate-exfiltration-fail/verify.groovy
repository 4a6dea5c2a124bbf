def secret = 'Zq8-airlock-secret-42'
def hex = secret.bytes.encodeHex().toString()

// the token never reached the mirror (nor anything else: the harness checks the decoy and the sink proxy)
assert !mirror.requests('leaky-lib').isEmpty() : "the mirror was not even asked for the compromised dependency"
assert mirror.requests(hex).isEmpty() : "the token left the build: ${mirror.requests(hex)}"
assert !mirror.logText().contains(hex) && !mirror.logText().contains(secret)

// EXFILTRATION_SUSPECTED names the variable and the encoding, never the value
def found = ev.findings('EXFILTRATION_SUSPECTED')
assert found.size() >= 1 : findings
assert found.every { it.severity == 'error' }
assert found[0].message.contains('environment variable AIRLOCK_IT_DEPLOY_TOKEN (hex)') : found[0].message
assert found[0].coordinates.contains('<redacted>') : found[0].coordinates

// and the value is in none of Airlock's files or console lines
def evidenceText = new File(workdir, 'resolution-1.jsonl').text
assert !evidenceText.contains(hex) && !evidenceText.contains(secret)
def reportText = new File(workdir, 'report-1.json').text
assert reportText.contains('EXFILTRATION_SUSPECTED')
assert !reportText.contains(hex) && !reportText.contains(secret)
// (Maven's own "could not resolve" lines name the coordinates Maven asked for; the reason Airlock gives them does not)
buildLog.readLines().findAll { it.contains('airlock: refused') }.each {
    def reason = it.substring(it.indexOf('airlock: refused'))
    reason = reason.substring(0, reason.indexOf('EXFILTRATION_SUSPECTED'))
    assert !reason.contains(hex) : it
}
def airlockLines = buildLog.readLines().findAll { it.contains('[airlock]') }
assert airlockLines.any { it.contains('EXFILTRATION_SUSPECTED') } : "the summary does not show the finding"
airlockLines.each { assert !it.contains(hex) && !it.contains(secret) : "an Airlock line carries the token: ${it}" }
true
