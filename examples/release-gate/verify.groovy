// the clean run: recorded, then the release gate green with every rule
assert new File(basedir, '.mvn/airlock.lock').isFile()
assert new File(basedir, 'shop-app/airlock.spdx.json').isFile() && new File(basedir, 'shop-api/airlock.spdx.json').isFile()
def gate = reports[1]
assert gate != null
assert gate.sources.containsAll(['extension', 'requireHermeticResolution', 'verifySbom', 'verifySignatures', 'verifyProvenance']) : gate.sources
assert gate.findings.findAll { it.severity == 'error' }.isEmpty() : gate.findings.findAll { it.severity == 'error' }
assert logs[1].contains('BUILD SUCCESS')

// each planted attack: refused with its code (the evidence of the extension, or the rules' report)
def props = new Properties()
new File(basedir, 'invoker.properties').withReader { props.load(it) }
// (none in the clean run, -Ddemo.clean=true)
(logs.size() > 2 ? (3..logs.size()) : []).each { n ->
    def code = props.getProperty("demo.expect.${n}")?.trim()
    def codes = (ev.findings(n, code).findAll { it.severity == 'error' } + (reports[n - 1]?.findings ?: []).findAll { it.code == code && it.severity == 'error' })
    assert !codes.isEmpty() : "build ${n} (${props.getProperty("demo.attack.${n}")}) was not refused with ${code}"
    assert logs[n - 1].contains('BUILD FAILURE')
}
// the token never reached the mirror; the injected repository was never asked
assert mirror.requests('73686f702d6465706c6f792d746f6b656e2d3737').isEmpty()
assert decoy.count() == 0
true
