package dev.airlock.verify.sigstore;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tests of this module run on the trimmed sigstore-java dependency set (parent POM, "Sigstore / SLSA"): these
 * classes of the excluded network stack are absent, so every verification test here proves that offline
 * verification needs none of them.
 */
class FootprintTest {
    @Test
    void theNetworkStackIsNotOnTheClasspath() {
        for (String c : List.of("io.grpc.ManagedChannel", "io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder",
                "org.apache.http.client.HttpClient", "com.google.api.client.http.apache.v2.ApacheHttpTransport",
                "com.google.api.client.auth.oauth2.Credential", "io.opencensus.trace.Tracer",
                // (commons-codec, excluded from sigstore-java, is on the classpath for cyclonedx-core-java)
                "com.google.api.client.json.gson.GsonFactory")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(c, false, getClass().getClassLoader()), c);
        }
    }
}
