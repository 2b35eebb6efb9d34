package org.sharebus.consumers.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.sharebus.platform.web.TomcatRefusals;
import org.springframework.http.MediaType;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * Spring Security's firewall refuses a path before the API sees it (a {@code ;}, {@code //}, an encoded
 * {@code %}, {@code .} or {@code ..} segment): under {@code /api/} that is a problem+json 400 naming what
 * was refused, as the API's own refusals are (it was Boot's generic error JSON). Pages get a bare 400.
 */
@Component
class ApiRequestRejections implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e) throws IOException {
        String uri = request.getRequestURI();
        if (uri == null || !uri.startsWith("/api/")) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST);
            return;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(TomcatRefusals.problemJson(400, "invalid-uri", "Invalid URL", "the path was refused before the API"
                + " read it (" + e.getMessage() + "): send it without ';', '//', '.' or '..' segments and percent-encoded '%', '/', '.'"
                + " or control characters", null));
    }
}
