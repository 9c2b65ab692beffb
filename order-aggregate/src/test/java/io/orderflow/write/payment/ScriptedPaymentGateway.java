package io.orderflow.write.payment;

import io.orderflow.api.common.Money;
import io.orderflow.api.payment.PaymentId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/**
 * A small fake {@link PaymentGateway}: answers each operation from a script of answers or failures
 * (the last one repeats) and records every call.
 */
final class ScriptedPaymentGateway implements PaymentGateway {

    record RefundCall(PaymentId key, String authorizationCode, Money amount) {
    }

    private final Deque<Supplier<AuthorizationResult>> authorizeScript = new ArrayDeque<>();
    private final Deque<Supplier<String>> refundScript = new ArrayDeque<>();
    private final Deque<Runnable> voidScript = new ArrayDeque<>();
    final List<PaymentId> authorizeCalls = new ArrayList<>();
    final List<RefundCall> refundCalls = new ArrayList<>();
    final List<PaymentId> voidCalls = new ArrayList<>();

    ScriptedPaymentGateway() {
        authorizeScript.add(() -> AuthorizationResult.approved("AUTH-1"));
        refundScript.add(() -> "RF-1");
        voidScript.add(() -> {
        });
    }

    @SafeVarargs
    final ScriptedPaymentGateway authorizeAnswers(Supplier<AuthorizationResult>... answers) {
        authorizeScript.clear();
        authorizeScript.addAll(List.of(answers));
        return this;
    }

    @SafeVarargs
    final ScriptedPaymentGateway refundAnswers(Supplier<String>... answers) {
        refundScript.clear();
        refundScript.addAll(List.of(answers));
        return this;
    }

    ScriptedPaymentGateway voidAnswers(Runnable... answers) {
        voidScript.clear();
        voidScript.addAll(List.of(answers));
        return this;
    }

    static <T> Supplier<T> failure(String message) {
        return () -> {
            throw new PaymentGatewayException(message);
        };
    }

    private static <T> T next(Deque<T> script) {
        return script.size() > 1 ? script.removeFirst() : script.getFirst();
    }

    @Override
    public AuthorizationResult authorize(PaymentId idempotencyKey, Money amount) {
        authorizeCalls.add(idempotencyKey);
        return next(authorizeScript).get();
    }

    @Override
    public String refund(PaymentId idempotencyKey, String authorizationCode, Money amount) {
        refundCalls.add(new RefundCall(idempotencyKey, authorizationCode, amount));
        return next(refundScript).get();
    }

    @Override
    public void voidAuthorization(PaymentId idempotencyKey) {
        voidCalls.add(idempotencyKey);
        next(voidScript).run();
    }
}
