package org.sharebus.seeds.city;

import java.util.List;

/**
 * Hangzhou's ten districts, two counties and one county-level city with their GB/T 2260 codes, as
 * they stand since the 2021 redistricting (江干 and 下城 merged into 上城 and 拱墅; 临平 and 钱塘
 * created, hence 330113 and 330114; the codes 330103 and 330104 are gone).
 *
 * <p>{@code weight} is the district's share of the city's enterprises in per cent, roughly as the
 * registers report it (余杭 and 萧山 largest, the western counties smallest); it decides where seed
 * enterprises are. {@code docPrefix} is the abbreviation that starts the authorities' document
 * numbers (杭西市监罚〔2024〕12号).
 */
public enum District {

    SHANGCHENG("330102", "上城区", "杭上", 11, List.of("解放路", "庆春路", "钱江路", "秋涛路", "望江东路", "凤起东路")),
    GONGSHU("330105", "拱墅区", "杭拱", 10, List.of("莫干山路", "湖墅南路", "上塘路", "丽水路", "东新路", "香积寺路")),
    XIHU("330106", "西湖区", "杭西", 12, List.of("文三路", "天目山路", "西溪路", "古墩路", "教工路", "紫金港路")),
    BINJIANG("330108", "滨江区", "杭滨", 9, List.of("江南大道", "网商路", "滨安路", "江虹路", "长河路", "物联网街")),
    XIAOSHAN("330109", "萧山区", "杭萧", 14, List.of("市心路", "金城路", "建设一路", "人民路", "萧然南路", "振宁路")),
    YUHANG("330110", "余杭区", "杭余", 15, List.of("文一西路", "五常大道", "良睦路", "高教路", "龙潭路", "向往街")),
    FUYANG("330111", "富阳区", "杭富", 6, List.of("金桥北路", "江滨西大道", "迎宾北路", "恩波大道")),
    LINAN("330112", "临安区", "杭临安", 4, List.of("钱王大街", "科技大道", "天目路", "衣锦街")),
    LINPING("330113", "临平区", "杭临平", 7, List.of("临平大道", "星光街", "迎宾路", "世纪大道", "藕花洲大街")),
    QIANTANG("330114", "钱塘区", "杭钱", 6, List.of("学林街", "文泽路", "6号大街", "江东大道", "义蓬路")),
    TONGLU("330122", "桐庐县", "桐", 3, List.of("迎春南路", "白云源路", "学圣路", "富春路")),
    CHUNAN("330127", "淳安县", "淳", 1, List.of("新安大街", "环湖北路", "千岛湖大道")),
    JIANDE("330182", "建德市", "建", 2, List.of("新安东路", "严州大道", "江滨中路", "洋安大道"));

    private final String code;
    private final String chineseName;
    private final String docPrefix;
    private final int weight;
    private final List<String> roads;

    District(String code, String chineseName, String docPrefix, int weight, List<String> roads) {
        this.code = code;
        this.chineseName = chineseName;
        this.docPrefix = docPrefix;
        this.weight = weight;
        this.roads = roads;
    }

    /** GB/T 2260 code, e.g. 330106. */
    public String code() {
        return code;
    }

    /** 西湖区, 桐庐县, 建德市. */
    public String chineseName() {
        return chineseName;
    }

    /** Name as local authorities carry it: 杭州市西湖区 for districts, 桐庐县 and 建德市 for the others. */
    public String authorityPrefix() {
        return chineseName.endsWith("区") ? "杭州市" + chineseName : chineseName;
    }

    /** 杭西 in 杭西市监罚〔2024〕12号. */
    public String docPrefix() {
        return docPrefix;
    }

    public int weight() {
        return weight;
    }

    public List<String> roads() {
        return roads;
    }

    /** 杭州市西湖区市场监督管理局. */
    public String marketAuthority() {
        return authorityPrefix() + "市场监督管理局";
    }

    /** 国家税务总局杭州市西湖区税务局; 国家税务总局桐庐县税务局. */
    public String taxAuthority() {
        return "国家税务总局" + authorityPrefix() + "税务局";
    }

    /** 杭州市西湖区人民法院. */
    public String court() {
        return authorityPrefix() + "人民法院";
    }

    /** Court code in case numbers: 浙0106 for 西湖区 ((2024)浙0106执1234号). */
    public String courtCode() {
        return "浙" + code.substring(2, 6);
    }

    public static District ofCode(String code) {
        for (District district : values()) {
            if (district.code.equals(code)) {
                return district;
            }
        }
        throw new IllegalArgumentException("no Hangzhou district has GB/T 2260 code " + code);
    }
}
