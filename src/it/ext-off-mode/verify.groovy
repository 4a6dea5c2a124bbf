def lines = buildLog.readLines().findAll { it.contains('[airlock]') }
assert lines.size() == 1 : lines
assert lines[0].contains('airlock.mode=off') && lines[0].contains('NOT locked')
assert ev.lines().isEmpty()
assert !new File(basedir, 'target/airlock/resolution.jsonl').exists()
true
