import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
def internalJar = new File(basedir, 'internal/com/acme/platform/widget/1.0/widget-1.0.jar')
def lookAlike = new File(basedir, 'proxy/com/acme/platform/widget/1.0/widget-1.0.jar')
assert sha256(internalJar) != sha256(lookAlike)

// without Airlock, the look-alike wins
def controlJar = new File(workdir, 'local-repo-control/com/acme/platform/widget/1.0/widget-1.0.jar')
assert controlJar.isFile() && sha256(controlJar) == sha256(lookAlike)

// with Airlock, the proxy is never asked for the internal namespace
assert servers.proxy.requests('com/acme').isEmpty() : servers.proxy.requests('com/acme')
def line = ev.artifacts('com.acme.platform:widget:jar:1.0')[0]
assert line.repository == 'internal'
assert line.sha256 == sha256(internalJar)
assert sha256(new File(localRepo, 'com/acme/platform/widget/1.0/widget-1.0.jar')) == sha256(internalJar)
// everything else still came from the proxy, asked first
def compiler = ev.kind('artifact').find { it.coordinates.startsWith('org.apache.maven.plugins:maven-compiler-plugin:jar:') }
assert compiler.repository == 'proxy'
assert ev.session().namespaces == ['com.acme.*=internal']
assert findings.findAll { it.severity != 'info' }.isEmpty() : findings
true
