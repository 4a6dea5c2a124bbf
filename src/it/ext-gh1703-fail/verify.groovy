assert decoy.count() == 0
def blocked = ev.findings('REPOSITORY_BLOCKED').findAll { it.severity == 'error' && it.coordinates?.startsWith('com.example:cached-lib:') }
assert !blocked.isEmpty() : findings
def handedOver = ev.kind('artifact').findAll { it.coordinates?.startsWith('com.example:cached-lib:') && it.origin }
if (mavenVersion == '4.0.0-rc-4') {
    // the affected resolver served the cached copy; Airlock refused it
    assert !handedOver.isEmpty() : ev.kind('artifact').findAll { it.coordinates?.startsWith('com.example:cached-lib:') }
    assert handedOver.every { it.outcome == 'refused' && it.origin == 'cached:internal' }
    assert blocked.any { it.message.contains('GH-1703') }
} else {
    // fixed resolvers never hand it over
    assert handedOver.isEmpty() : handedOver
}
assert !new File(basedir, 'target/classes/demo/Main.class').exists()
true
