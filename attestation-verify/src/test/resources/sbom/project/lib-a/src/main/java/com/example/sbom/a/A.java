package com.example.sbom.a;
public final class A { public static String name() { return "a"; } }
