package com.example.sbom.b;
public final class B { public static org.slf4j.Logger log() { return org.slf4j.LoggerFactory.getLogger(B.class); } }
