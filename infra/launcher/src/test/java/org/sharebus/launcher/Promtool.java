package org.sharebus.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Prometheus's own linter, {@code promtool check metrics}, over a scrape (Debian package prometheus). */
final class Promtool {

    private Promtool() {
    }

    /** What promtool says about the scrape: empty when it finds no problem; its exit code is checked too. */
    static String checkMetrics(String scrape) throws IOException, InterruptedException {
        Path file = Files.createTempFile("sharebus-scrape", ".txt");
        try {
            Files.writeString(file, scrape);
            Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
                    .redirectErrorStream(true).start();
            String problems = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!promtool.waitFor(60, TimeUnit.SECONDS)) {
                promtool.destroyForcibly();
                return "promtool did not finish within 60 s";
            }
            return promtool.exitValue() == 0 ? problems.strip() : "exit " + promtool.exitValue() + ": " + problems;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
