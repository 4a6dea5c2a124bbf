assert controlDecoyRequests > 0 : "the control build without Airlock should have asked the decoy"
assert decoy.count() == 0

def errors = ev.findings('REPOSITORY_BLOCKED', 'error', 'com.example:rogue-only:jar:1.0')
assert errors.size() == 1 : ev.findings('REPOSITORY_BLOCKED')
def f = errors[0]
assert f.repository.id == 'rogue'
assert f.repository.url == decoy.url()
assert f.details.declaredIn == 'com.example:dep-with-rogue:pom:1.0'
assert f.message.contains('no configured mirror (internal) has it')
assert buildLog.contains('[ERROR] [airlock] REPOSITORY_BLOCKED com.example:rogue-only:jar:1.0')
// the reports: report.json and SARIF carry the same finding
def report = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/airlock/report.json'))
assert report.format == 'airlock-report/1' && report.session == ev.session().session
assert report.summary.error == 2
assert report.findings.any { it.code == 'REPOSITORY_BLOCKED' && it.coordinates == 'com.example:rogue-only:jar:1.0' }
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/airlock/report.sarif'))
def results = sarif.runs[0].results
assert results.any { it.ruleId == 'REPOSITORY_BLOCKED' && it.level == 'error' && it.properties.coordinates == 'com.example:rogue-only:jar:1.0' }
assert results.every { it.locations[0].physicalLocation.artifactLocation.uri == 'pom.xml' }
true
