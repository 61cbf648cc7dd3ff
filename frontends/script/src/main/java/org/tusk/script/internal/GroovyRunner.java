package org.tusk.script.internal;

import java.io.File;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptException;
import javax.script.SimpleScriptContext;

import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.jsr223.GroovyScriptEngineFactory;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.codehaus.groovy.syntax.SyntaxException;
import org.tusk.libpq.PgError;
import org.tusk.script.Db;

import groovy.lang.Closure;
import groovy.lang.Script;

/**
 * Runs a Groovy script through JSR 223. The engine comes straight from
 * {@link GroovyScriptEngineFactory} (ScriptEngineManager's META-INF/services discovery
 * does not cross OSGi class loaders), created while the thread's context class loader is
 * a {@link BundleAwareLoader}, which GroovyScriptEngineImpl then takes as the parent of
 * the scripts' class loader.
 */
final class GroovyRunner {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean trace;

    GroovyRunner(PrintWriter out, PrintWriter err, boolean trace) {
        this.out = out;
        this.err = err;
        this.trace = trace;
    }

    /** The engine that {@code ./tusk script} uses, with the script class loader set up for OSGi. */
    static ScriptEngine newEngine() {
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        t.setContextClassLoader(scriptParentLoader());
        try {
            return new GroovyScriptEngineFactory().getScriptEngine();
        } finally {
            t.setContextClassLoader(saved);
        }
    }

    static ClassLoader scriptParentLoader() {
        return new BundleAwareLoader(Script.class.getClassLoader(), GroovyRunner.class.getClassLoader(),
                Db.class.getClassLoader());
    }

    /**
     * Compiles and runs {@code source}, named {@code fileName} (the name errors point at).
     * Returns the exit status: 0, 1 on a compilation or uncaught error, n for exit(n), 2
     * when the connection could not be opened.
     */
    int run(String fileName, String source, File scriptFile, String[] args, Db db, InputStream in) {
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        ClassLoader parent = scriptParentLoader();
        t.setContextClassLoader(parent);
        try {
            ScriptEngine engine = newEngine();
            ScriptContext ctx = new SimpleScriptContext();
            ctx.setWriter(out);
            ctx.setErrorWriter(err);
            ctx.setReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Bindings b = engine.createBindings();
            b.put(ScriptEngine.FILENAME, fileName);
            b.put("db", db);
            b.put("args", args);
            b.put("out", out);
            b.put("err", err);
            b.put("stdin", in);
            b.put("scriptFile", scriptFile);
            b.put("exit", new Closure<Object>(null) {
                private static final long serialVersionUID = 1L;
                @Override
                public Object call(Object... a) {
                    int status = a.length == 0 || a[0] == null ? 0 : ((Number) a[0]).intValue();
                    throw new ExitRequest(status);
                }
                @Override
                public Object call(Object a) {
                    return call(new Object[] { a });
                }
                @Override
                public Object call() {
                    return call(new Object[0]);
                }
                @Override
                public int getMaximumNumberOfParameters() {
                    return 1;
                }
            });
            ctx.setBindings(b, ScriptContext.ENGINE_SCOPE);
            engine.setContext(ctx);
            CompiledScript compiled;
            try {
                compiled = ((Compilable) engine).compile(source);
            } catch (ScriptException e) {
                reportCompileError(fileName, e);
                return 1;
            }
            try {
                compiled.eval(ctx);
                return 0;
            } catch (ScriptException e) {
                return uncaught(fileName, e);
            } catch (RuntimeException | Error e) {
                return uncaught(fileName, e);
            }
        } finally {
            t.setContextClassLoader(saved);
            out.flush();
            err.flush();
        }
    }

    private int uncaught(String fileName, Throwable thrown) {
        Throwable e = thrown;
        while ((e instanceof ScriptException || e instanceof InvokerInvocationException
                || e instanceof InvocationTargetException) && e.getCause() != null) {
            e = e.getCause();
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ExitRequest) return ((ExitRequest) c).status;
            if (c instanceof ConnectionFailed) {
                out.flush();
                err.print("tusk script: error: " + c.getMessage());
                return 2;
            }
        }
        out.flush();
        int line = scriptLine(e, fileName);
        String where = line > 0 ? fileName + ":" + line + ": " : fileName + ": ";
        if (e instanceof PgError) {
            err.print(where + ((PgError) e).libpqMessage());
        } else {
            err.println(where + e);
        }
        if (trace) e.printStackTrace(err);
        return 1;
    }

    /** The line of the innermost script frame of e or its causes; 0 when none is the script's. */
    static int scriptLine(Throwable e, String fileName) {
        String base = new File(fileName).getName();   // Groovy's SourceFile attribute is the base name
        for (Throwable c = e; c != null; c = c.getCause()) {
            for (StackTraceElement f : c.getStackTrace()) {
                if ((fileName.equals(f.getFileName()) || base.equals(f.getFileName())) && f.getLineNumber() > 0) return f.getLineNumber();
            }
            if (c.getCause() == c) break;
        }
        return 0;
    }

    private void reportCompileError(String fileName, ScriptException e) {
        out.flush();
        Throwable cause = e.getCause();
        List<String> lines = new ArrayList<>();
        if (cause instanceof MultipleCompilationErrorsException) {
            for (Message m : ((MultipleCompilationErrorsException) cause).getErrorCollector().getErrors()) {
                if (m instanceof SyntaxErrorMessage) {
                    SyntaxException s = ((SyntaxErrorMessage) m).getCause();
                    lines.add(fileName + ":" + s.getLine() + ":" + s.getStartColumn() + ": " + s.getOriginalMessage());
                } else {
                    java.io.StringWriter w = new java.io.StringWriter();
                    m.write(new PrintWriter(w));
                    lines.add(fileName + ": " + w.toString().trim());
                }
            }
        }
        if (lines.isEmpty()) lines.add(fileName + ": " + (cause != null ? cause : e));
        for (String l : lines) err.println(l);
        if (trace) e.printStackTrace(err);
    }
}
