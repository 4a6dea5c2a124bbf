package demo;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Build code that tries to connect out: in the offline phase it must not get anywhere. */
class EgressTest {
    @Test
    void connectingOut() throws Exception {
        String target = System.getProperty("egress.target", "");
        String expect = System.getProperty("egress.expect", "any");
        int colon = target.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(target.substring(0, colon),
                Integer.parseInt(target.substring(colon + 1)));
        if (expect.equals("blocked")) {
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(address, 2000);
                }
            });
            System.out.println("egress to " + target + ": blocked");
        } else {
            try (Socket s = new Socket()) {
                s.connect(address, 2000);
                System.out.println("egress to " + target + ": connected");
            }
        }
    }
}
