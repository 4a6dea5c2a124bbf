def hostport = mirror.url().replaceAll('^http://', '').replaceAll('/$', '')
def egress = report.findings.findAll { it.code == 'NETWORK_EGRESS_POSSIBLE' }
assert egress.every { it.source == 'requireNetworkIsolation' && it.severity == 'error' } : egress
// the reachable endpoint (the loopback listener), and the proxy of settings.xml (the harness's sink proxy)
def endpoint = egress.find { it.actual.startsWith("tcp:${hostport}:") }
assert endpoint != null : egress
assert endpoint.message.contains('configured endpoint') && endpoint.message.contains('accepted a connection')
def proxy = egress.find { it.message.contains("settings.xml proxy 'sink-http'") }
assert proxy != null : egress
// the closed port is not reported
assert egress.findAll { it.actual.startsWith('tcp:127.0.0.1:1:') }.isEmpty() : egress
assert egress.size() == 2 : egress
assert buildLog.contains('requireNetworkIsolation: 2 findings fail this build (NETWORK_EGRESS_POSSIBLE)')
true
