package io.orderflow.projections.order;

import io.orderflow.api.common.Money;
import io.orderflow.api.order.CustomerId;
import io.orderflow.api.order.FailureReason;
import io.orderflow.api.order.FindOrderQuery;
import io.orderflow.api.order.FindOrdersQuery;
import io.orderflow.api.order.OrderDetails;
import io.orderflow.api.order.OrderId;
import io.orderflow.api.order.OrderList;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Answers the order queries from the order view. {@link FindOrderQuery} is answered with an
 * {@code Optional<OrderDetails>}: ask with {@code ResponseTypes.optionalInstanceOf(OrderDetails.class)}.
 */
@Component
class OrderQueryHandler {

    /** The most orders one {@link FindOrdersQuery} returns, whatever limit it asks for. */
    static final int MAX_LIMIT = 500;

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("placedAt"), Sort.Order.desc("orderId"));

    private final OrderViewRepository views;
    private final OrderHistoryRepository history;

    OrderQueryHandler(OrderViewRepository views, OrderHistoryRepository history) {
        this.views = views;
        this.history = history;
    }

    /** One order with its whole story, oldest step first; empty if the view does not know the order. */
    @QueryHandler
    @Transactional(readOnly = true)
    public Optional<OrderDetails> handle(FindOrderQuery query) {
        return views.findById(query.orderId().toString()).map(view -> new OrderDetails(
                OrderId.of(view.orderId()),
                new CustomerId(view.customerId()),
                view.status(),
                view.reasonCode() == null ? null : new FailureReason(view.reasonCode(), nullToEmpty(view.reasonDetail())),
                OrderLinesJson.read(view.linesJson()),
                total(view),
                view.placedAt(),
                view.updatedAt(),
                history.findByOrderIdOrderByOccurredAtAscIdAsc(view.orderId()).stream()
                        .map(entry -> new OrderDetails.HistoryEntry(entry.occurredAt(), entry.eventType(), entry.description()))
                        .toList()));
    }

    /**
     * The most recently placed orders, newest first, optionally only those in one status. The limit is
     * kept between 1 and {@value #MAX_LIMIT}.
     */
    @QueryHandler
    @Transactional(readOnly = true)
    public OrderList handle(FindOrdersQuery query) {
        PageRequest page = PageRequest.of(0, Math.max(1, Math.min(query.limit(), MAX_LIMIT)), NEWEST_FIRST);
        List<OrderViewEntity> rows = query.status() == null ? views.findBy(page) : views.findByStatus(query.status(), page);
        return new OrderList(rows.stream()
                .map(view -> new OrderList.Summary(
                        OrderId.of(view.orderId()),
                        new CustomerId(view.customerId()),
                        view.status(),
                        view.reasonCode(),
                        total(view),
                        view.placedAt(),
                        view.updatedAt()))
                .toList());
    }

    /**
     * The total as money in its currency's usual scale: the column keeps four decimals, so
     * {@code 60.0000} reads back as {@code 60.00 EUR}, while {@code 12.345} keeps its three.
     */
    private static Money total(OrderViewEntity view) {
        return new Money(currencyScale(view.totalAmount(), view.currency()), view.currency());
    }

    static BigDecimal currencyScale(BigDecimal amount, String currencyCode) {
        int fractionDigits;
        try {
            fractionDigits = Math.max(0, Currency.getInstance(currencyCode).getDefaultFractionDigits());
        } catch (IllegalArgumentException unknownCurrency) {
            fractionDigits = 2;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < fractionDigits ? stripped.setScale(fractionDigits) : stripped;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
