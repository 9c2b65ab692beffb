package io.orderflow.api.order;

/** Where an order is shipped to. */
public record ShippingAddress(String name, String street, String city, String postalCode, String country) {
}
