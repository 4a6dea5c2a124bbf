package dev.airlock.rules;

import dev.airlock.verify.io.InParallel;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * Slow set-up a rule starts on a daemon thread before it resolves the closure (its {@code beforeCollecting}), so that
 * the two overlap instead of following each other: most of the set-up is loading a library's classes
 * (docs/benchmark.md). The rule joins it where it would have done the work; a failure is thrown there, as if the work
 * had run in the rule's thread. {@code input} is what the work was started for (a file): a rule whose input turned
 * out to be another does the work itself.
 */
final class Background<T> {
    private final FutureTask<T> task;
    private final Object input;
    private final String name;

    private Background(String name, Object input, Callable<T> work) {
        this.name = name;
        this.input = input;
        this.task = new FutureTask<>(work);
    }

    /** Starts {@code work} on a daemon thread named {@code name}. */
    static <T> Background<T> start(String name, Object input, Callable<T> work) {
        Background<T> b = new Background<>(name, input, work);
        Thread t = new Thread(b.task, name);
        t.setDaemon(true);
        t.start();
        return b;
    }

    /** Whether this work was started for {@code other}. */
    boolean isFor(Object other) {
        return input.equals(other);
    }

    /**
     * The work's result; its exception of type {@code checked}, a runtime exception or an error are thrown as they
     * were ({@link InParallel#get}: interrupted, the check does not complete and the rule fails closed).
     */
    <X extends Exception> T join(Class<X> checked) throws X {
        return InParallel.get(name, task, checked);
    }
}
