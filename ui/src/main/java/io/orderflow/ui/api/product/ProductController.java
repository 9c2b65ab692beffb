package io.orderflow.ui.api.product;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.inventory.FindProductQuery;
import io.orderflow.api.inventory.FindProductsQuery;
import io.orderflow.api.inventory.ProductCatalogue;
import io.orderflow.api.inventory.ProductStock;
import io.orderflow.api.inventory.RestockCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.ui.api.ApiLinks;
import io.orderflow.ui.api.CommandDispatcher;
import io.orderflow.ui.api.QueryDispatcher;
import io.orderflow.ui.api.problem.BusinessErrorException;
import io.orderflow.ui.api.problem.InvalidRequestException;
import io.orderflow.ui.api.problem.ProblemResponse;
import io.orderflow.ui.api.problem.ProblemTypes;
import io.orderflow.ui.api.problem.ResourceNotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Products: the catalogue with stock levels, registering a product, restocking one. */
@RestController
@RequestMapping(path = "/api/products", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Products", description = "The catalogue and its stock")
public class ProductController {

    private static final Logger log = LoggerFactory.getLogger(ProductController.class);

    private static final String PRODUCT_PATH = "/api/products/{sku}";
    private static final String RESTOCK_PATH = "/api/products/{sku}/restock";

    private final CommandDispatcher commands;
    private final QueryDispatcher queries;

    /**
     * Creates the controller.
     *
     * @param commands sends the commands
     * @param queries  asks the queries
     */
    public ProductController(CommandDispatcher commands, QueryDispatcher queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /**
     * Lists every product with its stock.
     *
     * @return the catalogue, ordered by SKU
     */
    @GetMapping
    @Operation(summary = "List the catalogue with stock levels")
    @ApiResponse(responseCode = "200", description = "The catalogue, ordered by SKU")
    @ProblemResponse(status = 503, description = "The read model did not answer in time")
    public ProductCatalogue listProducts() {
        return queries.ask(new FindProductsQuery(), ResponseTypes.instanceOf(ProductCatalogue.class));
    }

    /**
     * Reads one product with its stock.
     *
     * @param sku the product's SKU
     * @return the product
     */
    @GetMapping("/{sku}")
    @Operation(summary = "Read a product with its stock levels")
    @ApiResponse(responseCode = "200", description = "The product")
    @ProblemResponse(status = 400, description = "The SKU is malformed")
    @ProblemResponse(status = 404, description = "No such product")
    @ProblemResponse(status = 503, description = "The read model did not answer in time")
    public ProductStock getProduct(@Parameter(description = "SKU", example = "BOOK-1") @PathVariable("sku") String sku) {
        Sku id = parseSku(sku);
        Optional<ProductStock> found = queries.ask(new FindProductQuery(id),
                ResponseTypes.optionalInstanceOf(ProductStock.class));
        return Optional.ofNullable(found).flatMap(f -> f).orElseThrow(() -> new ResourceNotFoundException(
                ProblemTypes.PRODUCT_NOT_FOUND, "No product with SKU '" + id + "'"));
    }

    /**
     * Registers a product.
     *
     * @param request the product
     * @return 201 with the product's {@code Location}
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a product with its initial stock")
    @ApiResponse(responseCode = "201", description = "Registered",
            headers = @Header(name = "Location", description = "The product", schema = @Schema(type = "string")))
    @ProblemResponse(status = 400, description = "Invalid product, malformed JSON or body too large")
    @ProblemResponse(status = 409, description = "A product with this SKU exists")
    @ProblemResponse(status = 503, description = "Not processed in time; its outcome is unknown")
    public ResponseEntity<ProductReceipt> registerProduct(@Valid @RequestBody RegisterProductRequest request) {
        Sku sku = new Sku(request.sku());
        try {
            commands.send(request.toCommand());
        } catch (AggregateStreamCreationException e) {
            // Two registrations of the same SKU raced to create the aggregate; the other one won.
            throw new BusinessErrorException(new BusinessError(ErrorCode.PRODUCT_ALREADY_EXISTS,
                    "A product with SKU '" + sku + "' exists"));
        }
        log.info("Product {} registered with {} unit(s)", sku, request.initialStock());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(ApiLinks.location(PRODUCT_PATH, sku))
                .body(receipt(sku));
    }

    /**
     * Adds stock to a product.
     *
     * @param sku     the product's SKU
     * @param request how many units
     * @return 202 with the product's {@code Location}
     */
    @PostMapping(path = "/{sku}/restock", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add stock to a product")
    @ApiResponse(responseCode = "202", description = "Restocked",
            headers = @Header(name = "Location", description = "The product", schema = @Schema(type = "string")))
    @ProblemResponse(status = 400, description = "Malformed SKU, invalid quantity, malformed JSON or body too large")
    @ProblemResponse(status = 422, description = "No product with this SKU")
    @ProblemResponse(status = 503, description = "Not processed in time; its outcome is unknown")
    public ResponseEntity<ProductReceipt> restock(
            @Parameter(description = "SKU", example = "BOOK-1") @PathVariable("sku") String sku,
            @Valid @RequestBody RestockRequest request) {
        Sku id = parseSku(sku);
        commands.sendToExisting(new RestockCommand(id, request.quantity()),
                () -> new BusinessError(ErrorCode.UNKNOWN_SKU, "No product with SKU '" + id + "'"));
        log.info("Product {} restocked with {} unit(s)", id, request.quantity());
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(ApiLinks.location(PRODUCT_PATH, id))
                .body(receipt(id));
    }

    private static ProductReceipt receipt(Sku sku) {
        return new ProductReceipt(sku.value(),
                new ProductReceipt.Links(ApiLinks.path(PRODUCT_PATH, sku), ApiLinks.path(RESTOCK_PATH, sku)));
    }

    private static Sku parseSku(String sku) {
        if (!Sku.isValid(sku)) {
            throw new InvalidRequestException("sku", "must be 1-64 upper-case letters, digits or dashes, "
                    + "not starting with a dash");
        }
        return new Sku(sku);
    }
}
