// 1: the range, found where a dependency declared it
def range = ev.findings(1, 'FLOATING_VERSION')
assert range.size() == 1 : range
assert range[0].severity == 'error'
assert range[0].coordinates.startsWith('com.example:ranged:')
assert range[0].actual == '[1.0,2.0)'
assert range[0].path.any { it.startsWith('com.example:uses-range:jar:1.0') } : range[0].path
assert range[0].path.last() == 'com.example:ranged:jar:[1.0,2.0)'
assert logs[0].contains('[ERROR] [airlock] FLOATING_VERSION com.example:ranged:')

// 2: LATEST
def latest = ev.findings(2, 'FLOATING_VERSION')
assert latest.size() == 1 : latest
assert latest[0].actual == 'LATEST'
assert latest[0].coordinates.startsWith('com.example:ranged:')

// 3 and 4: the plugin without a version, in the POM and on the command line
[3, 4].each { n ->
    def plugin = ev.findings(n, 'FLOATING_VERSION')
    assert plugin.size() >= 1 : "build ${n}: ${ev.lines(n).findAll { it.kind == 'finding' }}"
    assert plugin.every { it.severity == 'error' && it.coordinates.startsWith('com.example:floating-maven-plugin:') }
    assert plugin[0].message.contains('has no version in the POM')
    assert logs[n - 1].contains('[ERROR] [airlock] FLOATING_VERSION com.example:floating-maven-plugin')
}
assert decoy.count() == 0
true
