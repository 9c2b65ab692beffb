package io.orderflow.bench.client;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes sure the benchmark's products exist with enough stock before the load starts, so that only
 * the orders meant to fail for lack of stock do. Registration and restocking are commands whose
 * effect reaches the product list through a projection; the setup waits until the list shows it.
 */
public final class CatalogueSetup {

    private static final Duration POLL = Duration.ofMillis(250);

    private final OrderflowClient client;
    private final PrintStream log;

    public CatalogueSetup(OrderflowClient client, PrintStream log) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Registers missing products and restocks short ones.
     *
     * @param skus        the in-stock SKUs the orders use
     * @param stockPerSku the stock each of them should have available at the start
     * @param soldOutSku  a SKU to register with no stock, when some orders are meant to be rejected
     * @param wait        how long to wait for the product list to show the result
     * @throws IllegalStateException when the application refuses a product or the list does not catch up
     */
    public void prepare(List<String> skus, int stockPerSku, Optional<String> soldOutSku, Duration wait) {
        Map<String, OrderflowClient.Product> existing = byCode(client.products());
        int registered = 0;
        int restocked = 0;
        for (int i = 0; i < skus.size(); i++) {
            String sku = skus.get(i);
            OrderflowClient.Product product = existing.get(sku);
            if (product == null) {
                expectSuccess(client.registerProduct(sku, "Benchmark product " + (i + 1), stockPerSku), "register " + sku);
                registered++;
            } else if (product.available() < stockPerSku / 2) {
                expectSuccess(client.restock(sku, stockPerSku - product.available()), "restock " + sku);
                restocked++;
            }
        }
        soldOutSku.ifPresent(sku -> {
            OrderflowClient.Product product = existing.get(sku);
            if (product == null) {
                expectSuccess(client.registerProduct(sku, "Benchmark product that is always sold out", 0),
                        "register " + sku);
            } else if (product.available() > 0) {
                log.printf("warning: %s has %d units available; orders meant to be rejected will not be%n",
                        sku, product.available());
            }
        });
        log.printf("catalogue: %d SKUs, %d registered, %d restocked%n", skus.size(), registered, restocked);
        awaitCatalogue(skus, stockPerSku / 2, soldOutSku, wait);
    }

    private void awaitCatalogue(List<String> skus, int minimumAvailable, Optional<String> soldOutSku, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        String missing;
        do {
            Map<String, OrderflowClient.Product> products = byCode(client.products());
            missing = skus.stream()
                    .filter(sku -> !products.containsKey(sku) || products.get(sku).available() < minimumAvailable)
                    .findFirst()
                    .or(() -> soldOutSku.filter(sku -> !products.containsKey(sku)))
                    .orElse(null);
            if (missing == null) {
                return;
            }
            LockSupport.parkNanos(POLL.toNanos());
        } while (System.nanoTime() - deadline < 0);
        throw new IllegalStateException("the product list did not show " + missing + " with stock within " + wait);
    }

    private static Map<String, OrderflowClient.Product> byCode(List<OrderflowClient.Product> products) {
        return products.stream().collect(Collectors.toMap(OrderflowClient.Product::sku, Function.identity(), (a, b) -> b));
    }

    private static void expectSuccess(int status, String what) {
        if (status / 100 != 2 && status != 409) {
            throw new IllegalStateException(what + " answered HTTP " + status);
        }
    }
}
