package org.sharebus.uscc;

import java.util.Random;

/**
 * Makes valid USCCs for seeds and tests, deterministically from a seed. Codes are those of
 * enterprises registered with market supervision (registration department 9, category 1 for
 * companies, 2 for individual businesses), with an organisation code that also passes GB 11714.
 */
public final class UsccGenerator {

    private static final String ORG_LETTERS = "ABCDEFGHJKLMNPQRTUWXY";
    private final Random random;

    public UsccGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** An enterprise (category 1) registered in the given six-digit division. */
    public Uscc next(String regionCode) {
        return next('1', regionCode);
    }

    public Uscc next(char category, String regionCode) {
        if (regionCode.length() != 6 || !regionCode.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("region code must be six digits (GB/T 2260), got " + regionCode);
        }
        StringBuilder body = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            // About one position in twenty is a letter, as in organisation codes issued since 2015.
            body.append(random.nextInt(20) == 0
                    ? ORG_LETTERS.charAt(random.nextInt(ORG_LETTERS.length()))
                    : (char) ('0' + random.nextInt(10)));
        }
        String first17 = "9" + category + regionCode + body + Uscc.organisationCheckDigit(body.toString());
        return new Uscc(first17 + Uscc.checkCharacter(first17));
    }
}
