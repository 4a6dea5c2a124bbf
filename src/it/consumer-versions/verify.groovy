// groupId:artifactId:type[:classifier] -> version, from a dependency:list file (its "-- module" suffix and scope cut)
def read = { File f ->
    def out = [:]
    f.eachLine { line ->
        def m = line.trim() =~ /^([^\s:]+):([^\s:]+):([^\s:]+)(?::([^\s:]+))?:([^\s:]+):(compile|runtime|provided|system|test)\b(.*)$/
        if (m.matches() && m.group(1) != 'dev.airlock') {
            def key = m.group(1) + ':' + m.group(2) + ':' + m.group(3) + (m.group(4) ? ':' + m.group(4) : '')
            out[key] = [version: m.group(5), optional: m.group(7).contains('(optional)')]
        }
    }
    out
}
def problems = []
for (module in ['uses-extension', 'uses-rules', 'uses-plugin', 'uses-support', 'uses-library']) {
    def resolved = read(new File(basedir, module + '/target/resolved.txt'))
    def tested = read(new File(basedir, 'expected/' + module + '.txt'))
    // every module's tests ran with at least one third-party jar (jackson-core); an empty list would compare nothing
    assert !tested.isEmpty() : "no third-party entry in Airlock's tested list for " + module
    assert !resolved.isEmpty() : "the consumer resolved no third-party artifact for " + module
    resolved.each { k, v ->
        if (!tested.containsKey(k)) {
            problems << "${module}: a consumer resolves ${k}:${v.version}, which Airlock's tests never ran with"
        } else if (tested[k].version != v.version) {
            problems << "${module}: a consumer resolves ${k}:${v.version}, Airlock's tests ran with ${tested[k].version}"
        }
    }
    // the library's optional dependencies (and what only they bring) are not a consumer's; every other module's
    // class path must be complete
    if (module != 'uses-library') {
        tested.each { k, v ->
            if (!resolved.containsKey(k)) {
                problems << "${module}: Airlock's tests ran with ${k}:${v.version}, which a consumer does not resolve"
            }
        }
    }
}
assert problems.isEmpty() : problems.join('\n')
// the rules' class path, as a consumer gets it, holds the jackson Airlock manages
def rules = read(new File(basedir, 'uses-rules/target/resolved.txt'))
assert rules['com.fasterxml.jackson.core:jackson-databind:jar'].version == new File(basedir, 'expected/uses-rules.txt').text.find(/jackson-databind:jar:([^:\s]+)/) { all, v -> v }
assert decoy.count() == 0
true
