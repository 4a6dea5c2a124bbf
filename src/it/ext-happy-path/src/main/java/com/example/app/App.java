package com.example.app;

public class App {
    public static void main(String[] args) {
        System.out.println("happy");
    }
}
