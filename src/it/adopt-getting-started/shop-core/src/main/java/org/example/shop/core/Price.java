package org.example.shop.core;

public record Price(long cents) {
    public Price plus(Price other) {
        return new Price(cents + other.cents);
    }
}
