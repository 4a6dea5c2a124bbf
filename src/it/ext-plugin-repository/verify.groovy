assert controlDecoyRequests > 0 : "without Airlock the project's plugin repository is asked first"
assert decoy.count() == 0
def f = ev.findings('REPOSITORY_BLOCKED').findAll { it.repository?.id == 'plugins-elsewhere' }
assert f.size() == 1 : ev.findings('REPOSITORY_BLOCKED')
assert f[0].severity == 'info'
assert f[0].repository.url == decoy.url()
assert f[0].details.declaredIn == new File(basedir, 'pom.xml').absolutePath
def compiler = ev.kind('artifact').find { it.coordinates.startsWith('org.apache.maven.plugins:maven-compiler-plugin:jar:') }
assert compiler?.repository == 'internal' : compiler
assert findings.findAll { it.severity != 'info' }.isEmpty() : findings
true
