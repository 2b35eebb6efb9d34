package org.sharebus.consumers.notice;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.UUID;
import org.sharebus.consumers.notice.Notice.NoticeStatus;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.event.common.Department;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The staff inbox ({@code /staff/notices}): the signed-in member's department's notices, newest
 * first, by status, 20 a page, overdue ones marked; acknowledge (签收) and close (办结) by POST
 * with the CSRF token, answered after the broker acknowledged the action's record
 * ({@link NoticeActions}). Staff of another department get 403 and the reason.
 */
@Controller
class NoticePages {

    /** The department authority's prefix, as {@code org.sharebus.consumers.web.StaffMember.AUTHORITY_PREFIX} gives it. */
    private static final String DEPARTMENT_AUTHORITY = "DEPARTMENT_";

    private final NoticeInbox inbox;
    private final NoticeActions actions;

    NoticePages(NoticeInbox inbox, NoticeActions actions) {
        this.inbox = inbox;
        this.actions = actions;
    }

    @GetMapping("/staff/notices")
    String inbox(@RequestParam(required = false) String status, @RequestParam(required = false) boolean overdue,
                 @RequestParam(required = false) String page, Authentication authentication, Model model, HttpServletResponse response) {
        NoticeActions.Actor staff = actor(authentication);
        NoticeQuery query;
        try {
            query = NoticeQuery.inbox(staff.department(), status, overdue, page);
        } catch (NoticeQuery.InvalidNoticeQueryException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("invalid", e);
            query = NoticeQuery.inbox(staff.department(), null, overdue, null);
        }
        show(query, staff, model);
        return "staff/notices";
    }

    @PostMapping("/staff/notices/{id}/acknowledge")
    String acknowledge(@PathVariable UUID id, @RequestParam(required = false) String remark,
                       @RequestParam(required = false) String status, @RequestParam(required = false) boolean overdue,
                       @RequestParam(required = false) String page,
                       Authentication authentication, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        NoticeActions.Actor staff = actor(authentication);
        try {
            actions.acknowledge(id, staff, remark);
        } catch (NoticeActions.NoticeActionException e) {
            return refused(e, staff, status, overdue, page, model, response);
        }
        redirect.addFlashAttribute("done", "acknowledged");
        redirect.addFlashAttribute("doneId", id);
        return "redirect:" + inboxLink(status, overdue, page);
    }

    @PostMapping("/staff/notices/{id}/close")
    String close(@PathVariable UUID id, @RequestParam(required = false) String outcome,
                 @RequestParam(required = false) String status, @RequestParam(required = false) boolean overdue,
                 @RequestParam(required = false) String page,
                 Authentication authentication, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        NoticeActions.Actor staff = actor(authentication);
        try {
            actions.close(id, staff, outcome);
        } catch (NoticeActions.NoticeActionException e) {
            return refused(e, staff, status, overdue, page, model, response);
        }
        redirect.addFlashAttribute("done", "closed");
        redirect.addFlashAttribute("doneId", id);
        return "redirect:" + inboxLink(status, overdue, page);
    }

    /** The inbox as the member of staff had it (its filter and page), with the reason the action was refused. */
    private String refused(NoticeActions.NoticeActionException e, NoticeActions.Actor staff, String status, boolean overdue, String page,
                           Model model, HttpServletResponse response) {
        response.setStatus(e.status());
        model.addAttribute("refused", e.status());
        model.addAttribute("refusedField", e.field());
        model.addAttribute("refusedRule", e.rule());
        model.addAttribute("refusedDetail", e.getMessage());
        NoticeQuery query;
        try {
            query = NoticeQuery.inbox(staff.department(), status, overdue, page);
        } catch (NoticeQuery.InvalidNoticeQueryException invalid) {
            query = NoticeQuery.inbox(staff.department(), null, overdue, null);
        }
        show(query, staff, model);
        return "staff/notices";
    }

    private void show(NoticeQuery query, NoticeActions.Actor staff, Model model) {
        SearchPage<Notice> results = inbox.page(query);
        if (results.pastTheLast()) {
            query = query.atPage(results.lastPage());
            results = inbox.page(query);
        }
        model.addAttribute("staff", staff);
        model.addAttribute("query", query);
        model.addAttribute("statuses", Arrays.asList(NoticeStatus.values()));
        model.addAttribute("results", results);
        String status = query.status() == null ? null : query.status().name();
        model.addAttribute("previousLink", results.hasPrevious() ? inboxLink(status, query.overdue(), Integer.toString(query.page() - 1)) : null);
        model.addAttribute("nextLink", results.hasNext() ? inboxLink(status, query.overdue(), Integer.toString(query.page() + 1)) : null);
    }

    private static String inboxLink(String status, boolean overdue, String page) {
        UriComponentsBuilder link = UriComponentsBuilder.fromPath("/staff/notices");
        if (status != null && !status.isBlank()) {
            link.queryParam("status", status);
        }
        if (overdue) {
            link.queryParam("overdue", true);
        }
        if (page != null && !page.isBlank() && !page.equals("0")) {
            link.queryParam("page", page);
        }
        return link.encode().build().toUriString();
    }

    private static NoticeActions.Actor actor(Authentication authentication) {
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith(DEPARTMENT_AUTHORITY)) {
                return new NoticeActions.Actor(authentication.getName(), Department.valueOf(name.substring(DEPARTMENT_AUTHORITY.length())));
            }
        }
        throw new IllegalStateException("user '" + authentication.getName() + "' has no department authority");
    }
}
