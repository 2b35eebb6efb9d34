package org.sharebus.consumers.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.search.EnterpriseSearch;
import org.sharebus.consumers.search.InvalidSearchException;
import org.sharebus.consumers.search.SearchCriteria;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.event.common.Department;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The staff pages: login, enterprise search (名称/统一社会信用代码/区县/风险分类, paged; htmx
 * replaces only the results) and the enterprise page. Pages that join later add their link to the
 * navigation in {@code templates/staff/layout.html}.
 */
@Controller
class StaffPages {

    private static final Logger LOG = LoggerFactory.getLogger(StaffPages.class);

    private final EnterpriseSearch search;
    private final ProfileSource profiles;
    private final Department riskDepartment;
    private final long lockoutMinutes;

    StaffPages(EnterpriseSearch search, ProfileSource profiles, StaffProperties properties, Rules rules) {
        this.search = search;
        this.profiles = profiles;
        this.riskDepartment = rules.risk().department();
        this.lockoutMinutes = Math.max(1, properties.login().lockout().toMinutes());
    }

    @ModelAttribute
    void staff(Authentication authentication, Model model) {
        model.addAttribute("riskDepartment", riskDepartment);
        if (authentication != null && authentication.isAuthenticated() && !"anonymousUser".equals(authentication.getName())) {
            StaffMember staff = StaffMember.of(authentication);
            model.addAttribute("staff", staff);
            model.addAttribute("mayseeRisk", staff.department() == riskDepartment);
        }
    }

    @GetMapping("/")
    String home() {
        return "redirect:/staff/enterprises";
    }

    @GetMapping("/staff")
    String staffHome() {
        return "redirect:/staff/enterprises";
    }

    @GetMapping("/staff/login")
    String login(Model model) {
        model.addAttribute("lockoutMinutes", lockoutMinutes);
        return "staff/login";
    }

    @GetMapping("/staff/enterprises")
    String enterprises(@RequestParam(required = false) String name, @RequestParam(required = false) String district,
                       @RequestParam(required = false) String riskClass, @RequestParam(required = false) String status,
                       @RequestParam(required = false) String page, @RequestParam(required = false) String size,
                       @RequestHeader(name = "HX-Request", required = false) String htmx,
                       Authentication authentication, Model model, HttpServletResponse response) {
        StaffMember staff = StaffMember.of(authentication);
        model.addAttribute("riskClasses", List.of("A", "B", "C", "D"));
        model.addAttribute("statuses", List.of("ACTIVE", "REVOKED", "DEREGISTERED"));
        try {
            SearchCriteria criteria = SearchCriteria.of(name, district, riskClass, status, page, size);
            // The class is market supervision's INTERNAL fact: others may not list enterprises by it.
            if (staff.department() != riskDepartment) {
                criteria = criteria.withoutRiskClass();
            }
            SearchPage<?> results = search.search(criteria, staff.department());
            if (results.pastTheLast()) {
                criteria = criteria.atPage(results.lastPage());
                results = search.search(criteria, staff.department());
            }
            model.addAttribute("criteria", criteria);
            model.addAttribute("results", results);
            model.addAttribute("previousLink", results.hasPrevious() ? link(criteria.atPage(criteria.page() - 1)) : null);
            model.addAttribute("nextLink", results.hasNext() ? link(criteria.atPage(criteria.page() + 1)) : null);
        } catch (InvalidSearchException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("criteria", SearchCriteria.asGiven(name, district, riskClass, status));
            model.addAttribute("invalid", e);
        }
        return htmx != null ? "staff/enterprises :: results" : "staff/enterprises";
    }

    @GetMapping("/staff/enterprises/{uscc}")
    String enterprise(@PathVariable String uscc, Authentication authentication, Model model, HttpServletResponse response) {
        StaffMember staff = StaffMember.of(authentication);
        ProfileSource.Answer answer = profiles.fetch(uscc, staff);
        if (answer instanceof ProfileSource.Answer.Found found) {
            model.addAttribute("profile", ProfileView.of(found.profile()));
        } else if (answer instanceof ProfileSource.Answer.NotFound) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("notFound", uscc);
        } else if (answer instanceof ProfileSource.Answer.Problem problem) {
            // The API's detail is English and may name an internal address: the page says it in the staff's words, the log keeps it.
            if (problem.status() != HttpStatus.BAD_REQUEST.value()) {
                LOG.warn("profile page for {}: the profile API answered {}: {}", uscc, problem.status(), problem.detail());
            }
            response.setStatus(problem.status());
            model.addAttribute("problem", problem);
            model.addAttribute("problemUscc", uscc);
        }
        return "staff/enterprise";
    }

    private static String link(SearchCriteria criteria) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/staff/enterprises");
        add(link, "name", criteria.name());
        add(link, "district", criteria.district());
        add(link, "riskClass", criteria.riskClass());
        add(link, "status", criteria.status());
        link.queryParam("page", criteria.page());
        if (criteria.size() != SearchCriteria.DEFAULT_SIZE) {
            link.queryParam("size", criteria.size());
        }
        return link.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder link, String name, String value) {
        if (value != null) {
            link.queryParam(name, value);
        }
    }
}
