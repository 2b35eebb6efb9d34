package org.sharebus.platform.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for requests no client would send: raw UTF-8 in the request line, a
 * malformed percent-encoding, a control character in a header. Shared with the gateway's and the
 * consumers' tests through this module's test-jar (it holds only this package).
 */
public final class RawHttp {

    private static final int TIMEOUT_MILLIS = 30_000;

    private RawHttp() {
    }

    /** An answer read off the socket: status, headers by lower-case name, body as UTF-8 (chunks joined). */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    /**
     * Sends the request's characters as UTF-8 bytes, unchanged, to 127.0.0.1:{@code port} and reads
     * the answer to the end: the request should say {@code Connection: close}.
     */
    public static Response send(int port, String request) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            socket.getInputStream().transferTo(answer);
        }
        String text = answer.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        if ("chunked".equals(headers.get("transfer-encoding"))) {
            StringBuilder joined = new StringBuilder();
            for (int at = 0, size; (size = Integer.parseInt(body.substring(at, body.indexOf("\r\n", at)).strip(), 16)) > 0; ) {
                int start = body.indexOf("\r\n", at) + 2;
                joined.append(body, start, start + size);
                at = start + size + 2;
            }
            body = joined.toString();
        }
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }
}
