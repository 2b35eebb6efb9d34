package org.sharebus.consumers.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The pages' templates rendered as deployed (Thymeleaf, the message bundles, Chinese by default and
 * {@code ?lang=en}) around controllers whose services a test stubs: no broker, no database. For
 * page tests that look at what a reader gets, in the markup or, through {@link #saveForBrowser}, in
 * a real browser.
 */
public final class PageRendering {

    private static final SpringTemplateEngine ENGINE = engine();

    private PageRendering() {
    }

    /** A MockMvc of the given controllers, rendering their views with the application's templates and messages. */
    public static MockMvc pages(Object... controllers) {
        ThymeleafViewResolver views = new ThymeleafViewResolver();
        views.setTemplateEngine(ENGINE);
        views.setCharacterEncoding("UTF-8");
        CookieLocaleResolver locales = new CookieLocaleResolver(StaffWebConfiguration.LANG_COOKIE);
        locales.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(StaffWebConfiguration.LANG_PARAMETER);
        return MockMvcBuilders.standaloneSetup(controllers).setViewResolvers(views).setLocaleResolver(locales)
                .addInterceptors(change).build();
    }

    /**
     * A view as its template renders a controller's model in {@code locale}, without a controller: for what a page says
     * that only its template and bundles decide.
     */
    public static String render(String view, Map<String, Object> model, Locale locale) {
        MockServletContext servletContext = new MockServletContext();
        MockHttpServletRequest request = new MockHttpServletRequest(servletContext, "GET", "/" + view);
        WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(servletContext)
                .buildExchange(request, new MockHttpServletResponse()), locale, model);
        return ENGINE.process(view, context);
    }

    private static SpringTemplateEngine engine() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        // As sharebus-web.properties sets them.
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver();
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(templates);
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }

    /** The page at {@code uri} as the browser would get it: its HTML, decoded as UTF-8. */
    public static String render(MockMvc pages, String uri) {
        return render(pages, uri, null);
    }

    /** The page at {@code uri} as a signed-in member of staff ({@code staff}) gets it. */
    public static String render(MockMvc pages, String uri, Principal staff) {
        try {
            // As a browser sends it: already encoded, not a template to encode again.
            MockHttpServletRequestBuilder request = get(URI.create(uri));
            if (staff != null) {
                request.principal(staff);
            }
            MvcResult result = pages.perform(request).andReturn();
            return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("cannot render " + uri, e);
        }
    }

    /**
     * Saves a rendered page as {@code target/pages/<name>.html} for a browser to open as a file, its
     * stylesheet pointed at the built one: what a browser lays out is the page with the real CSS.
     */
    public static Path saveForBrowser(String html, String name) {
        try {
            Path css = Path.of("target", "classes", "static", "css", "staff.css").toAbsolutePath();
            Path file = Path.of("target", "pages", name + ".html").toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(file, html.replace("href=\"/css/staff.css\"", "href=\"" + css.toUri() + "\""), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save page " + name, e);
        }
    }
}
