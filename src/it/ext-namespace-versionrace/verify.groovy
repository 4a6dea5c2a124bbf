import java.security.MessageDigest
def sha256 = { File f -> MessageDigest.getInstance("SHA-256").digest(f.bytes).encodeHex().toString() }
// without Airlock, the range [1.0,) picks the attacker's higher version from the proxy's metadata
assert new File(workdir, 'local-repo-control/com/acme/platform/widget/99.0/widget-99.0.jar').isFile()

// with Airlock, versions of the internal namespace come from internal's metadata only: 1.0, internal bytes
assert servers.proxy.requests('com/acme').isEmpty() : servers.proxy.requests('com/acme')
assert !servers.internal.requests('com/acme/platform/widget/maven-metadata.xml').isEmpty()
def line = ev.artifacts('com.acme.platform:widget:jar:1.0')[0]
assert line != null && line.repository == 'internal'
assert line.sha256 == sha256(new File(basedir, 'internal/com/acme/platform/widget/1.0/widget-1.0.jar'))
assert ev.artifacts('com.acme.platform:widget:jar:99.0').isEmpty()
// the range itself is reported (airlock.floatingVersions=warn here)
assert ev.findings('FLOATING_VERSION').any { it.severity == 'warn' && it.coordinates.startsWith('com.acme.platform:widget') }
true
