package io.orderflow.app.demo;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.inventory.RegisterProductCommand;
import io.orderflow.api.inventory.Sku;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Registers a small product catalogue at start-up, so that the zero-setup run has something to
 * order. On by default ({@code orderflow.demo-data.enabled: true} in {@code application.yml}), off in
 * the {@code postgres} profile and in tests.
 *
 * <p>Each product is registered with a {@link RegisterProductCommand} through the command gateway,
 * exactly as a client would. On a restart the products already exist and the write side refuses them
 * with {@link ErrorCode#PRODUCT_ALREADY_EXISTS}, which is expected and ignored. Any other failure is
 * logged and does not stop the application: demo data is a convenience.
 */
@Component
@ConditionalOnProperty(prefix = "orderflow.demo-data", name = "enabled", havingValue = "true")
public class DemoCatalogue implements ApplicationRunner {

    /** The demo products, in SKU order. */
    public static final List<RegisterProductCommand> PRODUCTS = List.of(
            new RegisterProductCommand(new Sku("SKU-1001"), "Espresso beans, 1 kg", 500),
            new RegisterProductCommand(new Sku("SKU-1002"), "Burr grinder", 120),
            new RegisterProductCommand(new Sku("SKU-1003"), "Milk jug, 600 ml", 300),
            new RegisterProductCommand(new Sku("SKU-1004"), "Paper filters, 100 pcs", 1000),
            new RegisterProductCommand(new Sku("SKU-1005"), "Pour-over kettle", 150),
            new RegisterProductCommand(new Sku("SKU-1006"), "Ceramic cup set", 250));

    private static final Logger log = LoggerFactory.getLogger(DemoCatalogue.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CommandGateway commandGateway;

    /**
     * @param commandGateway sends the registrations
     */
    public DemoCatalogue(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @Override
    public void run(ApplicationArguments args) {
        int registered = 0;
        for (RegisterProductCommand product : PRODUCTS) {
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
            if (register(product)) {
                registered++;
            }
        }
        log.info("Demo catalogue: {} of {} products registered, the others existed already or failed",
                 registered, PRODUCTS.size());
    }

    /**
     * Registers one product.
     *
     * @param product the registration
     * @return {@code true} if the product was registered now, {@code false} if it existed or failed
     */
    boolean register(RegisterProductCommand product) {
        CompletableFuture<Object> result = commandGateway.send(product);
        try {
            result.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | CompletionException e) {
            Throwable failure = e.getCause() != null ? e.getCause() : e;
            if (isAlreadyRegistered(failure)) {
                log.debug("Demo product {} exists already", product.sku());
            } else {
                log.warn("Demo product {} could not be registered", product.sku(), failure);
            }
            return false;
        } catch (TimeoutException e) {
            log.warn("Demo product {} was not registered within {}", product.sku(), TIMEOUT);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while registering demo product {}", product.sku());
            return false;
        }
    }

    private static boolean isAlreadyRegistered(Throwable failure) {
        return failure instanceof CommandExecutionException commandFailure
                && commandFailure.getDetails()
                                 .filter(BusinessError.class::isInstance)
                                 .map(BusinessError.class::cast)
                                 .filter(error -> error.code() == ErrorCode.PRODUCT_ALREADY_EXISTS)
                                 .isPresent();
    }
}
