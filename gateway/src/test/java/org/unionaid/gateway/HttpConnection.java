package org.unionaid.gateway;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection over a bare socket that reads answers by their framing, as a strict
 * client does: no body for HEAD, 1xx, 204 and 304 whatever the head says, else Content-Length or
 * chunks, else up to the end of the connection. So a test sees the raw headers and whether the
 * next request on the same connection still gets its own answer. Requests are written exactly
 * as given (any Host, any bytes of the request target).
 */
final class HttpConnection implements AutoCloseable {

    record Answer(int status, Map<String, List<String>> headers, String body) {
        /** The one value of a header (name in any case), null when absent. */
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(",", values);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    HttpConnection(URL gateway) throws IOException {
        socket = new Socket(gateway.getHost(), gateway.getPort());
        // a test that would wait for ever fails instead
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends a request head (lines without the final blank line) and reads its answer. */
    Answer send(String method, String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean hasHost = false;
        for (String line : headerLines) {
            hasHost |= line.regionMatches(true, 0, "Host:", 0, 5);
            request.append(line).append("\r\n");
        }
        if (!hasHost) {
            request.append("Host: ").append(socket.getInetAddress().getHostAddress()).append(':').append(socket.getPort()).append("\r\n");
        }
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read(method);
    }

    private Answer read(String method) throws IOException {
        String statusLine = line();
        if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        Answer head = new Answer(status, headers, "");
        if (method.equals("HEAD") || status < 200 || status == 204 || status == 304) {
            return head;
        }
        String transferEncoding = head.header("Transfer-Encoding");
        String contentLength = head.header("Content-Length");
        byte[] body;
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunks();
        } else if (contentLength != null) {
            body = in.readNBytes(Integer.parseInt(contentLength.trim()));
        } else {
            body = in.readAllBytes();
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                // trailers, then the blank line
                for (String line = line(); line != null && !line.isEmpty(); line = line()) {
                    // none expected
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line();
        }
    }

    /** A line up to CRLF, without it; null at the end of the connection. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
