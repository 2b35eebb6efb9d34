package org.sharebus.seeds.generate;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.sharebus.seeds.city.Industry;
import org.sharebus.seeds.inspection.InspectorRoster;

/**
 * A synthetic Hangzhou, deterministic from {@link SeedParameters#seed()}: enterprise after
 * enterprise, each with its events of every department in occurredAt order. Nothing is kept
 * between enterprises but the document-number counters, so two million enterprises stream
 * through in constant memory.
 *
 * <pre>{@code
 * new SeedGenerator(SeedParameters.defaults()).forEach(story -> story.events().forEach(publisher::send));
 * }</pre>
 *
 * An iteration is one pass: create a new generator (or call {@link #iterator()} again) to
 * start over; the same parameters give equal events, ids included.
 */
public final class SeedGenerator implements Iterable<EnterpriseEvents> {

    private final SeedParameters parameters;
    private final EnterpriseFactory factory;
    private final InspectorRoster roster;
    private final double averageTradeFactor;

    public SeedGenerator(SeedParameters parameters) {
        this.parameters = parameters;
        this.factory = new EnterpriseFactory(parameters);
        this.roster = InspectorRoster.generate(parameters.seed());
        double weighted = 0;
        double total = 0;
        for (Industry industry : Industry.values()) {
            weighted += industry.weight() * industry.tradeFactor();
            total += industry.weight();
        }
        this.averageTradeFactor = weighted / total;
    }

    public SeedParameters parameters() {
        return parameters;
    }

    /** The inspector pools the data set's inspection results draw from. */
    public InspectorRoster roster() {
        return roster;
    }

    @Override
    public Iterator<EnterpriseEvents> iterator() {
        DocNumbers docNumbers = new DocNumbers();
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < parameters.enterprises();
            }

            @Override
            public EnterpriseEvents next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("all " + parameters.enterprises() + " enterprises have been generated");
                }
                return story(next++, docNumbers);
            }
        };
    }

    /** Every event of the data set, enterprise by enterprise. */
    public void forEachEvent(Consumer<SeedEvent> consumer) {
        for (EnterpriseEvents story : this) {
            story.events().forEach(consumer);
        }
    }

    private EnterpriseEvents story(int index, DocNumbers docNumbers) {
        Enterprise enterprise = factory.make(index);
        // A second stream for the history, so adding a field to Enterprise does not reshuffle every event.
        SplittableRandom random = factory.randomOf(index).split();
        Story story = new Story(enterprise, parameters, random, docNumbers, roster);
        story.shell = story.chance(parameters.shellShare());
        story.trader = story.chance(Math.min(1, parameters.traderShare() * enterprise.industry().tradeFactor() / averageTradeFactor));
        story.taxStanding = random.nextDouble();
        MarketChapter.write(story);
        CustomsChapter.write(story);
        CommerceChapter.write(story);
        TaxChapter.write(story);
        CreditChapter.write(story);
        return story.finish();
    }
}
