package org.sharebus.consumers.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.sharebus.event.common.Department;

class InspectionDrawTest {

    private static final Map<String, BigDecimal> RATIOS = Map.of("A", new BigDecimal("3"), "B", new BigDecimal("5"),
            "C", new BigDecimal("10"), "D", new BigDecimal("20"), "UNKNOWN", new BigDecimal("5"));
    private static final Function<Collection<String>, Map<String, Set<String>>> NO_HISTORY = usccs -> Map.of();

    @Test
    void shouldDrawEachClassByItsRatioRoundedUpWhenThePoolHasSeveralClasses() {
        // given 100 A, 20 B, 10 C and 4 D enterprises
        List<InspectionDraw.Candidate> pool = pool(Map.of("A", 100, "B", 20, "C", 10, "D", 4));

        // when
        InspectionDraw.Outcome outcome = draw(pool, inspectors(), Set.of(), NO_HISTORY, 42L);

        // then 3 % of 100, 5 % of 20, 10 % of 10 and 20 % of 4 rounded up
        assertThat(outcome.strata()).extracting(InspectionDraw.Stratum::riskClass, InspectionDraw.Stratum::poolSize,
                InspectionDraw.Stratum::drawnCount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("A", 100, 3), org.assertj.core.groups.Tuple.tuple("B", 20, 1),
                org.assertj.core.groups.Tuple.tuple("C", 10, 1), org.assertj.core.groups.Tuple.tuple("D", 4, 1),
                org.assertj.core.groups.Tuple.tuple("UNKNOWN", 0, 0));
        assertThat(outcome.assignments()).hasSize(6);
        assertThat(outcome.assignments().stream().filter(a -> a.target().riskClass().equals("A")).count()).isEqualTo(3);
        assertThat(outcome.poolSize()).isEqualTo(134);
        assertThat(outcome.assignments()).extracting(a -> a.target().uscc()).doesNotHaveDuplicates();
    }

    @Test
    void shouldDrawTheSameTargetsAndInspectorsWhenRedrawnWithTheRecordedSeedFromTheSamePoolInAnyOrder() {
        // given a draw made with a seed
        List<InspectionDraw.Candidate> pool = pool(Map.of("A", 100, "B", 20, "C", 10, "D", 4));
        InspectionDraw.Outcome first = draw(pool, inspectors(), Set.of(), NO_HISTORY, 7_654_321L);

        // when an auditor redraws with the recorded seed, the pool read in another order
        List<InspectionDraw.Candidate> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, new Random(1));
        InspectionDraw.Outcome redrawn = draw(shuffled, inspectors(), Set.of(), NO_HISTORY, 7_654_321L);

        // then the same list, the same inspectors and the same pool digest; another seed draws another list
        assertThat(redrawn).isEqualTo(first);
        assertThat(redrawn.poolDigest()).hasSize(64);
        assertThat(draw(pool, inspectors(), Set.of(), NO_HISTORY, 1L).assignments()).isNotEqualTo(first.assignments());
    }

    @Test
    void shouldTellPoolsApartByDigestOrStrataWhenTheSameEnterprisesHaveOtherDistrictsOrClasses() {
        // given two enterprises, then the same two with one class changed, then with one moved to another district
        InspectionDraw.Candidate x = new InspectionDraw.Candidate("91330106000000001A", "甲", "330106", "A");
        InspectionDraw.Candidate y = new InspectionDraw.Candidate("91330106000000002B", "乙", "330106", "B");
        List<InspectionDraw.Candidate> first = List.of(x, y);
        List<InspectionDraw.Candidate> reclassed = List.of(x, new InspectionDraw.Candidate(y.uscc(), y.name(), y.regionCode(), "A"));
        List<InspectionDraw.Candidate> moved = List.of(x, new InspectionDraw.Candidate(y.uscc(), y.name(), "330108", y.riskClass()));

        // when drawn with one seed
        InspectionDraw.Outcome drawn = draw(first, inspectors(), Set.of(), NO_HISTORY, 11L);
        InspectionDraw.Outcome drawnReclassed = draw(reclassed, inspectors(), Set.of(), NO_HISTORY, 11L);
        InspectionDraw.Outcome drawnMoved = draw(moved, inspectors(), Set.of(), NO_HISTORY, 11L);

        // then the moved pool has another digest (the USCCs alone would have been the same); the reclassed one,
        // which draws one target instead of two, keeps its digest (classes are INTERNAL) and shows in its strata
        assertThat(drawnMoved.poolDigest()).isNotEqualTo(drawn.poolDigest());
        assertThat(drawn.assignments()).hasSize(2);
        assertThat(drawnReclassed.assignments()).hasSize(1);
        assertThat(drawnReclassed.poolDigest()).isEqualTo(drawn.poolDigest());
        assertThat(drawnReclassed.strata()).extracting(InspectionDraw.Stratum::poolSize)
                .isNotEqualTo(drawn.strata().stream().map(InspectionDraw.Stratum::poolSize).toList());
    }

    @Test
    void shouldGiveTwoPoolsOfTheSameEnterprisesOneDigestWhicheverOfThemIsOfWhichClass() {
        // given two enterprises, one class A and one class D, and the same two with the classes the other way round
        InspectionDraw.Candidate x = new InspectionDraw.Candidate("91330106000000001A", "甲", "330106", "A");
        InspectionDraw.Candidate y = new InspectionDraw.Candidate("91330106000000002B", "乙", "330106", "D");
        List<InspectionDraw.Candidate> swapped = List.of(new InspectionDraw.Candidate(x.uscc(), x.name(), x.regionCode(), "D"),
                new InspectionDraw.Candidate(y.uscc(), y.name(), y.regionCode(), "A"));

        // when drawn
        InspectionDraw.Outcome drawn = draw(List.of(x, y), inspectors(), Set.of(), NO_HISTORY, 11L);
        InspectionDraw.Outcome drawnSwapped = draw(swapped, inspectors(), Set.of(), NO_HISTORY, 11L);

        // then the SHARED digest is the same: in the draw's order (by class) it told the other departments which was D
        assertThat(drawnSwapped.poolDigest()).isEqualTo(drawn.poolDigest());
    }

    @Test
    void shouldDrawAReplacementOfTheEnterprisesDistrictFirstTheSameForTheSameSeedAndNoneWhenNobodyIsEligible() {
        // given two officers of Xihu and two of Binjiang eligible to replace a recused one on a Xihu task
        List<InspectorPool.Inspector> eligible = List.of(
                new InspectorPool.Inspector("33010810001", Department.MARKET, "330108", "滨江一", true),
                new InspectorPool.Inspector("33010610002", Department.MARKET, "330106", "西湖二", true),
                new InspectorPool.Inspector("33010810002", Department.MARKET, "330108", "滨江二", true),
                new InspectorPool.Inspector("33010610001", Department.MARKET, "330106", "西湖一", true));

        // when drawn with several seeds, and again with one of them, the officers listed in another order
        Set<String> drawn = new HashSet<>();
        for (long i = 1; i <= 20; i++) {
            // Spread out as SecureRandom's seeds are: java.util.Random's first draws from neighbouring small seeds agree.
            drawn.add(InspectionDraw.replacement(eligible, "330106", i * 0x9E3779B97F4A7C15L).orElseThrow());
        }
        List<InspectorPool.Inspector> reordered = new ArrayList<>(eligible);
        Collections.reverse(reordered);

        // then always a Xihu officer, either of them, the same one for the same seed; nobody from an empty list
        assertThat(drawn).containsExactlyInAnyOrder("33010610001", "33010610002");
        assertThat(InspectionDraw.replacement(reordered, "330106", 7L)).isEqualTo(InspectionDraw.replacement(eligible, "330106", 7L));
        assertThat(InspectionDraw.replacement(eligible.subList(0, 1), "330106", 7L)).contains("33010810001");
        assertThat(InspectionDraw.replacement(List.of(), "330106", 7L)).isEmpty();
    }

    @Test
    void shouldSendTwoDistinctCertifiedInspectorsOfTheEnterprisesDistrictWhenEnoughAreLocal() {
        // given one enterprise in Xihu and officers in Xihu and Binjiang
        List<InspectionDraw.Candidate> pool = List.of(new InspectionDraw.Candidate("92330106000000001X", "张小明", "330106", "B"));

        // when
        InspectionDraw.Outcome outcome = draw(pool, inspectors(), Set.of(), NO_HISTORY, 3L);

        // then
        List<String> sent = outcome.assignments().get(0).inspectorIds();
        assertThat(sent).hasSize(2).doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).startsWith("3301061"));
    }

    @Test
    void shouldNeverSendARecusedInspectorWhenTheyAreExcludedFromThePlan() {
        // given two of the three Xihu officers recused
        List<InspectionDraw.Candidate> pool = List.of(new InspectionDraw.Candidate("92330106000000001X", "张小明", "330106", "B"));
        Set<String> recused = Set.of("33010610001", "33010610002");

        // when
        InspectionDraw.Outcome outcome = draw(pool, inspectors(), recused, NO_HISTORY, 3L);

        // then the remaining local officer and one from elsewhere
        List<String> sent = outcome.assignments().get(0).inspectorIds();
        assertThat(sent).doesNotContainAnyElementsOf(recused).contains("33010610003").hasSize(2);
    }

    @Test
    void shouldNotRepeatAnInspectorForAnEnterpriseWhenTheyInspectedItWithinTheRotationWindow() {
        // given the enterprise was inspected by two Xihu officers in a recent plan
        String uscc = "92330106000000001X";
        List<InspectionDraw.Candidate> pool = List.of(new InspectionDraw.Candidate(uscc, "张小明", "330106", "B"));
        Function<Collection<String>, Map<String, Set<String>>> history = usccs -> Map.of(uscc, Set.of("33010610001", "33010610002"));

        // when drawn again, over many seeds
        Set<String> everSent = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            everSent.addAll(draw(pool, inspectors(), Set.of(), history, seed).assignments().get(0).inspectorIds());
        }

        // then neither is ever sent again
        assertThat(everSent).doesNotContain("33010610001", "33010610002").contains("33010610003");
    }

    @Test
    void shouldRefuseNamingTheRuleWhenRotationAndRecusalLeaveFewerThanTwoInspectors() {
        // given a pool of three officers: one recused, one rotated out
        String uscc = "92330106000000001X";
        List<InspectionDraw.Candidate> pool = List.of(new InspectionDraw.Candidate(uscc, "张小明", "330106", "B"));
        List<InspectorPool.Inspector> three = inspectors().subList(0, 3);

        // when / then
        assertThatThrownBy(() -> draw(pool, three, Set.of("33010610001"), usccs -> Map.of(uscc, Set.of("33010610002")), 5L))
                .isInstanceOf(DrawRefusedException.class)
                .hasMessage("enterprise 92330106000000001X: only 1 inspector(s) left once those who inspected it within the rotation"
                        + " window (1) and recused ones are left out; every task needs 2")
                .extracting(e -> ((DrawRefusedException) e).rule()).isEqualTo("rotation");
        assertThatThrownBy(() -> draw(pool, three, Set.of("33010610001", "33010610002"), NO_HISTORY, 5L))
                .isInstanceOf(DrawRefusedException.class)
                .hasMessage("only 1 certified inspector(s) of the department remain after 2 recusal(s); every task needs 2 (行政处罚法第四十二条)");
        assertThatThrownBy(() -> draw(pool, three.subList(0, 1), Set.of(), NO_HISTORY, 5L))
                .extracting(e -> ((DrawRefusedException) e).rule()).isEqualTo("inspectors-per-task");
    }

    @Test
    void shouldNotNumberTasksClassByClassWhenSeveralClassesAreDrawn() {
        // given a pool with every class drawn several times
        List<InspectionDraw.Candidate> pool = pool(Map.of("A", 100, "B", 40, "C", 30, "D", 15));

        // when drawn with several seeds
        Set<String> firstTaskClasses = new HashSet<>();
        Set<String> lastTaskClasses = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            List<InspectionDraw.Assignment> tasks = draw(pool, inspectors(), Set.of(), NO_HISTORY, seed).assignments();
            firstTaskClasses.add(tasks.get(0).target().riskClass());
            lastTaskClasses.add(tasks.get(tasks.size() - 1).target().riskClass());
        }

        // then task -0001 is not always class A nor the last one always class D: a task number tells no risk class
        assertThat(firstTaskClasses).hasSizeGreaterThan(1);
        assertThat(lastTaskClasses).hasSizeGreaterThan(1);
    }

    @Test
    void shouldRefuseWhenTheTargetPoolIsEmpty() {
        // when / then
        assertThatThrownBy(() -> draw(List.of(), inspectors(), Set.of(), NO_HISTORY, 5L))
                .isInstanceOf(DrawRefusedException.class)
                .hasMessageStartingWith("the target pool is empty")
                .extracting(e -> ((DrawRefusedException) e).rule()).isEqualTo("scope");
    }

    private static InspectionDraw.Outcome draw(List<InspectionDraw.Candidate> pool, List<InspectorPool.Inspector> inspectors,
                                               Set<String> recused, Function<Collection<String>, Map<String, Set<String>>> history,
                                               long seed) {
        return InspectionDraw.draw(pool, RATIOS::get, inspectors, recused, history, 2, seed);
    }

    /** Enterprises per class, numbered, all in Xihu. */
    private static List<InspectionDraw.Candidate> pool(Map<String, Integer> sizes) {
        List<InspectionDraw.Candidate> pool = new ArrayList<>();
        sizes.forEach((riskClass, size) -> {
            for (int i = 0; i < size; i++) {
                pool.add(new InspectionDraw.Candidate("91330106" + riskClass.charAt(0) + String.format("%08d", i) + "X",
                        "企业" + riskClass + i, "330106", riskClass));
            }
        });
        return pool;
    }

    /** Three market officers in Xihu (330106), three in Binjiang (330108). */
    private static List<InspectorPool.Inspector> inspectors() {
        List<InspectorPool.Inspector> inspectors = new ArrayList<>();
        for (String region : List.of("330106", "330108")) {
            for (int i = 1; i <= 3; i++) {
                inspectors.add(new InspectorPool.Inspector(region + "1000" + i, Department.MARKET, region, "执法员" + region + i, true));
            }
        }
        return inspectors;
    }
}
