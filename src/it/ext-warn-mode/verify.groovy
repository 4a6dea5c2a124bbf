assert ev.session().mode == 'warn'
def floating = ev.findings('FLOATING_VERSION')
assert floating.size() == 1 && floating[0].severity == 'warn' : floating
assert floating[0].coordinates.startsWith('com.example:ranged:')
def local = ev.findings('UNTRUSTED_LOCAL_ORIGIN')
assert local.size() >= 1 : findings
assert local.every { it.severity == 'warn' }
assert local.any { it.coordinates == 'com.example:lib-untracked:jar:1.0' }
assert findings.findAll { it.severity == 'error' }.isEmpty() : findings
assert buildLog.contains('[WARNING] [airlock] FLOATING_VERSION')
assert decoy.count() == 0
true
