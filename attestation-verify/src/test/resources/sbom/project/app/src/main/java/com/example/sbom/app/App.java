package com.example.sbom.app;
public final class App { public static void main(String[] a) { System.out.println(com.example.sbom.a.A.name()); } }
