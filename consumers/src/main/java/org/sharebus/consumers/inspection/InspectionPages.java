package org.sharebus.consumers.inspection;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.sharebus.consumers.api.ApiParameters;
import org.sharebus.consumers.rules.Rules;
import org.sharebus.consumers.search.SearchPage;
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

    private final InspectionService inspections;
    private final InspectionStore store;
    private final PlanPage planPage;
    private final InspectionRules rules;
    private final Department riskDepartment;

    InspectionPages(InspectionService inspections, InspectionStore store, PlanPage planPage, InspectionRules rules, Rules busRules) {
        this.inspections = inspections;
        this.store = store;
        this.planPage = planPage;
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
            PlanPage.awaitProjection(() -> store.plan(planId).isPresent());
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
    String plan(@PathVariable String planId, @RequestParam(required = false) String page, @RequestParam(required = false) String name,
                Authentication authentication, Model model, HttpServletResponse response) {
        StaffMember staff = StaffMember.of(authentication);
        try {
            return planPage.fill(staff, planId, parsePage(page), name, model, response);
        } catch (InvalidInspectionInputException e) {
            model.addAttribute("invalid", e);
            String view = planPage.fill(staff, planId, 0, name, model, response);
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
        return planPage.afterTaskAction(staff, taskId,
                () -> inspections.recordResult(staff.username(), staff.department(), taskId, resultCode, resultFormedOn, followUpPenaltyRef),
                () -> store.task(taskId).map(row -> row.result() != null).orElse(false), model, response, redirect);
    }

    /** 回避: one officer steps aside from a task, and a replacement is drawn (InspectionService#recuse). */
    @PostMapping("/staff/inspections/tasks/{taskId}/recusal")
    String recuse(@PathVariable String taskId, @RequestParam(required = false) String inspectorId,
                  @RequestParam(required = false) String reason, Authentication authentication, Model model, HttpServletResponse response,
                  RedirectAttributes redirect) {
        StaffMember staff = StaffMember.of(authentication);
        String officer = inspectorId == null ? "" : inspectorId.strip();
        return planPage.afterTaskAction(staff, taskId, () -> inspections.recuse(staff.username(), staff.department(), taskId, inspectorId, reason),
                () -> store.recusedFrom(taskId).contains(officer), model, response, redirect);
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
        model.addAttribute("districts", store.districts(staff.department()));
        model.addAttribute("district", scope.isEmpty() ? "" : scope.get(0));
        model.addAttribute("plans", plans);
        model.addAttribute("rules", rules);
        model.addAttribute("riskClasses", InspectionRules.RISK_CLASSES);
        model.addAttribute("drawToken", java.util.UUID.randomUUID().toString());
        String base = "/staff/inspections?" + (scope.isEmpty() ? "" : "district=" + scope.get(0) + "&") + "page=";
        model.addAttribute("previousLink", plans.hasPrevious() ? base + (page - 1) : null);
        model.addAttribute("nextLink", plans.hasNext() ? base + (page + 1) : null);
    }

    private static int parsePage(String page) {
        return ApiParameters.wholeNumber("page", page, 0, 0, Integer.MAX_VALUE, InvalidInspectionInputException::new);
    }

}
