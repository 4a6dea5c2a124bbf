def startMissing = "the extension's session start did not run"
def requestsIn = { int n -> mirror.requests().subList(n == 1 ? 0 : requestCounts[n - 2].internal,
        requestCounts[n - 1].internal) }

// the page's script installed its four jars and the installation's policy (build 4 reinstalled them and removed
// jackson-core)
def ext = new File(workdir, 'maven-home/lib/ext')
assert ext.list().findAll { it.startsWith('airlock-') }.size() == 3 && !ext.list().any { it.startsWith('jackson-core-') } :
        ext.list()
assert new File(workdir, 'maven-home/conf/airlock.properties').text.contains("airlock.mirrors=internal=${mirror.url()[0..-2]}")
assert !new File(basedir, '.mvn/extensions.xml').exists()

// 1: locked to the mirror in the installation's mode (enforce, over the project's warn), with the session header
assert exitCodes[0] == 0 : logs[0]
assert logs[0].contains('[airlock] enforce mode: resolution locked to internal=') : logs[0]
def header = ev.kind(1, 'session')
assert header.size() == 1 && header[0].mode == 'enforce' && header[0].mirrors*.id == ['internal'] : header
assert ev.kind(1, 'artifact').find { it.coordinates == 'com.example:it-parent:pom:1' }?.repository == 'internal'
assert requestsIn(1).any { it.path().startsWith('/org/apache/maven/plugins/maven-jar-plugin/') }
assert !logs[0].contains(startMissing)

// 2: airlock-maven-support left out: refused before any request, and the build says why and what to install
assert exitCodes[1] != 0
assert !logs[1].contains('enforce mode: resolution locked') : logs[1]
assert logs[1].contains(startMissing) && logs[1].contains('airlock-maven-support') && logs[1].contains('docs/ci.md') : logs[1]
assert requestsIn(2).isEmpty() : requestsIn(2)
assert !new File(localRepo, 'com/example/it-parent/1/it-parent-1.pom').exists()

// 3: nothing to resolve: the build still fails, at its end, with the same message
assert exitCodes[2] != 0
assert logs[2].contains(startMissing) : logs[2]
assert requestsIn(3).isEmpty() : requestsIn(3)

// 4: jackson-core left out: stopped at the session's start, naming the jars, before any request; no crash dump
assert exitCodes[3] != 0
assert logs[3].contains('[airlock] the extension is installed incompletely') && logs[3].contains('jackson-core') : logs[3]
assert !logs[3].contains('Exception in thread') && !logs[3].contains('constituent[') : logs[3]
assert requestsIn(4).isEmpty() : requestsIn(4)
true
