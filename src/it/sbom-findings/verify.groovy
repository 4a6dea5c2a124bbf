def codes = { n -> reports[n - 1].findings.findAll { it.source == 'verifySbom' } }
def of = { n, code -> codes(n).findAll { it.code == code } }

// 1: exact: nothing fails; plugins: one NOT_EVALUATED (a third-party SBOM records none)
assert codes(1).findAll { it.severity == 'error' }.isEmpty() : codes(1)
assert of(1, 'NOT_EVALUATED').size() == 1 && (of(1, 'NOT_EVALUATED')[0].message + of(1, 'NOT_EVALUATED')[0].fix).contains('airlock.spdx.json')
assert of(1, 'NOT_IN_SBOM').isEmpty() && of(1, 'SBOM_HASH_MISMATCH').isEmpty()

// 2: NOT_IN_SBOM for lib-b only
assert of(2, 'NOT_IN_SBOM')*.coordinates == ['com.example:lib-b:jar:1.0'] : codes(2)
assert of(2, 'NOT_IN_SBOM')[0].severity == 'error'

// 3: version drift for lib-a (error), the stale lib-z entry (warn)
assert of(3, 'SBOM_VERSION_DRIFT')*.coordinates == ['com.example:lib-a:jar:1.0'] : codes(3)
assert of(3, 'SBOM_VERSION_DRIFT')[0].severity == 'error'
def stale = of(3, 'SBOM_ENTRY_NOT_RESOLVED')
assert stale.any { it.message.contains('lib-z') } && stale.every { it.severity == 'warn' } : codes(3)

// 4: only SHA-1 to compare: WEAK_HASH_ONLY (warn); the build passes
assert of(4, 'WEAK_HASH_ONLY')*.coordinates == ['com.example:lib-a:jar:1.0'] : codes(4)
assert of(4, 'WEAK_HASH_ONLY')[0].severity == 'warn'
assert logs[3].contains('BUILD SUCCESS')

// 5: SPDX without hashes: unverifiable, never a mismatch; the unqualified lib-c entry matches two classifiers
assert of(5, 'SBOM_HASH_MISMATCH').isEmpty() : codes(5)
assert (of(5, 'SBOM_NO_HASH')*.coordinates as Set).containsAll(['com.example:lib-a:jar:1.0', 'com.example:lib-b:jar:1.0']) : codes(5)
assert of(5, 'SBOM_AMBIGUOUS').any { it.message.contains('lib-c') } : codes(5)

// 6: a truncated SBOM stops the rule with file and position
assert logs[5] =~ /truncated\.cdx\.json:\d+:\d+/ : logs[5].readLines().findAll { it.contains('ERROR') }
assert logs[5].contains('CONFIG_ERROR')
assert !logs[5].contains('at dev.airlock') : 'a stack trace'
true
