[1, 2, 3].each { n ->
    def errors = ev.findings(n, 'CONFIG_ERROR')
    assert errors.size() == 1 : "build ${n}: ${ev.lines(n)}"
    def e = errors[0]
    assert e.severity == 'error'
    assert e.message.contains('refused: it would weaken')
    assert e.fix.contains('.mvn/airlock.properties:')
    assert logs[n - 1].contains('[airlock] CONFIG_ERROR')
    assert !logs[n - 1].contains('BUILD SUCCESS')
}
assert ev.findings(1, 'CONFIG_ERROR')[0].message.contains('airlock.mirrors')
assert ev.findings(2, 'CONFIG_ERROR')[0].message.contains('airlock.mode=warn')
assert ev.session().mode == 'enforce'
assert logs[3].contains('[airlock] enforce mode')
assert decoy.count() == 0
true
