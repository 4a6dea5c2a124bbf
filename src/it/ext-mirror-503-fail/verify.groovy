assert decoy.count() == 0
def f = ev.findings('MIRROR_UNAVAILABLE')
assert !f.isEmpty() : findings
assert f.every { it.severity == 'error' && it.repository.id == 'internal' }
assert f[0].message.contains('no fallback was tried')
assert buildLog.contains('[ERROR] [airlock] MIRROR_UNAVAILABLE')
true
