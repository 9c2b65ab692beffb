package io.orderflow.write.shipping;

import io.orderflow.api.order.OrderLine;
import io.orderflow.api.order.ShippingAddress;
import io.orderflow.api.shipping.ShipmentId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * A small fake {@link Carrier}: answers each operation from a script of answers or failures (the
 * last one repeats) and records every call.
 */
final class ScriptedCarrier implements Carrier {

    record CancelCall(ShipmentId key, String trackingNumber) {
    }

    private final Deque<Supplier<BookingResult>> bookScript = new ArrayDeque<>();
    private final Deque<Runnable> cancelScript = new ArrayDeque<>();
    final List<ShipmentId> bookCalls = new ArrayList<>();
    final List<CancelCall> cancelCalls = new ArrayList<>();

    ScriptedCarrier() {
        bookScript.add(() -> BookingResult.booked("Test Post", "TP-1"));
        cancelScript.add(() -> {
        });
    }

    @SafeVarargs
    final ScriptedCarrier bookAnswers(Supplier<BookingResult>... answers) {
        bookScript.clear();
        bookScript.addAll(List.of(answers));
        return this;
    }

    ScriptedCarrier cancelAnswers(Runnable... answers) {
        cancelScript.clear();
        cancelScript.addAll(List.of(answers));
        return this;
    }

    static Supplier<BookingResult> failure(String message) {
        return () -> {
            throw new CarrierException(message);
        };
    }

    static Runnable cancelFailure(String message) {
        return () -> {
            throw new CarrierException(message);
        };
    }

    private static <T> T next(Deque<T> script) {
        return script.size() > 1 ? script.removeFirst() : script.getFirst();
    }

    @Override
    public BookingResult book(ShipmentId idempotencyKey, ShippingAddress address, List<OrderLine> lines) {
        bookCalls.add(idempotencyKey);
        return next(bookScript).get();
    }

    @Override
    public void cancel(ShipmentId idempotencyKey, String trackingNumber) {
        cancelCalls.add(new CancelCall(idempotencyKey, trackingNumber));
        next(cancelScript).run();
    }
}
