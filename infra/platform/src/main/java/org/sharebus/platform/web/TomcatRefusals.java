package org.sharebus.platform.web;

import jakarta.servlet.RequestDispatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.buf.MessageBytes;
import org.apache.tomcat.util.http.MimeHeaders;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report for what it refuses itself, before the application sees the request: a
 * request line or header it cannot parse (a raw space or non-ASCII byte in the path, a control
 * character in a header), a path it will not decode (a malformed or non-UTF-8 percent-encoding, an
 * encoded slash or backslash), a request line or headers over the size limit. Under the API's
 * paths, and wherever the request line could not be read, the answer is
 * {@code application/problem+json} ({@code type}, {@code title}, {@code status}, {@code detail} and,
 * when the path was read, {@code instance}) saying what was wrong and what to send instead; a request
 * line or headers over the limit answer 414 or 431 rather than Tomcat's 400. Other paths (the staff
 * pages) keep Tomcat's own short page, without report or server information.
 *
 * <p>The requests Tomcat refuses never reach the application: it does not audit, count or log them
 * (Tomcat logs the first parse error of a run at INFO, later ones at DEBUG). Any other error that
 * reaches Tomcat with no body written is answered the same way; the application's own have a body.
 */
public class TomcatRefusals extends ErrorReportValve {

    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:sharebus:problem:";
    private static final String ENCODE_UTF8 = "percent-encode non-ASCII characters of the path and query as UTF-8"
            + " (统一 is %E7%BB%9F%E4%B8%80) and a space as %20";

    private final List<String> apiPaths;

    /** The path prefixes answered as problem+json, e.g. {@code /api/}; {@code /} for every path. */
    public TomcatRefusals(List<String> apiPaths) {
        this.apiPaths = List.copyOf(apiPaths);
        setShowReport(false);
        setShowServerInfo(false);
    }

    /** For Tomcat, which instantiates its error report valve class by name where none is installed. */
    public TomcatRefusals() {
        this(List.of("/api/"));
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        if (response.getStatus() < 400 || response.getContentWritten() > 0) {
            return;
        }
        org.apache.coyote.Request coyote = request.getCoyoteRequest();
        String uri = text(coyote.requestURI());
        Throwable cause = throwable != null ? throwable : (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Refusal refusal = refusal(response.getStatus(), cause == null ? null : String.valueOf(cause.getMessage()),
                response.getMessage(), uri, text(coyote.protocol()), coyote.getMimeHeaders(), maxHeaderSize(request));
        // 414 or 431 where Tomcat says 400, on a page too.
        response.setStatus(refusal.status());
        // No path, or a request line cut at a space: what the path was is not known, and no page sends such a line.
        boolean lineRead = uri != null && text(coyote.protocol()) != null;
        if (lineRead && apiPaths.stream().noneMatch(uri::startsWith)) {
            super.report(request, response, throwable);
            return;
        }
        if (!response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType(MEDIA_TYPE);
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                // Every character outside ASCII escaped: the writer's charset is Tomcat's default, not UTF-8.
                writer.write(refusal.json(lineRead ? uri : null));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the answer already started: nothing more can be said.
        }
    }

    /**
     * A refusal, from what Tomcat left: its status, its parse error (null when it refused the parsed
     * request instead), its own message, the path, protocol and headers as sent (null where not read).
     */
    static Refusal refusal(int status, String error, String message, String uri, String protocol, MimeHeaders headers,
                           int maxHeaderSize) {
        if (error != null) {
            if (error.startsWith("Request header is too large")) {
                String limit = "the " + maxHeaderSize + " bytes this server reads of request line and headers together";
                // The request line is read before the headers: no path yet means the line itself overflowed.
                return uri == null
                        ? new Refusal(414, "uri-too-long", "URI Too Long",
                                "the request line (method, path and query) is longer than " + limit + "; shorten the path or the query")
                        : new Refusal(431, "headers-too-large", "Request Header Fields Too Large", "the request headers are larger than "
                                + limit + "; send fewer or shorter headers (a large Cookie header is the usual cause)");
            }
            if (error.startsWith("Invalid character found in the request target")) {
                return new Refusal(400, "invalid-uri", "Invalid URL", "the path or query holds a character that must be percent-encoded"
                        + " (a non-ASCII character, a space, a backslash or one of \"<>^`{|}): " + ENCODE_UTF8);
            }
            if (error.startsWith("Invalid character found in the HTTP protocol")) {
                return new Refusal(400, "invalid-request-line", "Invalid request line", "the request line is not"
                        + " 'METHOD path HTTP/1.1': a space in the path or query splits it; " + ENCODE_UTF8);
            }
            if (error.startsWith("Invalid character found in method name")) {
                return new Refusal(400, "invalid-request-line", "Invalid request line", "the request line is not"
                        + " 'METHOD path HTTP/1.1': the method must be a token such as GET or POST");
            }
            if (error.startsWith("The HTTP header line")) {
                String line = bracketed(error);
                return new Refusal(400, "invalid-header", "Invalid request header", "the header line "
                        + (line == null ? "" : "[" + line + "] ") + "is not 'Name: value' (RFC 9112): the name a token"
                        + " (letters, digits, !#$%&'*+-.^_`|~), the value free of control characters (0x00 to 0x1F except tab, and 0x7F)");
            }
            if (error.matches("(?s).*(domain name|IPv4|IPv6|hextet|octet|bracket|host).*")) {
                return new Refusal(400, "invalid-header", "Invalid request header", "the Host header is not a host name"
                        + " or address with an optional port (" + error + "); send the host and port of the URL, e.g. Host: localhost:8080");
            }
        }
        // Tomcat's own 400s for a parsed request say "Invalid URI" or nothing; an application's would say more.
        if (status == 400 && uri != null && (message == null || message.startsWith("Invalid URI"))) {
            String path = uri.indexOf('?') < 0 ? uri : uri.substring(0, uri.indexOf('?'));
            String problem = pathProblem(path);
            if (problem != null) {
                return new Refusal(400, "invalid-uri", "Invalid URL", problem);
            }
            List<String> hosts = values(headers, "host");
            if (hosts.size() > 1 || hosts.isEmpty() && "HTTP/1.1".equals(protocol)) {
                return new Refusal(400, "invalid-header", "Invalid request header", hosts.isEmpty()
                        ? "an HTTP/1.1 request needs a Host header: send the host and port of the URL, e.g. Host: localhost:8080"
                        : "the request has " + hosts.size() + " Host headers: send exactly one");
            }
            List<String> lengths = values(headers, "content-length");
            if (lengths.size() > 1 || lengths.size() == 1 && !lengths.get(0).strip().matches("[0-9]+")) {
                return new Refusal(400, "invalid-header", "Invalid request header",
                        "Content-Length must be given once, as a whole number of bytes");
            }
        }
        if (status == 505) {
            return new Refusal(505, "http-505", "HTTP Version Not Supported",
                    "this server speaks HTTP/1.1 (and HTTP/1.0): send HTTP/1.1 in the request line");
        }
        if (status == 501 && !values(headers, "transfer-encoding").isEmpty()) {
            return new Refusal(501, "http-501", "Not Implemented", "the Transfer-Encoding is not one this server reads:"
                    + " send the body with a Content-Length, or with Transfer-Encoding: chunked");
        }
        HttpStatus known = HttpStatus.resolve(status);
        return new Refusal(status, "http-" + status, known == null ? "Error " + status : known.getReasonPhrase(),
                "the request was refused before the application could answer it" + (message == null || message.isBlank() ? "" : ": " + message));
    }

    /** What is wrong with a path Tomcat would not decode, in words; null if nothing is found. */
    static String pathProblem(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0 || Character.digit(path.charAt(i + 2), 16) < 0) {
                return "the path holds a '%' that does not start a percent-encoding (a % and two hexadecimal digits, e.g. %20):"
                        + " send a % itself as %25, and " + ENCODE_UTF8;
            }
        }
        if (lower.contains("%2f")) {
            return "the path holds an encoded slash (%2F), which this server refuses: a path segment cannot hold a '/',"
                    + " so check the identifier put in the path";
        }
        if (lower.contains("%5c")) {
            return "the path holds an encoded backslash (%5C), which this server refuses: a path segment cannot hold a '\\',"
                    + " so check the identifier put in the path";
        }
        if (lower.contains("%00")) {
            return "the path holds an encoded NUL character (%00), which this server refuses";
        }
        if (!decodesAsUtf8(path)) {
            return "the path's percent-encoded bytes are not UTF-8 (GBK, perhaps): " + ENCODE_UTF8;
        }
        if ((lower.replace("%2e", ".") + "/").contains("/../")) {
            return "the path cannot be normalised (a '..' segment above the root?): send it without '.' and '..' segments";
        }
        return null;
    }

    private static boolean decodesAsUtf8(String path) {
        ByteBuffer bytes = ByteBuffer.allocate(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                bytes.put((byte) Integer.parseInt(path, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.put((byte) c);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.flip());
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static List<String> values(MimeHeaders headers, String name) {
        List<String> values = new ArrayList<>();
        for (int i = headers.findHeader(name, 0); i >= 0; i = headers.findHeader(name, i + 1)) {
            values.add(String.valueOf(headers.getValue(i)));
        }
        return values;
    }

    /** The first [...] of Tomcat's message: the header line as it quotes it, bytes outside ASCII as 0xNN. */
    private static String bracketed(String message) {
        int start = message.indexOf('[');
        int end = message.lastIndexOf(']');
        if (start < 0 || end <= start) {
            return null;
        }
        String line = message.substring(start + 1, end);
        return line.length() <= 100 ? line : line.substring(0, 100) + "…";
    }

    private static int maxHeaderSize(Request request) {
        return request.getConnector() != null && request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http
                ? http.getMaxHttpRequestHeaderSize() : 8192;
    }

    private static String text(MessageBytes bytes) {
        return bytes.isNull() ? null : bytes.toString();
    }

    /**
     * A problem document as this valve writes it ({@code urn:sharebus:problem:<slug>}), pure ASCII, for
     * other refusals made before the application sees a request (Spring Security's firewall).
     */
    public static String problemJson(int status, String slug, String title, String detail, String instance) {
        return new Refusal(status, slug, title, detail).json(instance);
    }

    /** One answer: its status, the last part of its problem type, its title and the detail a reader acts on. */
    record Refusal(int status, String slug, String title, String detail) {

        /** The problem document; {@code instance} left out when null. */
        String json(String instance) {
            StringBuilder json = new StringBuilder("{\"type\":");
            quote(json, TYPE_PREFIX + slug).append(",\"title\":");
            quote(json, title).append(",\"status\":").append(status).append(",\"detail\":");
            quote(json, detail);
            if (instance != null) {
                quote(json.append(",\"instance\":"), instance);
            }
            return json.append('}').toString();
        }

        /** A JSON string of pure ASCII: quotes, backslashes, controls and everything past U+007E escaped. */
        private static StringBuilder quote(StringBuilder json, String text) {
            json.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            return json.append('"');
        }
    }
}
