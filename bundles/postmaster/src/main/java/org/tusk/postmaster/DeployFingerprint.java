package org.tusk.postmaster;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.TreeMap;

/** What the storage deploy folder holds, as one string: jar names with their sizes and modification times. */
final class DeployFingerprint {

    private DeployFingerprint() {}

    static String of(Path folder) {
        if (!Files.isDirectory(folder)) {
            return "";
        }
        TreeMap<String, String> jars = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            for (Path jar : stream) {
                BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
                jars.put(jar.getFileName().toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            return "unreadable";
        }
        return jars.toString();
    }
}
