package org.unionaid.datagen;

import java.math.BigDecimal;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo city's fixed parts: 73 aid stations (city centre, 6 districts, 12 streets, 36
 * communities, 18 enterprise stations), 40 enterprises (the first a shut-down textile mill),
 * and the 低保 per year since 2016.
 */
final class City {

    static final String CITY_CODE = "C01";
    static final int FIRST_YEAR = 2016;

    record Station(String code, String name, String parentCode, String level, String path, int enterprise) {
    }

    record Enterprise(String name, String creditCode, String status, boolean keyEnterprise) {
    }

    private static final String[] DISTRICTS = {"鼓楼区", "台江区", "仓山区", "晋安区", "马尾区", "长乐区"};
    private static final String[] STREETS = {"东街街道", "南街街道", "温泉街道", "华大街道", "水部街道", "五凤街道",
            "洪山镇", "茶园街道", "鳌峰街道", "瀛洲街道", "上渡街道", "新店镇"};
    private static final String[] COMMUNITIES = {"光荣", "三角井", "福新", "湖前", "树兜", "井大", "铜盘", "安泰",
            "乌山", "双抛", "隆平", "达道"};
    private static final String[] ENTERPRISES = {"红星纺织厂", "榕城机械厂", "闽江造船厂", "东方电机公司", "海峡食品公司",
            "福光玻璃厂", "南台印染厂", "新港物流公司", "金山建材公司", "马尾钢铁公司", "长乐针织厂", "晋安水泥厂",
            "仓山制药厂", "台江服装公司", "鼓楼电子公司", "闽侯纸业公司", "福州客车厂", "五一公交公司", "三山环卫公司",
            "江滨建筑公司", "西湖宾馆", "东街百货公司", "温泉酒店", "华林化工厂", "茶亭家具厂", "洪山煤矿",
            "上渡汽修厂", "盖山鞋业公司", "城门陶瓷厂", "螺洲渔业公司", "琅岐农场", "潭头电厂", "营前纺机厂",
            "金峰织造公司", "古槐塑料厂", "文武砂电子厂", "首占食品厂", "松下港务公司", "鹤上机场服务公司", "漳港旅游公司"};

    private City() {
    }

    static List<Station> stations() {
        List<Station> stations = new ArrayList<>();
        String cityPath = "/" + CITY_CODE + "/";
        stations.add(new Station(CITY_CODE, "市总工会困难职工帮扶中心", null, "CITY", cityPath, -1));
        int street = 0;
        int community = 0;
        for (int d = 1; d <= 6; d++) {
            String district = CITY_CODE + String.format("-D%02d", d);
            String districtPath = cityPath + district + "/";
            stations.add(new Station(district, DISTRICTS[d - 1] + "总工会帮扶站", CITY_CODE, "DISTRICT", districtPath, -1));
            for (int s = 1; s <= 2; s++) {
                String streetCode = district + String.format("-S%02d", s);
                String streetPath = districtPath + streetCode + "/";
                stations.add(new Station(streetCode, STREETS[street++] + "工会帮扶站", district, "STREET", streetPath, -1));
                for (int c = 1; c <= 3; c++) {
                    String code = streetCode + String.format("-C%02d", c);
                    stations.add(new Station(code, COMMUNITIES[community++ % COMMUNITIES.length] + "社区" + c + "帮扶站",
                            streetCode, "COMMUNITY", streetPath + code + "/", -1));
                }
            }
            for (int e = 1; e <= 3; e++) {
                String code = district + String.format("-E%02d", e);
                int enterprise = (d - 1) * 3 + (e - 1);
                stations.add(new Station(code, ENTERPRISES[enterprise] + "工会帮扶站", district, "ENTERPRISE",
                        districtPath + code + "/", enterprise));
            }
        }
        return stations;
    }

    /** Where files are kept: communities and enterprise stations. */
    static List<Station> leaves(List<Station> stations) {
        return stations.stream().filter(s -> s.level().equals("COMMUNITY") || s.level().equals("ENTERPRISE")).toList();
    }

    static List<Enterprise> enterprises(long seed) {
        List<Enterprise> list = new ArrayList<>();
        for (int i = 0; i < ENTERPRISES.length; i++) {
            String status = i == 0 || i == 9 || i == 25 ? "CLOSED" : i % 11 == 4 ? "SUSPENDED" : "OPERATING";
            boolean key = i == 0 || i % 7 == 2;
            list.add(new Enterprise(ENTERPRISES[i], CreditCodes.of(i, seed), status, key));
        }
        return list;
    }

    /** The city's monthly minimum living standard (低保) of a year. */
    static BigDecimal minimumLivingStandard(int year) {
        int[] amounts = {690, 720, 760, 800, 830, 860, 880, 910, 930, 950, 970};
        int index = year - FIRST_YEAR;
        int amount = index < amounts.length ? amounts[Math.max(index, 0)] : 970 + 20 * (index - amounts.length + 1);
        return BigDecimal.valueOf(amount).setScale(2);
    }

    static int lastYear() {
        return Year.now(HardshipFiles.CHINA).getValue();
    }
}
