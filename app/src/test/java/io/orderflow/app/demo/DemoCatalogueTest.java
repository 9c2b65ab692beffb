package io.orderflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.inventory.RegisterProductCommand;
import io.orderflow.api.inventory.Sku;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;

class DemoCatalogueTest {

    private final SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
    private final DemoCatalogue catalogue =
            new DemoCatalogue(DefaultCommandGateway.builder().commandBus(commandBus).build());

    @Test
    void registersSixProductsWithStockBetweenOneHundredAndOneThousand() {
        Map<Sku, RegisterProductCommand> catalogueOnTheWriteSide = productsAcceptedOnce();

        catalogue.run(new DefaultApplicationArguments());

        assertThat(catalogueOnTheWriteSide.keySet()).extracting(Sku::value)
                .containsExactlyInAnyOrder("SKU-1001", "SKU-1002", "SKU-1003", "SKU-1004", "SKU-1005", "SKU-1006");
        assertThat(catalogueOnTheWriteSide.values()).allSatisfy(product -> {
            assertThat(product.name()).isNotBlank();
            assertThat(product.initialStock()).isBetween(100, 1000);
        });
    }

    @Test
    void ignoresProductsThatExistAlreadyOnRestart() {
        Map<Sku, RegisterProductCommand> catalogueOnTheWriteSide = productsAcceptedOnce();
        catalogue.run(new DefaultApplicationArguments());

        assertThatNoException().isThrownBy(() -> catalogue.run(new DefaultApplicationArguments()));
        assertThat(catalogue.register(DemoCatalogue.PRODUCTS.get(0))).isFalse();
        assertThat(catalogueOnTheWriteSide).hasSize(6);
    }

    @Test
    void doesNotStopTheApplicationWhenTheWriteSideFails() {
        commandBus.subscribe(RegisterProductCommand.class.getName(), message -> {
            throw new IllegalStateException("write side unavailable");
        });

        assertThatNoException().isThrownBy(() -> catalogue.run(new DefaultApplicationArguments()));
    }

    @Test
    void listsTheProductsInSkuOrder() {
        List<String> skus = DemoCatalogue.PRODUCTS.stream().map(p -> p.sku().value()).toList();

        assertThat(skus).isSorted().doesNotHaveDuplicates();
    }

    /** A minimal write side: accepts each SKU once, refuses repeats as the Product aggregate does. */
    private Map<Sku, RegisterProductCommand> productsAcceptedOnce() {
        Map<Sku, RegisterProductCommand> products = new ConcurrentHashMap<>();
        commandBus.subscribe(RegisterProductCommand.class.getName(), message -> {
            RegisterProductCommand command = (RegisterProductCommand) message.getPayload();
            if (products.putIfAbsent(command.sku(), command) != null) {
                throw new CommandExecutionException("exists", null,
                        new BusinessError(ErrorCode.PRODUCT_ALREADY_EXISTS, command.sku() + " exists"));
            }
            return command.sku();
        });
        return products;
    }
}
