package org.sharebus.consumers.inspection;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.consumers.web.LanguageLinks;
import org.sharebus.consumers.web.StaffMember;
import org.sharebus.event.common.Department;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The plan page ({@code /staff/inspections/plans/{id}}) and how a staff action on one of its tasks
 * is answered: recording a result and a recusal ({@link InspectionPages}), publishing the result
 * ({@code org.sharebus.consumers.disclosure}, whose controller lives with its feature and answers
 * on this page).
 */
@Component
public class PlanPage {

    static final int TASKS_PAGE_SIZE = 50;
    static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);

    private final InspectionService inspections;
    private final InspectionStore store;
    private final InspectorPool pool;
    private final Department riskDepartment;

    public PlanPage(InspectionService inspections, InspectionStore store, InspectorPool pool, Rules busRules) {
        this.inspections = inspections;
        this.store = store;
        this.pool = pool;
        this.riskDepartment = busRules.risk().department();
    }

    /**
     * Runs a staff action on a task and answers as the plan page does: once the broker has its
     * records, a redirect to the task on its plan, after waiting briefly until the projection shows
     * it ({@code visible}); a refused action (its input, or a conflict) on the plan page with 400,
     * 409, or 404 for an unknown task; 503 when the broker did not take it (nothing happened).
     */
    public String afterTaskAction(StaffMember staff, String taskId, Runnable action, BooleanSupplier visible, Model model,
                                  HttpServletResponse response, RedirectAttributes redirect) {
        try {
            action.run();
            awaitProjection(visible);
            return redirectToPlan(taskId, redirect);
        } catch (InvalidInspectionInputException e) {
            return refuseOnPlan(staff, taskId, e, model, response);
        } catch (BusPublisher.PublishFailedException e) {
            return unavailableOnPlan(staff, taskId, e, model, response);
        }
    }

    /** To the page of the plan that lists the task (50 a page: a plan of the seeded city has several). */
    private String redirectToPlan(String taskId, RedirectAttributes redirect) {
        String planId = store.task(taskId).map(row -> row.task().planId()).orElseThrow();
        List<InspectionStore.TaskRow> tasks = store.tasks(planId);
        int index = 0;
        while (index < tasks.size() && !tasks.get(index).task().taskId().equals(taskId)) {
            index++;
        }
        redirect.addAttribute("planId", planId);
        if (index < tasks.size() && index >= TASKS_PAGE_SIZE) {
            redirect.addAttribute("page", index / TASKS_PAGE_SIZE);
        }
        return "redirect:/staff/inspections/plans/{planId}#task-" + taskId;
    }

    private String refuseOnPlan(StaffMember staff, String taskId, InvalidInspectionInputException e, Model model,
                                HttpServletResponse response) {
        model.addAttribute("invalid", e);
        String planId = store.task(taskId).map(row -> row.task().planId()).orElse(null);
        if (planId == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("staff", staff);
            model.addAttribute("notFound", taskId);
            return "staff/plan";
        }
        String view = fill(staff, planId, 0, model, response);
        model.addAttribute(LanguageLinks.ATTRIBUTE, planPath(planId));
        if (response.getStatus() < 400) {
            response.setStatus((e instanceof ActionConflictException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST).value());
        }
        return view;
    }

    /** The broker did not take the action: nothing happened, the page says so and the staff member may try again. */
    private String unavailableOnPlan(StaffMember staff, String taskId, BusPublisher.PublishFailedException e, Model model,
                                     HttpServletResponse response) {
        model.addAttribute("unavailable", e);
        String planId = store.task(taskId).map(row -> row.task().planId()).orElseThrow();
        String view = fill(staff, planId, 0, model, response);
        model.addAttribute(LanguageLinks.ATTRIBUTE, planPath(planId));
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        return view;
    }

    private static String planPath(String planId) {
        return "/staff/inspections/plans/" + UriUtils.encodePathSegment(planId, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Fills the model for page {@code page} of the plan's tasks; an unknown plan, or another department's, is a 404. */
    String fill(StaffMember staff, String planId, int page, Model model, HttpServletResponse response) {
        return fill(staff, planId, page, null, model, response);
    }

    /**
     * Fills the model for page {@code page} of the plan's tasks whose enterprise has {@code name} in its name or
     * USCC (all when blank), so a member of staff finds an enterprise's task in a plan of hundreds.
     */
    String fill(StaffMember staff, String planId, int page, String name, Model model, HttpServletResponse response) {
        model.addAttribute("staff", staff);
        InspectionStore.Plan plan = store.plan(planId).orElse(null);
        // Another department's plan names its inspectors: it does not exist for this staff member.
        if (plan == null || plan.department() != staff.department()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("notFound", planId);
            return "staff/plan";
        }
        List<InspectionStore.TaskRow> tasks = store.tasks(planId);
        String wanted = name == null || name.isBlank() ? null : name.strip();
        List<InspectionStore.TaskRow> listed = wanted == null ? tasks : tasks.stream().filter(row -> names(row.task(), wanted)).toList();
        int from = (int) Math.min((long) page * TASKS_PAGE_SIZE, listed.size());
        SearchPage<InspectionStore.TaskRow> shown = new SearchPage<>(listed.subList(from, Math.min(from + TASKS_PAGE_SIZE, listed.size())),
                page, TASKS_PAGE_SIZE, listed.size());
        Map<String, String> inspectorNames = new LinkedHashMap<>();
        pool.certified(staff.department()).forEach(inspector -> inspectorNames.put(inspector.id(), inspector.name()));
        model.addAttribute("plan", plan);
        model.addAttribute("tasks", shown);
        model.addAttribute("inspectorNames", inspectorNames);
        model.addAttribute("recusals", store.recusals(planId));
        model.addAttribute("districtNames", store.districts(staff.department()));
        model.addAttribute("mayseeRisk", staff.department() == riskDepartment);
        model.addAttribute("today", inspections.today());
        model.addAttribute("resultCodes", InspectionService.publishedCodes());
        model.addAttribute("name", wanted);
        model.addAttribute("taskCount", tasks.size());
        model.addAttribute("recorded", tasks.stream().filter(row -> row.result() != null).count());
        model.addAttribute("due", tasks.stream().filter(row -> row.due() && !row.overdue(inspections.today())).count());
        model.addAttribute("overdue", tasks.stream().filter(row -> row.overdue(inspections.today())).count());
        model.addAttribute("disclosedCount", tasks.stream().filter(InspectionStore.TaskRow::disclosed).count());
        // The name form-encoded: a URI encoder keeps '+', which the server reads back as a space.
        String base = "/staff/inspections/plans/" + UriUtils.encodePathSegment(planId, java.nio.charset.StandardCharsets.UTF_8) + "?"
                + (wanted == null ? "" : "name=" + java.net.URLEncoder.encode(wanted, java.nio.charset.StandardCharsets.UTF_8) + "&") + "page=";
        model.addAttribute("previousLink", shown.hasPrevious() ? base + (page - 1) : null);
        model.addAttribute("nextLink", shown.hasNext() ? base + (page + 1) : null);
        return "staff/plan";
    }

    /** Whether the task's enterprise has {@code wanted} in its name, or in its USCC (full-width digits and letters folded). */
    private static boolean names(InspectionStore.Task task, String wanted) {
        return task.enterpriseName() != null && task.enterpriseName().contains(wanted)
                || task.uscc() != null && task.uscc().contains(org.sharebus.uscc.Uscc.normalise(wanted));
    }

    /** Waits, bounded, until the projection shows what the broker already has. */
    static void awaitProjection(BooleanSupplier visible) {
        Instant deadline = Instant.now().plus(READ_YOUR_WRITES);
        while (!visible.getAsBoolean() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
