def e = ev.findings('CONFIG_ERROR')
assert e.size() == 1 : ev.lines()
assert e[0].details.where.endsWith('.mvn/airlock.properties:3') : e[0]
assert e[0].message.contains("unknown key 'airlock.floatingVersion'")
assert e[0].fix.contains('airlock.floatingVersions')
assert buildLog.contains('.mvn/airlock.properties:3')
true
