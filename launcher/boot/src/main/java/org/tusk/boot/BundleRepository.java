package org.tusk.boot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The distribution's {@code bundles/} folder, indexed by Bundle-SymbolicName. */
final class BundleRepository {

    private final Map<String, Path> bySymbolicName = new HashMap<>();

    BundleRepository(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path jar : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                try (JarFile jf = new JarFile(jar.toFile())) {
                    if (jf.getManifest() == null) {
                        continue;
                    }
                    Attributes main = jf.getManifest().getMainAttributes();
                    String bsn = main.getValue("Bundle-SymbolicName");
                    if (bsn != null) {
                        bySymbolicName.put(bsn.split(";")[0].strip(), jar);
                    }
                }
            }
        }
    }

    Path find(String symbolicName) throws IOException {
        Path jar = bySymbolicName.get(symbolicName);
        if (jar == null) {
            throw new IOException("bundle " + symbolicName + " is not in the distribution");
        }
        return jar;
    }

    /** The jars for a resolved run list, in order. */
    List<Path> jarsFor(List<RunBundles.Entry> entries) throws IOException {
        List<Path> jars = new java.util.ArrayList<>();
        for (RunBundles.Entry e : entries) {
            jars.add(find(e.symbolicName()));
        }
        return jars;
    }
}
