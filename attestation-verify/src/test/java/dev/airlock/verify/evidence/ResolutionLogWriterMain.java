package dev.airlock.verify.evidence;

import java.nio.file.Path;

/** A second build in another process for {@link ResolutionLogConcurrencyTest}: session, start time, file, lines. */
public final class ResolutionLogWriterMain {
    private ResolutionLogWriterMain() {}

    public static void main(String[] args) throws Exception {
        ResolutionLog log = new ResolutionLog(args[0]);
        SessionHeaderTest.header(Long.parseLong(args[1])).write(log);
        log.open(Path.of(args[2]));
        int n = Integer.parseInt(args[3]);
        for (int i = 0; i < n; i++) {
            log.line("artifact").put("coordinates", "g:p:jar:" + i).write();
        }
        log.close();
    }
}
