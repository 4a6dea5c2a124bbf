// without Airlock, the attacker's first publication is resolved from the proxy
assert new File(workdir, 'local-repo-control/com/acme/platform/billing-client/1.0/billing-client-1.0.jar').isFile()

// with Airlock, the internal namespace is asked of internal only: not there yet, so the build fails
assert servers.proxy.requests('com/acme').isEmpty() : servers.proxy.requests('com/acme')
assert !servers.internal.requests('com/acme/platform/billing-client/1.0/billing-client-1.0.pom').isEmpty()
assert !new File(localRepo, 'com/acme/platform/billing-client/1.0/billing-client-1.0.jar').exists()
assert buildLog.contains('com.acme.platform:billing-client')
assert buildLog.contains('BUILD FAILURE')
true
