package org.tusk.boot;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installed distribution: {@code tusk-boot.jar}, {@code lib/} (Felix),
 * {@code bundles/}, {@code run/*.bndrun} and {@code deploy/} (plugins), all in one folder.
 */
record Distribution(Path home) {

    static Distribution locate() {
        String override = System.getProperty("tusk.home");
        if (override != null) {
            return new Distribution(Path.of(override).toAbsolutePath());
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return new Distribution(Files.isDirectory(jar) ? jar : jar.getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    Path bundlesFolder() { return home.resolve("bundles"); }
    Path bootJar() { return home.resolve("tusk-boot.jar"); }
    /**
     * Where plugins for a role are dropped: {@code deploy/frontends/} for the frontend role.
     * Every jar there is installed after the role's resolved bundles, at each start, so a
     * new frontend needs no rebuild.
     */
    Path deployFolder(ProcessRole role) { return home.resolve("deploy").resolve(role.bndrunName + "s"); }
    Path bndrun(ProcessRole role) { return home.resolve("run").resolve(role.bndrunName + ".bndrun"); }
}
