package org.sharebus.consumers.inspection;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The two randoms of 双随机, as pure functions of their inputs so any draw can be redone from its
 * recorded seed and pool:
 * <ol>
 * <li>targets (随机抽取检查对象): the pool sorted by risk class (A, B, C, D, UNKNOWN) and USCC, each
 *     class sampled by its ratio, rounded up, by a partial Fisher–Yates shuffle; the drawn targets
 *     then shuffled, so the draw order (the task numbers) does not tell a target's risk class;</li>
 * <li>inspectors (随机选派执法检查人员): per target, in draw order, the rules' number of certified
 *     officers, shuffled, the enterprise's own district first; never a recused officer, never one
 *     who inspected the enterprise within the rotation window.</li>
 * </ol>
 * Both use one {@link Random} seeded with the recorded seed: its algorithm is fixed by the Java
 * specification, so a redraw on any JVM gives the same list.
 */
public final class InspectionDraw {

    private static final Comparator<Candidate> POOL_ORDER = Comparator
            .comparingInt((Candidate candidate) -> classOrder(candidate.riskClass()))
            .thenComparing(Candidate::uscc);

    private InspectionDraw() {
    }

    /** An enterprise of the target pool (检查对象名录库). */
    public record Candidate(String uscc, String name, String regionCode, String riskClass) {
    }

    /** One risk class of a draw. */
    public record Stratum(String riskClass, BigDecimal ratioPercent, int poolSize, int drawnCount) {
    }

    /** A target and its inspectors. */
    public record Assignment(Candidate target, List<String> inspectorIds) {
    }

    /** What was drawn; {@code poolDigest} identifies the pool a redraw must use ({@link #digest}). */
    public record Outcome(List<Stratum> strata, int poolSize, String poolDigest, List<Assignment> assignments) {
    }

    /**
     * Draws targets and inspectors, or refuses naming the rule that cannot be met.
     *
     * @param pool            the target pool matching the item and scope (any order)
     * @param ratioPercent    the ratio of each risk class, in percent
     * @param inspectors      the department's certified officers
     * @param recused         officers excluded from the whole plan (回避)
     * @param recentInspectors for a set of USCCs, the officers who inspected each within the rotation window
     * @param perTask         officers per task
     */
    public static Outcome draw(Collection<Candidate> pool, Function<String, BigDecimal> ratioPercent,
                               List<InspectorPool.Inspector> inspectors, Set<String> recused,
                               Function<Collection<String>, Map<String, Set<String>>> recentInspectors, int perTask, long seed) {
        return draw(pool, ratioPercent, 0, inspectors, recused, recentInspectors, perTask, seed);
    }

    /**
     * As above, with at least {@code minimumTargets} targets where the pool has them: the rest of a
     * minimum the classes' ratios did not reach is drawn at random from the candidates not drawn yet
     * (a public-information check samples 3 % of every enterprise in scope, SAMR Order 101, also of
     * those its yearly cap leaves out of the pool), and counted in their classes' strata.
     */
    public static Outcome draw(Collection<Candidate> pool, Function<String, BigDecimal> ratioPercent, int minimumTargets,
                               List<InspectorPool.Inspector> inspectors, Set<String> recused,
                               Function<Collection<String>, Map<String, Set<String>>> recentInspectors, int perTask, long seed) {
        List<Candidate> ordered = new ArrayList<>(pool);
        ordered.sort(POOL_ORDER);
        if (ordered.isEmpty()) {
            throw new DrawRefusedException("scope", "the target pool is empty: no ACTIVE enterprise matches the item's"
                    + " industry sections and the chosen districts");
        }
        List<InspectorPool.Inspector> eligible = inspectors.stream().filter(inspector -> !recused.contains(inspector.id()))
                .sorted(Comparator.comparing(InspectorPool.Inspector::id)).toList();
        if (eligible.size() < perTask) {
            throw new DrawRefusedException(recused.isEmpty() ? "inspectors-per-task" : "recusal", "only " + eligible.size()
                    + " certified inspector(s) of the department remain" + (recused.isEmpty() ? "" : " after " + recused.size()
                    + " recusal(s)") + "; every task needs " + perTask + " (行政处罚法第四十二条)", eligible.size(), perTask, recused.size());
        }
        Random random = new Random(seed);
        List<Stratum> strata = new ArrayList<>();
        List<Candidate> targets = new ArrayList<>();
        for (String riskClass : InspectionRules.RISK_CLASSES) {
            List<Candidate> members = new ArrayList<>(ordered.stream().filter(c -> classOf(c).equals(riskClass)).toList());
            BigDecimal ratio = ratioPercent.apply(riskClass);
            int drawn = members.isEmpty() ? 0 : BigDecimal.valueOf(members.size()).multiply(ratio)
                    .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValue();
            drawn = Math.min(drawn, members.size());
            for (int i = 0; i < drawn; i++) {
                Collections.swap(members, i, i + random.nextInt(members.size() - i));
                targets.add(members.get(i));
            }
            strata.add(new Stratum(riskClass, ratio, members.size(), drawn));
        }
        int shortfall = Math.min(minimumTargets, ordered.size()) - targets.size();
        if (shortfall > 0) {
            Set<Candidate> drawnAlready = new java.util.HashSet<>(targets);
            List<Candidate> rest = new ArrayList<>(ordered.stream().filter(c -> !drawnAlready.contains(c)).toList());
            for (int i = 0; i < shortfall; i++) {
                Collections.swap(rest, i, i + random.nextInt(rest.size() - i));
                Candidate extra = rest.get(i);
                targets.add(extra);
                strata.replaceAll(stratum -> stratum.riskClass().equals(classOf(extra))
                        ? new Stratum(stratum.riskClass(), stratum.ratioPercent(), stratum.poolSize(), stratum.drawnCount() + 1) : stratum);
            }
        }
        // Tasks are numbered in draw order: drawn class by class, task -0001 would be class A and the
        // last ones D, telling every reader of a task id the enterprise's (INTERNAL) risk class.
        Collections.shuffle(targets, random);
        Map<String, Set<String>> recent = recentInspectors.apply(targets.stream().map(Candidate::uscc).toList());
        List<Assignment> assignments = new ArrayList<>();
        for (Candidate target : targets) {
            Set<String> rotatedOut = recent.getOrDefault(target.uscc(), Set.of());
            List<InspectorPool.Inspector> local = new ArrayList<>();
            List<InspectorPool.Inspector> others = new ArrayList<>();
            for (InspectorPool.Inspector inspector : eligible) {
                if (!rotatedOut.contains(inspector.id())) {
                    (inspector.regionCode().equals(target.regionCode()) ? local : others).add(inspector);
                }
            }
            Collections.shuffle(local, random);
            Collections.shuffle(others, random);
            List<String> chosen = new ArrayList<>();
            for (InspectorPool.Inspector inspector : concat(local, others)) {
                if (chosen.size() == perTask) {
                    break;
                }
                chosen.add(inspector.id());
            }
            if (chosen.size() < perTask) {
                throw new DrawRefusedException("rotation", "enterprise " + target.uscc() + ": only " + chosen.size()
                        + " inspector(s) left once those who inspected it within the rotation window (" + rotatedOut.size()
                        + ") and recused ones are left out; every task needs " + perTask, target.uscc(), chosen.size(), rotatedOut.size(), perTask);
            }
            assignments.add(new Assignment(target, List.copyOf(chosen)));
        }
        return new Outcome(List.copyOf(strata), ordered.size(), digest(pool), List.copyOf(assignments));
    }

    /**
     * The officer drawn in place of one recused from a task after the draw (回避): at random from
     * {@code eligible} (any order), officers of the enterprise's district first, as the draw sends
     * them; empty when nobody is eligible. Pure, like {@link #draw}: the recorded seed redraws it.
     */
    public static java.util.Optional<String> replacement(Collection<InspectorPool.Inspector> eligible, String regionCode, long seed) {
        Random random = new Random(seed);
        List<InspectorPool.Inspector> local = new ArrayList<>();
        List<InspectorPool.Inspector> others = new ArrayList<>();
        eligible.stream().sorted(Comparator.comparing(InspectorPool.Inspector::id))
                .forEach(inspector -> (inspector.regionCode().equals(regionCode) ? local : others).add(inspector));
        Collections.shuffle(local, random);
        Collections.shuffle(others, random);
        return concat(local, others).stream().findFirst().map(InspectorPool.Inspector::id);
    }

    private static List<InspectorPool.Inspector> concat(List<InspectorPool.Inspector> first, List<InspectorPool.Inspector> second) {
        List<InspectorPool.Inspector> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String classOf(Candidate candidate) {
        return InspectionRules.RISK_CLASSES.contains(candidate.riskClass()) ? candidate.riskClass() : "UNKNOWN";
    }

    private static int classOrder(String riskClass) {
        int index = InspectionRules.RISK_CLASSES.indexOf(riskClass);
        return index < 0 ? InspectionRules.RISK_CLASSES.size() - 1 : index;
    }

    /**
     * Of each member's USCC and region code (which inspectors come first), in USCC order. Not of its
     * risk class, which the draw also reads: the digest is SHARED and the class INTERNAL, and for a
     * pool of a few enterprises every combination of classes could be tried against the digest. Nor
     * in the draw's order, which is by class first and so would tell the classes as well (before
     * 2026-11-30 it was). The plan's strata record each class's pool size instead.
     */
    static String digest(Collection<Candidate> pool) {
        List<Candidate> byUscc = pool.stream().sorted(Comparator.comparing(Candidate::uscc)).toList();
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Candidate candidate : byUscc) {
                sha.update((candidate.uscc() + "\t" + candidate.regionCode() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
