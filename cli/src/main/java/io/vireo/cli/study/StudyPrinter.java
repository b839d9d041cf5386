package io.vireo.cli.study;

import java.io.PrintWriter;
import java.util.Locale;

/** Progress lines of a study or quickstart run: "[seed 1 · synthetic] building pairs …". */
public final class StudyPrinter {
    private final PrintWriter out;
    private final String prefix;

    public StudyPrinter(PrintWriter out) {
        this(out, "");
    }

    private StudyPrinter(PrintWriter out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    /** The same output, each line prefixed with {@code [context]}. */
    public StudyPrinter within(String context) {
        return new StudyPrinter(out, prefix + "[" + context + "] ");
    }

    public void step(String format, Object... args) {
        out.println(prefix + String.format(Locale.ROOT, format, args));
        out.flush();
    }

    public PrintWriter writer() {
        return out;
    }
}
