package dev.airlock.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The proxy every IT build is given for every non-loopback host: it records the first line of each connection
 * (e.g. {@code CONNECT some.host:443 HTTP/1.1}) and answers 502. Any line here means a build tried to reach
 * the outside; the harness fails the scenario when the sink saw anything.
 */
public final class SinkProxy implements AutoCloseable {
    private final ServerSocket socket;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread acceptor;

    public SinkProxy() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "it-sink-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public List<String> lines() {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    public void clear() {
        lines.clear();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                s.setSoTimeout(2000);
                String first = firstLine(s.getInputStream());
                if (first.isEmpty()) {
                    continue; // connected and closed without a request (requireNetworkIsolation's probe): nothing left
                }
                lines.add(first);
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
                lines.add("(connection: " + e + ")");
            }
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n' && sb.length() < 2000) {
            if (c != '\r') {
                sb.append(c >= 32 && c < 127 ? (char) c : '?');
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
