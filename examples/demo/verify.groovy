assert controlDecoyRequests > 0
assert decoy.count() == 0
def f = ev.findings('REPOSITORY_BLOCKED', 'error', 'com.example:payment-native:jar:2.4')
assert f.size() == 1 : findings
assert f[0].repository.id == 'sdk-downloads'
assert f[0].details.declaredIn == 'com.example:payment-sdk:pom:2.4'
true
