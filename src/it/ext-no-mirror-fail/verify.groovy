def e = ev.findings('CONFIG_ERROR')
assert e.size() == 1 : ev.lines()
assert e[0].message.contains('no mirror is configured')
assert e[0].fix.contains('set airlock.mirrors')
assert mirror.count() == 0 && decoy.count() == 0
true
