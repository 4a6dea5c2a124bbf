package dev.airlock.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced blocks of a documentation page that a scenario follows literally ({@code it.page}): each is marked by an
 * HTML comment on the line before it, invisible on the rendered page,
 * <ul>
 *   <li>{@code <!-- it:file PATH -->}: the block is that file of the project ({@code .mvn/extensions.xml});</li>
 *   <li>{@code <!-- it:settings -->}: the block is the user's {@code settings.xml} (the harness adds its sink proxies);</li>
 *   <li>{@code <!-- it:enforcer-dependencies -->}, {@code <!-- it:enforcer-execution -->}: added to the
 *       {@code maven-enforcer-plugin} the project's parent POM already declares, the dependencies before its
 *       {@code <executions>}, the execution as the first of them;</li>
 *   <li>{@code <!-- it:run NAME -->}: one {@code mvn ...} command, run by {@code invoker.goals.N = page:NAME [more args]};</li>
 *   <li>{@code <!-- it:install -->}: a shell script that installs Airlock into a Maven installation
 *       ({@code $MAVEN_HOME}), run by bash on a copy of the scenario's Maven with {@code it.maven.install=page}.</li>
 * </ul>
 * Text replacements ({@code it.page.replace = from->to,...}) turn the page's example hosts into the loopback mirror.
 * A page edit that breaks a block fails the scenario; so does a marker the scenario needs that the page lost.
 */
final class DocPage {
    private static final Pattern BLOCK = Pattern.compile(
            "<!--\\s*it:([a-z-]+)(?:\\s+(\\S+))?\\s*-->\\s*\\n```[^\\n]*\\n(.*?)\\n```", Pattern.DOTALL);

    record Block(String kind, String arg, String text) {}

    final Path file;
    final List<Block> blocks = new ArrayList<>();

    DocPage(Path file, Map<String, String> replacements) throws IOException {
        this.file = file;
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(3);
            for (Map.Entry<String, String> r : replacements.entrySet()) {
                body = body.replace(r.getKey(), r.getValue());
            }
            blocks.add(new Block(m.group(1), m.group(2), body + "\n"));
        }
        if (blocks.isEmpty()) {
            throw new IllegalStateException(file + " has no block marked for the tests (<!-- it:... -->)");
        }
    }

    List<Block> of(String kind) {
        return blocks.stream().filter(b -> b.kind().equals(kind)).toList();
    }

    Block one(String kind) {
        List<Block> found = of(kind);
        if (found.size() != 1) {
            throw new IllegalStateException(file + " has " + found.size() + " blocks marked it:" + kind + ", not one");
        }
        return found.get(0);
    }

    /**
     * The arguments of the command block {@code it:run NAME}, {@code mvn} left off: one command, which may go on over
     * lines ending in a backslash, split into words as a POSIX shell does for plain text ({@code "..."} and
     * {@code '...'} quote, a backslash escapes the next character outside single quotes; no expansion).
     */
    List<String> command(String name) {
        List<Block> found = of("run").stream().filter(b -> name.equals(b.arg())).toList();
        if (found.size() != 1) {
            throw new IllegalStateException(file + " has " + found.size() + " command blocks it:run " + name);
        }
        String joined = found.get(0).text().replaceAll("\\\\\n", " ");
        List<String> lines = joined.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        if (lines.size() != 1 || !lines.get(0).startsWith("mvn ")) {
            throw new IllegalStateException(file + ": the block it:run " + name + " is not one mvn command: " + lines);
        }
        List<String> args = words(lines.get(0));
        args.remove(0);
        return args;
    }

    /** Splits a command line into words as a shell does without expansions; an unclosed quote is an error. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalStateException("unclosed " + quote + " in: " + line);
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    /**
     * The jar files the {@code it:install} script copies (the {@code .jar} words of its {@code cp} commands): the
     * harness puts them in the folder the script runs in, as a person would have downloaded them.
     */
    List<String> installJars() {
        List<String> out = new ArrayList<>();
        for (String line : one("install").text().replaceAll("\\\\\n", " ").lines().map(String::strip).toList()) {
            if (line.startsWith("cp ")) {
                words(line).stream().filter(w -> w.endsWith(".jar")).forEach(out::add);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(file + ": the it:install block copies no jar");
        }
        return out;
    }

    /** Writes every {@code it:file} block into {@code project}. */
    void writeFiles(Path project) throws IOException {
        for (Block b : of("file")) {
            Path target = project.resolve(b.arg()).normalize();
            if (!target.startsWith(project)) {
                throw new IllegalStateException(file + ": it:file " + b.arg() + " leaves the project");
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, b.text(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Adds the page's dependencies and execution to the one {@code maven-enforcer-plugin} that {@code pom} declares,
     * as a person following the page would.
     */
    void mergeIntoEnforcer(Path pom) throws IOException {
        String xml = Files.readString(pom, StandardCharsets.UTF_8);
        String marker = "<artifactId>maven-enforcer-plugin</artifactId>";
        int at = xml.indexOf(marker);
        if (at < 0 || xml.indexOf(marker, at + 1) >= 0) {
            throw new IllegalStateException(pom + " must declare maven-enforcer-plugin exactly once");
        }
        int end = xml.indexOf("</plugin>", at);
        int executions = xml.indexOf("<executions>", at);
        if (executions < 0 || executions > end) {
            throw new IllegalStateException(pom + ": its maven-enforcer-plugin has no <executions> to merge into");
        }
        if (xml.substring(at, end).contains("<dependencies>")) {
            throw new IllegalStateException(pom + ": the fixture's enforcer plugin should have no <dependencies> yet");
        }
        String execution = one("enforcer-execution").text();
        String dependencies = one("enforcer-dependencies").text();
        int afterExecutions = executions + "<executions>".length();
        xml = xml.substring(0, executions) + dependencies + xml.substring(executions, afterExecutions) + "\n"
                + execution + xml.substring(afterExecutions);
        Files.writeString(pom, xml, StandardCharsets.UTF_8);
    }

    /** {@code from->to,...}, with the run's tokens already replaced. */
    static Map<String, String> replacements(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec == null) {
            return out;
        }
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] p = entry.split("->", 2);
            if (p.length != 2) {
                throw new IllegalArgumentException("it.page.replace entry '" + entry + "' is not from->to");
            }
            out.put(p[0].strip(), p[1].strip());
        }
        return out;
    }
}
