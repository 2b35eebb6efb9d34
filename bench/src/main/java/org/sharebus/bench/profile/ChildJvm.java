package org.sharebus.bench.profile;

import java.nio.file.Path;

final class ChildJvm {

    private ChildJvm() {
    }

    /** The java launcher of the JVM running the benchmark, so the children run on the same JDK. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
