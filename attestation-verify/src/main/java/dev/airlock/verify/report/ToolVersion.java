package dev.airlock.verify.report;

/** Airlock's version, from the jar's manifest ({@code Implementation-Version}); "dev" when run from classes. */
public final class ToolVersion {
    private ToolVersion() {}

    public static String get() {
        String v = ToolVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
