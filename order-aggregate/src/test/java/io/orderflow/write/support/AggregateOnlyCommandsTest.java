package io.orderflow.write.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderflow.write.inventory.Product;
import io.orderflow.write.order.Order;
import io.orderflow.write.order.OrderPlacement;
import io.orderflow.write.payment.PaymentProcessor;
import io.orderflow.write.shipping.ShippingProcessor;
import java.lang.reflect.Executable;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.junit.jupiter.api.Test;

/**
 * The command bus runs the {@link AggregateOnlyCommands} several to a transaction and repeats them
 * after a rollback, so the set must hold exactly the commands of the handlers that touch nothing but
 * their aggregate, and none whose handler calls the payment provider or the carrier.
 */
class AggregateOnlyCommandsTest {

    @Test
    void areExactlyTheCommandsOfTheOrderAndProductHandlers() {
        assertThat(AggregateOnlyCommands.TYPES)
                .containsExactlyInAnyOrderElementsOf(commandsHandledBy(Order.class, Product.class, OrderPlacement.class));
    }

    @Test
    void leaveOutEveryCommandWhoseHandlerCallsAnExternalSystem() {
        assertThat(commandsHandledBy(PaymentProcessor.class, ShippingProcessor.class))
                .isNotEmpty()
                .doesNotContainAnyElementsOf(AggregateOnlyCommands.TYPES);
    }

    private static Set<Class<?>> commandsHandledBy(Class<?>... handlers) {
        return Arrays.stream(handlers)
                     .flatMap(type -> Stream.<Executable>concat(Arrays.stream(type.getDeclaredMethods()),
                                                                Arrays.stream(type.getDeclaredConstructors())))
                     .filter(handler -> handler.isAnnotationPresent(CommandHandler.class))
                     .map(handler -> handler.getParameterTypes()[0])
                     .collect(Collectors.toSet());
    }
}
