package org.sharebus.seeds.city;

import java.util.List;
import org.sharebus.event.market.PenaltySector;

/**
 * The twenty sections (门类) A–T of GB/T 4754-2017 with a few common classes (小类) each, the
 * words enterprise names of the section use, a business scope, and what a market-supervision
 * penalty in the section is usually about.
 *
 * <p>{@code weight} is the section's share of Hangzhou's enterprises in per mille, roughly as
 * the city's register is made up: trade, business services and IT lead, manufacturing follows.
 * S (public administration) and T (international organisations) have weight 0: they are not
 * market entities registered by market supervision, so no seed enterprise falls in them.
 *
 * @param tradeFactor how much likelier than average an enterprise of the section files with
 *                    customs as an importer/exporter
 * @param services    whether enterprises of the section report service trade (服务贸易统计直报)
 *                    and register technology contracts
 */
public enum Industry {

    A('A', "农、林、牧、渔业", 15, List.of(new IndustryClass("A0141", "蔬菜种植"), new IndustryClass("A0143", "花卉种植"),
            new IndustryClass("A0412", "内陆养殖")), List.of("农业开发", "生态农业", "茶业", "花木"),
            "农作物种植；花卉种植；农产品销售", List.of(PenaltySector.PRODUCT_QUALITY, PenaltySector.FOOD), 0.5, false),
    B('B', "采矿业", 1, List.of(new IndustryClass("B1011", "石灰石、石膏开采"), new IndustryClass("B1019", "粘土及其他土砂石开采")),
            List.of("矿业", "石料"), "建筑用石料开采；矿产品销售", List.of(PenaltySector.PRODUCT_QUALITY), 0.5, false),
    C('C', "制造业", 100, List.of(new IndustryClass("C1530", "精制茶加工"), new IndustryClass("C1819", "其他机织服装制造"),
            new IndustryClass("C2710", "化学药品原料药制造"), new IndustryClass("C3484", "机械零部件加工"),
            new IndustryClass("C3670", "汽车零部件及配件制造"), new IndustryClass("C3914", "工业控制计算机及系统制造"),
            new IndustryClass("C3981", "电阻电容电感元件制造"), new IndustryClass("C1411", "糕点、面包制造")),
            List.of("机械", "精密机械", "服饰", "电子", "新材料", "汽车配件", "食品", "智能装备", "茶叶"),
            "机械零部件加工；电子元器件制造；货物进出口", List.of(PenaltySector.PRODUCT_QUALITY, PenaltySector.SPECIAL_EQUIPMENT,
            PenaltySector.FOOD), 3.0, true),
    D('D', "电力、热力、燃气及水生产和供应业", 3, List.of(new IndustryClass("D4420", "电力供应"), new IndustryClass("D4430", "热力生产和供应")),
            List.of("能源", "新能源", "电力"), "电力供应；太阳能发电技术服务", List.of(PenaltySector.PRICING), 0.3, false),
    E('E', "建筑业", 50, List.of(new IndustryClass("E4710", "住宅房屋建筑"), new IndustryClass("E4910", "电气安装"),
            new IndustryClass("E5011", "公共建筑装饰和装修"), new IndustryClass("E5012", "住宅装饰和装修")),
            List.of("建设工程", "建筑工程", "装饰工程", "幕墙工程"), "房屋建筑和市政基础设施项目工程总承包；住宅室内装饰装修",
            List.of(PenaltySector.PRODUCT_QUALITY, PenaltySector.ADVERTISING), 0.3, false),
    F('F', "批发和零售业", 300, List.of(new IndustryClass("F5132", "服装批发"), new IndustryClass("F5179", "其他机械设备及电子产品批发"),
            new IndustryClass("F5212", "超级市场零售"), new IndustryClass("F5292", "互联网零售")),
            List.of("贸易", "进出口", "商贸", "电子商务", "供应链管理", "服饰", "食品"),
            "货物进出口；服装服饰批发；互联网销售（除销售需要许可的商品）", List.of(PenaltySector.CONSUMER_RIGHTS,
            PenaltySector.PRICING, PenaltySector.ADVERTISING, PenaltySector.FOOD, PenaltySector.PRODUCT_QUALITY), 2.0, false),
    G('G', "交通运输、仓储和邮政业", 30, List.of(new IndustryClass("G5431", "普通货物道路运输"), new IndustryClass("G5821", "货物运输代理"),
            new IndustryClass("G5990", "其他仓储业"), new IndustryClass("G6020", "快递服务")),
            List.of("物流", "供应链", "国际货运代理", "仓储"), "国际货物运输代理；普通货物仓储服务；道路货物运输",
            List.of(PenaltySector.CONSUMER_RIGHTS, PenaltySector.PRICING), 1.5, true),
    H('H', "住宿和餐饮业", 30, List.of(new IndustryClass("H6110", "旅游饭店"), new IndustryClass("H6210", "正餐服务"),
            new IndustryClass("H6220", "快餐服务"), new IndustryClass("H6241", "茶馆服务")),
            List.of("餐饮管理", "酒店管理", "茶馆", "餐饮"), "餐饮服务；酒店管理；食品销售", List.of(PenaltySector.FOOD,
            PenaltySector.FOOD, PenaltySector.PRICING), 0.1, false),
    I('I', "信息传输、软件和信息技术服务业", 120, List.of(new IndustryClass("I6421", "互联网搜索服务"),
            new IndustryClass("I6432", "互联网生活服务平台"), new IndustryClass("I6513", "应用软件开发"),
            new IndustryClass("I6520", "集成电路设计"), new IndustryClass("I6531", "信息系统集成服务"),
            new IndustryClass("I6550", "信息处理和存储支持服务")),
            List.of("网络科技", "信息技术", "软件", "数字科技", "云计算", "智能科技", "数据科技"),
            "软件开发；信息技术咨询服务；数据处理和存储支持服务", List.of(PenaltySector.ADVERTISING,
            PenaltySector.CONSUMER_RIGHTS, PenaltySector.FAIR_COMPETITION), 0.6, true),
    J('J', "金融业", 10, List.of(new IndustryClass("J6920", "控股公司服务"), new IndustryClass("J6930", "非金融机构支付服务")),
            List.of("投资管理", "金融信息服务", "控股"), "股权投资；金融信息服务（不含金融业务）",
            List.of(PenaltySector.ADVERTISING, PenaltySector.FAIR_COMPETITION), 0.2, true),
    K('K', "房地产业", 20, List.of(new IndustryClass("K7010", "房地产开发经营"), new IndustryClass("K7020", "物业管理"),
            new IndustryClass("K7030", "房地产中介服务")), List.of("房地产开发", "物业管理", "置业"),
            "房地产开发经营；物业管理", List.of(PenaltySector.ADVERTISING, PenaltySector.PRICING), 0.1, false),
    L('L', "租赁和商务服务业", 150, List.of(new IndustryClass("L7211", "企业总部管理"), new IndustryClass("L7212", "投资与资产管理"),
            new IndustryClass("L7251", "互联网广告服务"), new IndustryClass("L7281", "科技会展服务")),
            List.of("企业管理", "商务咨询", "文化传媒", "广告", "会展服务", "人力资源"),
            "企业管理咨询；广告设计、代理；会议及展览服务", List.of(PenaltySector.ADVERTISING,
            PenaltySector.FAIR_COMPETITION, PenaltySector.CONSUMER_RIGHTS), 0.6, true),
    M('M', "科学研究和技术服务业", 100, List.of(new IndustryClass("M7320", "工程和技术研究和试验发展"),
            new IndustryClass("M7340", "医学研究和试验发展"), new IndustryClass("M7492", "专业设计服务"),
            new IndustryClass("M7520", "知识产权服务")),
            List.of("科技", "生物科技", "检测技术", "设计", "技术服务", "医药科技"),
            "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；工业设计服务", List.of(PenaltySector.ADVERTISING,
            PenaltySector.PRODUCT_QUALITY), 0.8, true),
    N('N', "水利、环境和公共设施管理业", 10, List.of(new IndustryClass("N7721", "水污染治理"), new IndustryClass("N7840", "绿化管理")),
            List.of("环境科技", "园林绿化", "环保工程"), "园林绿化工程施工；水污染治理",
            List.of(PenaltySector.PRODUCT_QUALITY), 0.2, false),
    O('O', "居民服务、修理和其他服务业", 20, List.of(new IndustryClass("O8010", "家庭服务"), new IndustryClass("O8040", "理发及美容服务"),
            new IndustryClass("O8111", "汽车修理与维护")), List.of("家政服务", "美容", "汽车服务"),
            "家政服务；生活美容服务；机动车修理和维护", List.of(PenaltySector.CONSUMER_RIGHTS, PenaltySector.COSMETICS,
            PenaltySector.PRICING), 0.1, false),
    P('P', "教育", 10, List.of(new IndustryClass("P8391", "职业技能培训"), new IndustryClass("P8393", "文化艺术培训")),
            List.of("教育科技", "培训", "文化艺术"), "教育咨询服务（不含涉许可审批的教育培训活动）",
            List.of(PenaltySector.ADVERTISING, PenaltySector.CONSUMER_RIGHTS), 0.1, true),
    Q('Q', "卫生和社会工作", 5, List.of(new IndustryClass("Q8415", "专科医院"), new IndustryClass("Q8425", "门诊部（所）")),
            List.of("医疗管理", "健康管理", "门诊部"), "医疗服务；健康咨询服务（不含诊疗服务）",
            List.of(PenaltySector.DRUG, PenaltySector.MEDICAL_DEVICE, PenaltySector.ADVERTISING), 0.2, false),
    R('R', "文化、体育和娱乐业", 26, List.of(new IndustryClass("R8730", "影视节目制作"), new IndustryClass("R8810", "文艺创作与表演"),
            new IndustryClass("R8930", "健身休闲活动")), List.of("文化创意", "影视", "体育发展", "动漫"),
            "广播电视节目制作经营；文艺创作；体育赛事策划", List.of(PenaltySector.CONSUMER_RIGHTS, PenaltySector.ADVERTISING), 0.3, true),
    S('S', "公共管理、社会保障和社会组织", 0, List.of(new IndustryClass("S9421", "专业性团体")), List.of("服务"),
            "", List.of(PenaltySector.OTHER), 0, false),
    T('T', "国际组织", 0, List.of(new IndustryClass("T9700", "国际组织")), List.of("服务"), "", List.of(PenaltySector.OTHER), 0, false);

    private final char section;
    private final String chineseName;
    private final int weight;
    private final List<IndustryClass> classes;
    private final List<String> nameWords;
    private final String businessScope;
    private final List<PenaltySector> penaltySectors;
    private final double tradeFactor;
    private final boolean services;

    Industry(char section, String chineseName, int weight, List<IndustryClass> classes, List<String> nameWords,
             String businessScope, List<PenaltySector> penaltySectors, double tradeFactor, boolean services) {
        this.section = section;
        this.chineseName = chineseName;
        this.weight = weight;
        this.classes = classes;
        this.nameWords = nameWords;
        this.businessScope = businessScope;
        this.penaltySectors = penaltySectors;
        this.tradeFactor = tradeFactor;
        this.services = services;
    }

    /** A class of the section: code as the schema wants it (section letter and four digits) and its name. */
    public record IndustryClass(String code, String chineseName) {
    }

    public char section() {
        return section;
    }

    public String chineseName() {
        return chineseName;
    }

    public int weight() {
        return weight;
    }

    public List<IndustryClass> classes() {
        return classes;
    }

    public List<String> nameWords() {
        return nameWords;
    }

    public String businessScope() {
        return businessScope;
    }

    public List<PenaltySector> penaltySectors() {
        return penaltySectors;
    }

    public double tradeFactor() {
        return tradeFactor;
    }

    public boolean services() {
        return services;
    }
}
