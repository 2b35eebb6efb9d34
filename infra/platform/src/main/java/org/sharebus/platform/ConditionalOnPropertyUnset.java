package org.sharebus.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a property is absent or blank: the embedded default starts a part only where no
 * external one is configured. ({@code @ConditionalOnProperty(matchIfMissing = true)} cannot say
 * "missing or blank".)
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(ConditionalOnPropertyUnset.OnPropertyUnset.class)
public @interface ConditionalOnPropertyUnset {

    /** The property that, when set, names an external service. */
    String value();

    class OnPropertyUnset implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnPropertyUnset.class.getName());
            String name = (String) attributes.get("value");
            return !StringUtils.hasText(context.getEnvironment().getProperty(name));
        }
    }
}
