assert controlDecoyRequests > 0 : "the control build without Airlock should have asked the decoy"
assert decoy.count() == 0

def errors = ev.findings('REPOSITORY_BLOCKED', 'error', 'com.example:rogue-only:jar:1.0')
assert errors.size() == 1 : ev.findings('REPOSITORY_BLOCKED')
def f = errors[0]
assert f.repository.id == 'rogue'
assert f.repository.url == decoy.url()
assert f.details.declaredIn == 'com.example:dep-with-rogue:pom:1.0'
assert f.message.contains('no configured mirror (internal) has it')
assert buildLog.contains('[ERROR] [airlock] REPOSITORY_BLOCKED com.example:rogue-only:jar:1.0')
true
