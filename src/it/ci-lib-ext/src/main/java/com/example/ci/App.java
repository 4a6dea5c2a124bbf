package com.example.ci;

public final class App {
    private App() {
    }
}
