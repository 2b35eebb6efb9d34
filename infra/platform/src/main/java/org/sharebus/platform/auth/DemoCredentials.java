package org.sharebus.platform.auth;

import java.util.List;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;

/**
 * The documented demo credentials (the gateway's department keys, the REST API's department keys,
 * the staff logins) are all or nothing: each set falls back to its public demo values only while no
 * set is configured. A deployment that configured one set and forgot another would otherwise still
 * take the public demo values there, with its operators believing the bus closed.
 */
public final class DemoCredentials {

    public static final String GATEWAY_KEYS = "sharebus.gateway.departments";
    public static final String API_KEYS = "sharebus.api.departments";
    public static final String STAFF_USERS = "sharebus.web.users";
    private static final List<String> ALL = List.of(GATEWAY_KEYS, API_KEYS, STAFF_USERS);

    private DemoCredentials() {
    }

    /**
     * Refuses to start on the demo values of {@code fallingBack} when another set is configured.
     *
     * @param fallingBack one of the sets above, about to use its demo values
     * @param howToConfigure what to set instead, for the message
     * @throws IllegalStateException naming the configured set and what to configure
     */
    public static void refuseBesideConfigured(Environment environment, String fallingBack, String howToConfigure) {
        for (String other : ALL) {
            if (!other.equals(fallingBack) && configured(environment, other)) {
                throw new IllegalStateException(other + " is configured but " + fallingBack + " is not: it would accept the public "
                        + "demo credentials in a deployment whose other credentials are real. " + howToConfigure);
            }
        }
    }

    /** Whether anything under {@code prefix} is set, in any property source (a map's entries have no value of their own). */
    public static boolean configured(Environment environment, String prefix) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(prefix);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }
}
