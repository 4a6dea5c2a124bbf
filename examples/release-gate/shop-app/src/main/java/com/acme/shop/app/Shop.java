package com.acme.shop.app;

/** The shop's application module. */
public final class Shop {
    private Shop() {}
}
