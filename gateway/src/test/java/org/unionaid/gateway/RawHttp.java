package org.unionaid.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** HTTP/1.1 over a bare socket: paths exactly as written, and chunked bodies, which ready-made clients tidy away. */
final class RawHttp {

    record Answer(int status, String body) {
    }

    private RawHttp() {
    }

    static Answer get(URI uri, String authorization) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            send(socket.getOutputStream(), "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nAuthorization: " + authorization + "\r\nConnection: close\r\n\r\n");
            return read(socket.getInputStream());
        }
    }

    static Answer postChunked(URI uri, String authorization, int bytes) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            send(out, "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nAuthorization: " + authorization + "\r\nContent-Type: application/octet-stream"
                    + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            byte[] chunk = new byte[16 * 1024];
            try {
                for (int sent = 0; sent < bytes; sent += chunk.length) {
                    send(out, Integer.toHexString(chunk.length) + "\r\n");
                    out.write(chunk);
                    send(out, "\r\n");
                }
                send(out, "0\r\n\r\n");
            } catch (IOException refusedMidway) {
                // the gateway may hang up once it has answered; its answer is still to be read
            }
            return read(socket.getInputStream());
        }
    }

    /** Sends the head with Expect: 100-continue; the body only after the gateway's interim answer, which is returned first. */
    static List<Answer> postExpectingContinue(URI uri, String authorization, byte[] body) throws IOException {
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            send(out, "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nAuthorization: " + authorization + "\r\nContent-Type: application/json"
                    + "\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            Answer interim = new Answer(Integer.parseInt(head.toString(StandardCharsets.US_ASCII).substring(9, 12)), "");
            if (interim.status() != 100) {
                return List.of(interim);
            }
            out.write(body);
            out.flush();
            return List.of(interim, read(in));
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (IOException reset) {
            // a reset after the answer arrived
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int status = Integer.parseInt(text.substring(9, 12));
        int bodyStart = text.indexOf("\r\n\r\n");
        return new Answer(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
    }
}
