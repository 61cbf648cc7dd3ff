package org.tusk.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code -runbundles} list of a resolved {@code .bndrun} file. The
 * resolver (bnd-resolver-maven-plugin) writes that list at build time and CI
 * fails when it drifts, so the launcher starts exactly the set bnd resolved.
 */
final class RunBundles {

    /** One entry: a bundle symbolic name and the version range the resolver fixed. */
    record Entry(String symbolicName, String versionRange) {}

    private static final Pattern ENTRY = Pattern.compile("^\\s*([A-Za-z0-9_.\\-]+)\\s*;\\s*version\\s*=\\s*'([^']*)'");

    private RunBundles() {}

    static List<Entry> read(Path bndrun) throws IOException {
        List<String> lines = Files.readAllLines(bndrun);
        List<Entry> entries = new ArrayList<>();
        boolean inList = false;
        for (String raw : lines) {
            String line = raw.strip();
            if (!inList) {
                if (line.startsWith("-runbundles:")) {
                    inList = true;
                    line = line.substring("-runbundles:".length()).strip();
                } else {
                    continue;
                }
            }
            boolean continues = line.endsWith("\\");
            if (continues) {
                line = line.substring(0, line.length() - 1);
            }
            for (String part : line.split(",(?=\\s*[A-Za-z0-9_.\\-]+\\s*;)")) {
                Matcher m = ENTRY.matcher(part);
                if (m.find()) {
                    entries.add(new Entry(m.group(1), m.group(2)));
                }
            }
            if (!continues) {
                break;
            }
        }
        if (entries.isEmpty()) {
            throw new IOException("no -runbundles in " + bndrun + " (was the distribution built?)");
        }
        return entries;
    }
}
