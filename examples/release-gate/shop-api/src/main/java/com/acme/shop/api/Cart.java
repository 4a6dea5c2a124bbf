package com.acme.shop.api;

/** The shop's API module. */
public final class Cart {
    private Cart() {}
}
