package org.sharebus.consumers.profile;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.sharebus.profile.EnterpriseProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps an encoded profile within one Kafka record. The producer refuses a record over its
 * {@code max.request.size} (1 MiB unless set), and the builder's task would stop on that profile,
 * for every enterprise of its partitions, again at each restart. The lists are bounded in entries,
 * and each string by the gateway's limits, but thousands of characters in each of many entries still
 * add up past it (sixty penalties with 4,000-character decision numbers did: 3.8 MB).
 *
 * <p>Such a profile keeps fewer entries: the timeline's first (it only shows the latest events), then
 * the fact lists' alike, the newest of each audience kept, halving until it fits. The department
 * topics still hold every event. Logged and counted ({@code sharebus_profile_trimmed_total}): an
 * enterprise this large is a sender's fault to look into. The risk class written with it was
 * evaluated on every fact, but the next evaluation sees only the entries kept: a dropped penalty
 * still in publicity stops scoring, and one resent under a new event id is taken as new. A credit
 * repair and a removal waiting for its listing are never dropped.
 */
final class ProfileBudget {

    /** Under the producer's default {@code max.request.size} of 1,048,576 bytes, with room for the key, headers and batch. */
    static final int DEFAULT_MAX_BYTES = 1_000_000;
    private static final Logger log = LoggerFactory.getLogger(ProfileBudget.class);
    /** The fact lists that may be shortened, by field name; the timeline goes first. */
    private static final List<String> FACT_LISTS = List.of("penalties", "abnormalListings", "seriousListings", "inspections",
            "jointMeasures", "techContracts");

    private final int maxBytes;
    private final Runnable trimmed;

    ProfileBudget(int maxBytes, Runnable trimmed) {
        this.maxBytes = maxBytes;
        this.trimmed = trimmed;
    }

    /** The profile's encoding, shortened first if {@code encoded} is over the budget; the profile is changed in place. */
    byte[] fit(EnterpriseProfile profile, byte[] encoded, Function<EnterpriseProfile, byte[]> encode) {
        if (encoded.length <= maxBytes) {
            return encoded;
        }
        int before = encoded.length;
        byte[] fitted = encoded;
        // By entries per audience, as the lists are bounded: a halved total could leave one audience's entries all there.
        for (int keep = profile.getTimeline().size() / 2; fitted.length > maxBytes && keep >= 1; keep /= 2) {
            profile.setTimeline(ProfileUpdater.trim(profile.getTimeline(), keep));
            fitted = encode.apply(profile);
        }
        for (int keep = longestFactList(profile) / 2; fitted.length > maxBytes && keep >= 1; keep /= 2) {
            int entries = keep;
            FACT_LISTS.forEach(field -> shorten(profile, field, list -> ProfileUpdater.trim(list, entries)));
            fitted = encode.apply(profile);
        }
        trimmed.run();
        if (fitted.length > maxBytes) {
            log.error("Profile {} is {} bytes with every list at one entry, over the {} a record may hold: its write will fail."
                    + " Look for very long strings in its events", profile.getUscc(), fitted.length, maxBytes);
        } else {
            log.warn("Profile {} was {} bytes, over the {} a record may hold; kept the newest entries ({}), now {} bytes."
                    + " Look for very long strings in its events", profile.getUscc(), before, maxBytes,
                    "timeline " + profile.getTimeline().size() + ", penalties " + profile.getPenalties().size(), fitted.length);
        }
        return fitted;
    }

    private static int longestFactList(EnterpriseProfile profile) {
        return FACT_LISTS.stream().mapToInt(field -> list(profile, field).size()).max().orElse(0);
    }

    @SuppressWarnings("unchecked")
    private static <T extends IndexedRecord> void shorten(EnterpriseProfile profile, String field, UnaryOperator<List<T>> shorten) {
        ((SpecificRecordBase) profile).put(field, shorten.apply((List<T>) list(profile, field)));
    }

    private static List<?> list(EnterpriseProfile profile, String field) {
        return (List<?>) ((SpecificRecordBase) profile).get(field);
    }
}
