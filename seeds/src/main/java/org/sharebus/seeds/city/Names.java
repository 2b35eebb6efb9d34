package org.sharebus.seeds.city;

import java.util.SplittableRandom;

/**
 * Plausible Chinese names: enterprises (region + 字号 + industry word + 有限公司/股份有限公司) and
 * natural persons (legal representatives, inspectors).
 *
 * <p>Enterprise names are unique within a data set, as the register requires: the trade name
 * (字号) of enterprise {@code i} is a bijection of {@code i}, two characters for the first
 * {@code n²} enterprises, three for the next {@code n³} and four after that, where {@code n} is the
 * number of trade-name characters. The bijection is an affine map modulo the block size with a
 * multiplier coprime to it, chosen from the seed, so names look shuffled and differ between seeds.
 */
public final class Names {

    /** Characters Hangzhou trade names are made of; no repeats (checked at class load). */
    static final String TRADE_NAME_CHARACTERS =
            "华鑫瑞恒达博创云智联信泰盛源锦宏诚德润新万宇中天海元金丰通安广正永星明力嘉和汇科佳优美康福鼎兴龙易睿晟卓航弘昊启峰景辰晨"
            + "宸骏铭远越隆邦凯迅腾飞楷朗捷尚品致臻逸悦乐绿青蓝禾森钱江湖之杭吴良渚西溪钧璟琪瀚澜沃特奥普微网链数思维途迈拓壹佰仟誉"
            + "合众利祥富贵荣昌顺惠家百世纪环球亚洲东方南北光辉晶宝玉皓霖璞曜";
    private static final String SURNAMES =
            "王王王陈陈陈张张李李徐徐吴吴周周杨金沈朱胡黄刘赵孙马钱叶何俞郑方林许蒋董姚章汪冯潘倪邵施楼应傅余陆韩郭范毛蔡钟";
    private static final String GIVEN_CHARACTERS =
            "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文斌宇浩晨欣怡子涵梓轩一诺佳琪俊杰志强海燕晓东丹红雪梅立新国平卫东";

    private final int alphabetSize;
    private final long[] blockSizes;
    private final long[] multipliers;
    private final long[] offsets;

    public Names(long seed) {
        String characters = TRADE_NAME_CHARACTERS;
        if (characters.chars().distinct().count() != characters.length()) {
            throw new IllegalStateException("TRADE_NAME_CHARACTERS has a repeated character");
        }
        alphabetSize = characters.length();
        blockSizes = new long[] {pow(alphabetSize, 2), pow(alphabetSize, 3), pow(alphabetSize, 4)};
        multipliers = new long[3];
        offsets = new long[3];
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EED_4A3E5L);
        for (int block = 0; block < 3; block++) {
            long size = blockSizes[block];
            long multiplier;
            do {
                multiplier = 1 + random.nextLong(size - 1);
            } while (gcd(multiplier, size) != 1);
            multipliers[block] = multiplier;
            offsets[block] = random.nextLong(size);
        }
    }

    /** The unique trade name (字号) of enterprise {@code index}, two to four characters. */
    public String tradeName(long index) {
        long rest = index;
        for (int block = 0; block < 3; block++) {
            long size = blockSizes[block];
            if (rest < size) {
                long n = Math.floorMod(Math.multiplyExact(multipliers[block], rest) + offsets[block], size);
                StringBuilder name = new StringBuilder();
                for (int i = 0; i < block + 2; i++) {
                    name.append(TRADE_NAME_CHARACTERS.charAt((int) (n % alphabetSize)));
                    n /= alphabetSize;
                }
                return name.toString();
            }
            rest -= size;
        }
        throw new IllegalArgumentException("enterprise index " + index + " exceeds the trade names available");
    }

    /**
     * A registered name: mostly 杭州 + 字号 + industry word, some with the district (杭州萧山…) or the
     * province (浙江…), which joint-stock companies favour.
     */
    public String enterpriseName(long index, District district, String industryWord, boolean jointStock, SplittableRandom random) {
        String tradeName = tradeName(index);
        double u = random.nextDouble();
        String region;
        if (jointStock) {
            region = u < 0.6 ? "浙江" : "杭州";
        } else if (u < 0.72) {
            region = "杭州";
        } else if (u < 0.9) {
            region = "杭州" + district.chineseName().substring(0, 2);
        } else {
            region = "浙江";
        }
        return region + tradeName + industryWord + (jointStock ? "股份有限公司" : "有限公司");
    }

    /** A person's name: a surname weighted as in Zhejiang, one or two given characters. */
    public static String personName(SplittableRandom random) {
        StringBuilder name = new StringBuilder();
        name.append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int given = random.nextDouble() < 0.75 ? 2 : 1;
        for (int i = 0; i < given; i++) {
            name.append(GIVEN_CHARACTERS.charAt(random.nextInt(GIVEN_CHARACTERS.length())));
        }
        return name.toString();
    }

    private static long pow(int base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
