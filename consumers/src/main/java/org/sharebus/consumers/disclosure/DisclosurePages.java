package org.sharebus.consumers.disclosure;

import jakarta.servlet.http.HttpServletResponse;
import org.sharebus.consumers.inspection.InspectionStore;
import org.sharebus.consumers.inspection.PlanPage;
import org.sharebus.consumers.web.StaffMember;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The staff's button that publishes a task's recorded result (一公开), on the plan page, which
 * answers it as it answers the inspection's own actions ({@link PlanPage}).
 */
@Controller
class DisclosurePages {

    private final DisclosureService disclosures;
    private final InspectionStore inspections;
    private final PlanPage planPage;

    DisclosurePages(DisclosureService disclosures, InspectionStore inspections, PlanPage planPage) {
        this.disclosures = disclosures;
        this.inspections = inspections;
        this.planPage = planPage;
    }

    @PostMapping("/staff/inspections/tasks/{taskId}/disclosure")
    String publish(@PathVariable String taskId, Authentication authentication, Model model, HttpServletResponse response,
                   RedirectAttributes redirect) {
        StaffMember staff = StaffMember.of(authentication);
        return planPage.afterTaskAction(staff, taskId, () -> disclosures.publish(staff.department(), taskId),
                () -> inspections.task(taskId).map(InspectionStore.TaskRow::disclosed).orElse(false), model, response, redirect);
    }
}
