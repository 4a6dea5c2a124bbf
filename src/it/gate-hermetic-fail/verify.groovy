// build 1: the extension guards the build in enforce mode; the rule ran and found nothing
def first = reports[0]
assert first != null : "build 1 wrote no report.json"
assert first.sources.contains('requireHermeticResolution') : first.sources
assert first.findings.findAll { it.source == 'requireHermeticResolution' }.isEmpty() : first.findings
assert logs[0].contains('[airlock] requireHermeticResolution: no findings')
assert ev.session() != null

// build 2: no extension, but build 1's evidence file is still in target/airlock: it must not count
assert new File(basedir, 'target/airlock/resolution.jsonl').isFile() : "the stale evidence file was not kept"
def second = reports[1]
assert second != null : "build 2 wrote no report.json"
assert second.session.startsWith('noext-') : second.session
def absent = second.findings.findAll { it.code == 'EXTENSION_ABSENT' && it.source == 'requireHermeticResolution' }
assert absent.size() == 1 : second.findings
assert absent[0].severity == 'error'
assert absent[0].message.contains('left from another build') : absent[0].message
assert logs[1].contains('requireHermeticResolution: 1 finding fails this build (EXTENSION_ABSENT)') : logs[1]
assert logs[1].contains('BUILD FAILURE')
true
