package com.example.sbom.a;
public final class ATestSupport { public static String fixture() { return "fixture"; } }
