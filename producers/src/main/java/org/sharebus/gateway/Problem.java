package org.sharebus.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document, with the gateway's {@code errors} extension: one entry per broken
 * rule, {@code {index, field, rule, message}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> errors) {

    public static final String TYPE_PREFIX = "urn:sharebus:problem:";
    public static final String MEDIA_TYPE = "application/problem+json";
}
