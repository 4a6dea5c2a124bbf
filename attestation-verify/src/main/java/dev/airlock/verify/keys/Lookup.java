package dev.airlock.verify.keys;

import java.util.Objects;

/**
 * What one key server request gave: {@link Found}, {@link NotFound}, {@link Refused} (the server answered, but its
 * data does not hold up) or {@link Failed} (no usable answer). Each names the URL asked.
 */
public sealed interface Lookup {
    /** The URL that was requested. */
    String url();

    /** One line for the user: the URL and what happened. */
    String describe();

    /** The server returned a key that carries the requested fingerprint and whose self-signatures verify. */
    record Found(FetchedKey key, String url) implements Lookup {
        public Found {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String describe() {
            return url + ": found " + key.fingerprint() + " " + key.userIds();
        }
    }

    /** The server has no such key (HTTP 404). */
    record NotFound(String url) implements Lookup {
        public NotFound {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String describe() {
            return url + ": not found";
        }
    }

    /**
     * The server answered with key data that is not what was asked for: another key, a key whose self-signatures do
     * not verify, several keys carrying a key id, or damaged data. Never use such an answer.
     */
    record Refused(String url, String reason) implements Lookup {
        public Refused {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return url + ": refused, " + reason;
        }
    }

    /** No usable answer: the network, an HTTP status other than 2xx and 404, a timeout, a body too large or not a key. */
    record Failed(String url, String reason) implements Lookup {
        public Failed {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String describe() {
            return url + ": failed, " + reason;
        }
    }
}
