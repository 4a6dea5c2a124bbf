def lock = new File(basedir, '.mvn/airlock.lock')
assert lock.isFile() : 'record wrote no lock'
def coords = lock.readLines().collect { it.substring(66) }
assert coords.any { it.startsWith('com.example:marker-maven-plugin:jar:1.0') }
assert coords.contains('org.apache.maven:maven-legacy-fixture:jar:2.0.11')
assert !coords.any { it.startsWith('org.apache.maven.wagon:') } : coords.findAll { it.startsWith('org.apache.maven.wagon:') }
assert mirror.requests('wagon-provider-api').isEmpty() : mirror.requests('wagon-provider-api')
assert logs[0].contains('[airlock] recorded')
assert !logs[0].contains('wagon-provider-api') : 'record said nothing about an artifact Maven never loads'
assert new File(basedir, 'target/markers/checked.txt').isFile()
assert !logs[1].contains('NOT_IN_LOCK')
true
