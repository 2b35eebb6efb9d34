package org.sharebus.consumers.profile;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.sharebus.event.common.EventHeader;
import org.sharebus.event.market.AbnormalOperationsRemoved;
import org.sharebus.event.market.SeriousDishonestyRemoved;

/**
 * The timeline's short Chinese summaries: what happened and the decision it names, as
 * {@code <label> <detail>} (a label has no space). Kept in the profile as they were written; an
 * English page shows the event type in its own words and the detail beside it (ProfileView).
 */
final class Summaries {

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("EnterpriseRegistered", "设立登记"),
            Map.entry("EnterpriseChanged", "变更登记"),
            Map.entry("EnterpriseDeregistered", "注销登记"),
            Map.entry("EnterpriseRevoked", "吊销营业执照"),
            Map.entry("AnnualReportFiled", "报送年度报告"),
            Map.entry("AbnormalOperationsListed", "列入经营异常名录"),
            Map.entry("AbnormalOperationsRemoved", "移出经营异常名录"),
            Map.entry("SeriousDishonestyListed", "列入严重违法失信名单"),
            Map.entry("SeriousDishonestyRemoved", "移出严重违法失信名单"),
            Map.entry("AdministrativePenaltyDecided", "行政处罚"),
            Map.entry("InspectionResultRecorded", "抽查检查结果"),
            Map.entry("CustomsFilingRegistered", "海关备案"),
            Map.entry("CustomsCreditClassChanged", "海关信用等级变更"),
            Map.entry("CustomsPenaltyDecided", "海关行政处罚"),
            Map.entry("ServiceTradeReportSubmitted", "服务贸易统计直报"),
            Map.entry("TechContractRegistered", "技术进出口合同登记"),
            Map.entry("SeriousDishonestSubjectListed", "列入严重失信主体名单"),
            Map.entry("CreditRepaired", "信用修复"),
            Map.entry("JointMeasureApplied", "联合奖惩措施"),
            Map.entry("TaxCreditLevelPublished", "纳税信用等级"),
            Map.entry("AbnormalTaxpayerListed", "税务非正常户认定"));

    /** Fields whose value says which decision or class an event is about, in order of preference. */
    private static final String[] DETAIL_FIELDS = {"decisionNo", "newClass", "level", "reportYear", "period", "contractNo",
            "measureCode", "resultCode", "listType", "repairedRecordType", "customsCode"};

    private Summaries() {
    }

    static String of(SpecificRecord payload, EventHeader header) {
        String name = payload.getSchema().getName();
        String label = LABELS.getOrDefault(name, name);
        Object detail = detail(payload);
        return detail == null ? label : label + " " + detail;
    }

    /** The event's own document number: the payload's decisionNo, else the envelope's docNo. */
    static String docNo(SpecificRecord payload, EventHeader header) {
        Schema.Field field = payload.getSchema().getField("decisionNo");
        return field != null ? String.valueOf(payload.get(field.pos())) : header.getDocNo();
    }

    /** For a removal, the listing it ends: a repair of that listing must take the removal out too. */
    static String concernsDocNo(SpecificRecord payload) {
        if (payload instanceof AbnormalOperationsRemoved r) {
            return r.getListingDecisionNo();
        }
        if (payload instanceof SeriousDishonestyRemoved r) {
            return r.getListingDecisionNo();
        }
        return null;
    }

    private static Object detail(SpecificRecord payload) {
        for (String name : DETAIL_FIELDS) {
            Schema.Field field = payload.getSchema().getField(name);
            if (field != null && payload.get(field.pos()) != null) {
                return payload.get(field.pos());
            }
        }
        return null;
    }
}
