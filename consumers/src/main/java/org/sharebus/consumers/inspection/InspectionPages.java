package org.sharebus.consumers.inspection;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.sharebus.consumers.api.ApiParameters;
import org.sharebus.consumers.disclosure.DisclosureService;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.search.SearchPage;
import org.sharebus.consumers.web.LanguageLinks;
import org.sharebus.consumers.web.StaffMember;
import org.sharebus.event.common.Department;
import org.sharebus.inspection.InspectionItem;
import org.sharebus.inspection.InspectionItems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The staff pages of 双随机、一公开: {@code /staff/inspections} (the department's items with their
 * target pool and readiness, the draw, the plans) and {@code /staff/inspections/plans/{id}} (tasks
 * with inspectors, record a result, publish it). Staff see and act on their own department's
 * plans only; inspector identities and risk classes never leave the department.
 *
 * <p>An action is answered once the broker has its records; the page then waits briefly for the
 * projection, so the staff member sees what they did on the next page.
 */
@Controller
class InspectionPages {

    static final int PLANS_PAGE_SIZE = 10;
    static final int TASKS_PAGE_SIZE = 50;
    static final Duration READ_YOUR_WRITES = Duration.ofSeconds(10);

    private final InspectionService inspections;
    private final DisclosureService disclosures;
    private final InspectionStore store;
    private final InspectorPool pool;
    private final InspectionRules rules;
    private final Department riskDepartment;

    InspectionPages(InspectionService inspections, DisclosureService disclosures, InspectionStore store, InspectorPool pool,
                    InspectionRules rules, Rules busRules) {
        this.inspections = inspections;
        this.disclosures = disclosures;
        this.store = store;
        this.pool = pool;
        this.rules = rules;
        this.riskDepartment = busRules.risk().department();
    }

    @GetMapping("/staff/inspections")
    String inspections(@RequestParam(required = false) String district, @RequestParam(required = false) String page,
                       Authentication authentication, Model model, HttpServletResponse response) {
        StaffMember staff = StaffMember.of(authentication);
        int index = 0;
        try {
            index = parsePage(page);
            if (!district(district).equals(district == null ? "" : district.strip())) {
                throw new InvalidInspectionInputException("district", "gb2260", "district must be a six-digit GB/T 2260 code");
            }
        } catch (InvalidInspectionInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("invalid", e);
        }
        fillInspections(staff, district, index, model);
        return "staff/inspections";
    }

    @PostMapping("/staff/inspections/draw")
    String draw(@RequestParam(required = false) String item, @RequestParam(required = false) String district,
                @RequestParam(required = false) String recusals, @RequestParam(required = false) String drawToken,
                Authentication authentication, Model model, HttpServletResponse response) {
        StaffMember staff = StaffMember.of(authentication);
        try {
            String planId = inspections.draw(staff.username(), staff.department(), item,
                    district == null || district.isBlank() ? List.of() : List.of(district), recusals, drawToken);
            awaitProjection(() -> store.plan(planId).isPresent());
            return "redirect:/staff/inspections/plans/" + UriUtils.encodePathSegment(planId, java.nio.charset.StandardCharsets.UTF_8);
        } catch (DrawRefusedException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("refused", e);
        } catch (InvalidInspectionInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("invalid", e);
        } catch (BusPublisher.PublishFailedException e) {
            response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
            model.addAttribute("unavailable", e);
        }
        model.addAttribute("recusals", recusals);
        model.addAttribute("chosenItem", item);
        fillInspections(staff, district, 0, model);
        return "staff/inspections";
    }

    @GetMapping("/staff/inspections/plans/{planId}")
    String plan(@PathVariable String planId, @RequestParam(required = false) String page, Authentication authentication, Model model,
                HttpServletResponse response) {
        StaffMember staff = StaffMember.of(authentication);
        try {
            return fillPlan(staff, planId, parsePage(page), model, response);
        } catch (InvalidInspectionInputException e) {
            model.addAttribute("invalid", e);
            String view = fillPlan(staff, planId, 0, model, response);
            if (response.getStatus() < 400) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
            }
            return view;
        }
    }

    @PostMapping("/staff/inspections/tasks/{taskId}/result")
    String recordResult(@PathVariable String taskId, @RequestParam(required = false) String resultCode,
                        @RequestParam(required = false) String resultFormedOn, @RequestParam(required = false) String followUpPenaltyRef,
                        Authentication authentication, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        StaffMember staff = StaffMember.of(authentication);
        try {
            inspections.recordResult(staff.username(), staff.department(), taskId, resultCode, resultFormedOn, followUpPenaltyRef);
            awaitProjection(() -> store.task(taskId).map(row -> row.result() != null).orElse(false));
            return redirectToPlan(taskId, redirect);
        } catch (InvalidInspectionInputException e) {
            return refuseOnPlan(staff, taskId, e, model, response);
        } catch (BusPublisher.PublishFailedException e) {
            return unavailableOnPlan(staff, taskId, e, model, response);
        }
    }

    /** 回避: one officer steps aside from a task, and a replacement is drawn (InspectionService#recuse). */
    @PostMapping("/staff/inspections/tasks/{taskId}/recusal")
    String recuse(@PathVariable String taskId, @RequestParam(required = false) String inspectorId,
                  @RequestParam(required = false) String reason, Authentication authentication, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        StaffMember staff = StaffMember.of(authentication);
        try {
            inspections.recuse(staff.username(), staff.department(), taskId, inspectorId, reason);
            String officer = inspectorId == null ? "" : inspectorId.strip();
            awaitProjection(() -> store.recusedFrom(taskId).contains(officer));
            return redirectToPlan(taskId, redirect);
        } catch (InvalidInspectionInputException e) {
            return refuseOnPlan(staff, taskId, e, model, response);
        } catch (BusPublisher.PublishFailedException e) {
            return unavailableOnPlan(staff, taskId, e, model, response);
        }
    }

    @PostMapping("/staff/inspections/tasks/{taskId}/disclosure")
    String publish(@PathVariable String taskId, Authentication authentication, Model model, HttpServletResponse response,
                   RedirectAttributes redirect) {
        StaffMember staff = StaffMember.of(authentication);
        try {
            disclosures.publish(staff.department(), taskId);
            awaitProjection(() -> store.task(taskId).map(InspectionStore.TaskRow::disclosed).orElse(false));
            return redirectToPlan(taskId, redirect);
        } catch (InvalidInspectionInputException e) {
            return refuseOnPlan(staff, taskId, e, model, response);
        } catch (BusPublisher.PublishFailedException e) {
            return unavailableOnPlan(staff, taskId, e, model, response);
        }
    }

    private String redirectToPlan(String taskId, RedirectAttributes redirect) {
        String planId = store.task(taskId).map(row -> row.task().planId()).orElseThrow();
        redirect.addAttribute("planId", planId);
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
        String view = fillPlan(staff, planId, 0, model, response);
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
        String view = fillPlan(staff, planId, 0, model, response);
        model.addAttribute(LanguageLinks.ATTRIBUTE, planPath(planId));
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        return view;
    }

    private static String planPath(String planId) {
        return "/staff/inspections/plans/" + UriUtils.encodePathSegment(planId, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The district filter when it is a region code, else none: the page and the draw report a bad one, the queries never see it. */
    private static String district(String district) {
        String code = district == null ? "" : district.strip();
        return code.matches("\\d{6}") ? code : "";
    }

    private void fillInspections(StaffMember staff, String district, int page, Model model) {
        String code = district(district);
        List<String> scope = code.isEmpty() ? List.of() : List.of(code);
        List<InspectionService.Readiness> items = new ArrayList<>();
        for (InspectionItem item : InspectionItems.of(staff.department())) {
            items.add(inspections.readiness(staff.department(), item, scope));
        }
        SearchPage<InspectionStore.Plan> plans = store.plans(staff.department(), page, PLANS_PAGE_SIZE);
        model.addAttribute("staff", staff);
        model.addAttribute("mayseeRisk", staff.department() == riskDepartment);
        model.addAttribute("items", items);
        model.addAttribute("districts", store.districts());
        model.addAttribute("district", scope.isEmpty() ? "" : scope.get(0));
        model.addAttribute("plans", plans);
        model.addAttribute("rules", rules);
        model.addAttribute("riskClasses", InspectionRules.RISK_CLASSES);
        model.addAttribute("drawToken", java.util.UUID.randomUUID().toString());
        String base = "/staff/inspections?" + (scope.isEmpty() ? "" : "district=" + scope.get(0) + "&") + "page=";
        model.addAttribute("previousLink", plans.hasPrevious() ? base + (page - 1) : null);
        model.addAttribute("nextLink", plans.hasNext() ? base + (page + 1) : null);
    }

    private String fillPlan(StaffMember staff, String planId, int page, Model model, HttpServletResponse response) {
        model.addAttribute("staff", staff);
        InspectionStore.Plan plan = store.plan(planId).orElse(null);
        // Another department's plan names its inspectors: it does not exist for this staff member.
        if (plan == null || plan.department() != staff.department()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("notFound", planId);
            return "staff/plan";
        }
        List<InspectionStore.TaskRow> tasks = store.tasks(planId);
        int from = (int) Math.min((long) page * TASKS_PAGE_SIZE, tasks.size());
        SearchPage<InspectionStore.TaskRow> shown = new SearchPage<>(tasks.subList(from, Math.min(from + TASKS_PAGE_SIZE, tasks.size())),
                page, TASKS_PAGE_SIZE, tasks.size());
        Map<String, String> inspectorNames = new LinkedHashMap<>();
        pool.certified(staff.department()).forEach(inspector -> inspectorNames.put(inspector.id(), inspector.name()));
        model.addAttribute("plan", plan);
        model.addAttribute("tasks", shown);
        model.addAttribute("inspectorNames", inspectorNames);
        model.addAttribute("recusals", store.recusals(planId));
        model.addAttribute("districtNames", store.districts());
        model.addAttribute("mayseeRisk", staff.department() == riskDepartment);
        model.addAttribute("today", inspections.today());
        model.addAttribute("resultCodes", InspectionService.publishedCodes());
        model.addAttribute("recorded", tasks.stream().filter(row -> row.result() != null).count());
        model.addAttribute("due", tasks.stream().filter(row -> row.due() && !row.overdue(inspections.today())).count());
        model.addAttribute("overdue", tasks.stream().filter(row -> row.overdue(inspections.today())).count());
        model.addAttribute("disclosedCount", tasks.stream().filter(InspectionStore.TaskRow::disclosed).count());
        String base = "/staff/inspections/plans/" + UriUtils.encodePathSegment(planId, java.nio.charset.StandardCharsets.UTF_8) + "?page=";
        model.addAttribute("previousLink", shown.hasPrevious() ? base + (page - 1) : null);
        model.addAttribute("nextLink", shown.hasNext() ? base + (page + 1) : null);
        return "staff/plan";
    }

    private static int parsePage(String page) {
        return ApiParameters.wholeNumber("page", page, 0, 0, Integer.MAX_VALUE, InvalidInspectionInputException::new);
    }

    /** Waits, bounded, until the projection shows what the broker already has. */
    private static void awaitProjection(BooleanSupplier visible) {
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
