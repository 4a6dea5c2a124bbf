import groovy.json.JsonSlurper

assert decoy.count() == 0
def coords = 'com.example:missing-lib:jar:1.0'
def errors = ev.findings('NOT_ON_MIRROR', 'error', coords)
assert errors.size() == 1 : ev.findings('NOT_ON_MIRROR')
def f = errors[0]
// the mirror asked, the coordinates, what asked for it
assert f.repository.id == 'internal' && f.repository.url == mirror.url()
assert f.details.mirrors == 'internal'
assert f.message.contains("${coords} is not on the configured mirrors: internal (${mirror.url()}) answered not found")
assert f.details.requestedBy == 'com.example:needs-missing:jar:1.0' : f
assert f.message.contains('requested by com.example:needs-missing:jar:1.0')
assert f.path == ['com.example:not-on-mirror:jar:1.0', 'com.example:needs-missing:jar:1.0', coords] : f.path
assert !ev.findings('NOT_ON_MIRROR', 'error', 'com.example:missing-lib:pom:1.0').isEmpty()

// the snapshots-only repository of the parent is blamed for nothing, not even named
assert ev.findings('REPOSITORY_BLOCKED').findAll { it.severity == 'error' }.isEmpty() : ev.findings('REPOSITORY_BLOCKED')
assert findings.findAll { it.repository?.id == 'apache.snapshots' }.isEmpty() : findings
assert buildLog.readLines().findAll { it.contains('[airlock] ') && it.contains('apache.snapshots')
        && !it.contains('[airlock] build: ') }.isEmpty()
// Maven's own error quotes the filter, which says why that repository never mattered
assert buildLog.contains('nor would Maven have asked it: its release/snapshot policy excludes this version')

// the console says it
assert buildLog.contains("[ERROR] [airlock] NOT_ON_MIRROR ${coords}: ")
assert buildLog.contains('[ERROR] [airlock] build: FAILED on what Airlock reported')
assert buildLog =~ /\[airlock\] findings: 2 error\(s\), 0 warning\(s\)/

// report.json and SARIF agree
def report = new JsonSlurper().parse(new File(basedir, 'target/airlock/report.json'))
assert report.summary.error == 2 && report.summary.byCode.NOT_ON_MIRROR == 2 : report.summary
assert report.summary.byCode.REPOSITORY_BLOCKED == null : report.summary
assert report.build.result == 'failure' && report.build.raisedByAirlock == true : report.build
assert report.build.firstError.contains(coords) : report.build
def sarif = new JsonSlurper().parse(new File(basedir, 'target/airlock/report.sarif'))
def results = sarif.runs[0].results
assert results.count { it.ruleId == 'NOT_ON_MIRROR' && it.level == 'error' } == 2 : results
assert results.every { it.ruleId != 'REPOSITORY_BLOCKED' }
assert sarif.runs[0].properties.build.result == 'failure'
true
