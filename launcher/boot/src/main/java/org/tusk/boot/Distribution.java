package org.tusk.boot;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installed distribution: {@code tusk-boot.jar}, {@code lib/} (Felix),
 * {@code bundles/} and {@code run/*.bndrun}, all in one folder.
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
    Path bndrun(ProcessRole role) { return home.resolve("run").resolve(role.bndrunName + ".bndrun"); }
}
