package org.tusk.script.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parent of the scripts' GroovyClassLoader inside OSGi. Groovy's own bundle loader
 * comes first: it sees every Groovy package (compiled scripts refer to
 * org.codehaus.groovy.runtime.* and friends, which this bundle does not import) and, through
 * Groovy's DynamicImport-Package, whatever else is exported. This bundle's loader comes
 * second: it sees org.tusk.script (Db, Row) and org.tusk.libpq (PgError, PgConnection...)
 * by its own imports. Outside OSGi both are usually the same application class loader.
 */
final class BundleAwareLoader extends ClassLoader {
    private final List<ClassLoader> loaders;

    BundleAwareLoader(ClassLoader... loaders) {
        super(null);
        Set<ClassLoader> distinct = new LinkedHashSet<>();
        for (ClassLoader l : loaders) if (l != null) distinct.add(l);
        this.loaders = List.copyOf(distinct);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ClassNotFoundException last = null;
        for (ClassLoader l : loaders) {
            try {
                return l.loadClass(name);
            } catch (ClassNotFoundException e) {
                last = e;
            }
        }
        throw last != null ? last : new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader l : loaders) {
            URL u = l.getResource(name);
            if (u != null) return u;
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        List<URL> all = new ArrayList<>();
        for (ClassLoader l : loaders) {
            for (Enumeration<URL> e = l.getResources(name); e.hasMoreElements(); ) {
                URL u = e.nextElement();
                if (!all.contains(u)) all.add(u);
            }
        }
        return Collections.enumeration(all);
    }
}
