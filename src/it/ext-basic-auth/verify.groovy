def ok = mirror.requests().findAll { it.status() == 200 }
assert !ok.isEmpty()
assert ok.every { it.authenticated() } : ok
assert !new File(workdir, 'resolution-1.jsonl').text.contains('it-Passw0rd-42')
assert ev.artifacts('com.example:lib-a:jar:1.0')[0].repository == 'internal'
assert findings.findAll { it.severity != 'info' }.isEmpty() : findings
true
