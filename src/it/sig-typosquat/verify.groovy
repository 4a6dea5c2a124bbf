def t = report.findings.findAll { it.code == 'TYPOSQUAT_SUSPECTED' }
assert t*.coordinates == ['com.fasterxm1.jackson.core:jackson-databind:jar:2.17.2'] : report.findings
assert t[0].severity == 'warn' && t[0].source == 'verifySignatures'
assert t[0].message.contains('resembles com.fasterxml.jackson')
assert buildLog.contains('[WARNING] [airlock] TYPOSQUAT_SUSPECTED com.fasterxm1.jackson.core:jackson-databind:jar:2.17.2')
// a warning: flagged, the build goes on
assert buildLog.contains('BUILD SUCCESS')
true
