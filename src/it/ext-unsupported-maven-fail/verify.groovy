// without Airlock this build reaches the repository a dependency's POM declares (the decoy)
assert controlDecoyRequests > 0 : "the control build without Airlock should have asked the decoy"

// with the extension on Maven 3.8.7: refused at session start, naming the version, the supported ones and the fix
assert exitCodes[0] != 0
assert buildLog.contains('[airlock] Maven 3.8.7 is not supported: its resolver lacks the repository filter and post-processor hooks') : buildLog
assert buildLog.contains('Supported: Maven 3.9.x (tested: 3.9.16), 3.10.x (tested: 3.10.0) and 4.0.x (tested: 4.0.0-rc-4)')
assert buildLog.contains('Fix: run this build with a supported Maven')
// nothing was resolved: no request reached the mirror or the decoy (the harness also checks the sink proxy)
assert mirror.count() == 0 : mirror.logText()
assert decoy.count() == 0 : decoy.logText()
assert !buildLog.contains('BUILD SUCCESS')
true
