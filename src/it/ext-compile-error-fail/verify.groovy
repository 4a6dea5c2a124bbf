// build 1: green; the POM the mirror lacks is a warning, nothing is an error
def first = reports[0]
assert first.build.result == 'success' : first.build
assert first.summary.error == 0 : first.findings
def pom = first.findings.findAll { it.code == 'NOT_ON_MIRROR' && it.coordinates == 'com.example:pomless-lib:pom:1.0' }
assert pom.size() == 1 && pom[0].severity == 'warn' : first.findings
assert pom[0].message.endsWith('; the build succeeded without it')
assert pom[0].details.requestedBy == 'com.example:compile-error:jar:1.0' : pom[0]
assert logs[0].contains('BUILD SUCCESS')
assert logs[0] =~ /\[airlock\] findings: 0 error\(s\), \d+ warning\(s\)/
assert !logs[0].contains('[ERROR] [airlock]')
assert !logs[0].contains('[airlock] build: ')

// build 2: a compile error; the summary says Maven failed for a reason Airlock did not raise, naming the error
def line = logs[1].readLines().find { it.contains('[airlock] build: ') }
assert line != null : logs[1]
assert line.startsWith('[ERROR] [airlock] build: FAILED for a reason Airlock did not raise (Airlock found nothing that fails it); Maven\'s first error: Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:') : line
assert line.contains('Compilation failure') && line.contains('Main.java') : line
def lines = logs[1].readLines()
assert lines.findIndexOf { it.contains('[airlock] build: FAILED') } < lines.findIndexOf { it.contains('[airlock] findings: 0 error(s)') }
def second = reports[1]
assert second.build.result == 'failure' && second.build.raisedByAirlock == false : second.build
assert second.build.firstError.contains('Compilation failure') && second.build.firstError.contains('Main.java')
assert second.summary.error == 0 : second.findings
// the POM the mirror lacks did not fail this build either: Maven's errors do not name it
def pom2 = second.findings.find { it.code == 'NOT_ON_MIRROR' && it.coordinates == 'com.example:pomless-lib:pom:1.0' }
assert pom2?.severity == 'warn' && pom2.message.endsWith('(the build failed for another reason)') : second.findings
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/airlock/report.sarif'))
assert sarif.runs[0].properties.build.result == 'failure' && sarif.runs[0].properties.build.raisedByAirlock == false
assert sarif.runs[0].results.every { it.level != 'error' }
true
