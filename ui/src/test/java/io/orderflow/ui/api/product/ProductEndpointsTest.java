package io.orderflow.ui.api.product;

import static io.orderflow.ui.api.ProblemAssertions.assertProblem;
import static io.orderflow.ui.api.ProblemAssertions.onlyInvalidField;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.inventory.FindProductQuery;
import io.orderflow.api.inventory.FindProductsQuery;
import io.orderflow.api.inventory.ProductCatalogue;
import io.orderflow.api.inventory.ProductStock;
import io.orderflow.api.inventory.RegisterProductCommand;
import io.orderflow.api.inventory.RestockCommand;
import io.orderflow.api.inventory.Sku;
import io.orderflow.ui.api.ApiWebMvcTest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ApiWebMvcTest(ProductController.class)
class ProductEndpointsTest {

    private static final Sku BOOK = new Sku("BOOK-1");

    @Autowired
    private MockMvc mvc;

    @Autowired
    private CommandGateway commandGateway;

    @Autowired
    private QueryGateway queryGateway;

    @Test
    void listsTheCatalogueWithPlainSkus() throws Exception {
        when(queryGateway.query(eq(new FindProductsQuery()), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(
                        new ProductCatalogue(List.of(new ProductStock(BOOK, "A book", 10, 3, 7)))));

        mvc.perform(get("/api/products"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.products[0].sku").value("BOOK-1"))
                .andExpect(jsonPath("$.products[0].available").value(7));
    }

    @Test
    void answersOneProduct() throws Exception {
        when(queryGateway.query(eq(new FindProductQuery(BOOK)), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(Optional.of(new ProductStock(BOOK, "A book", 10, 3, 7))));

        mvc.perform(get("/api/products/{sku}", "BOOK-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sku").value("BOOK-1"))
                .andExpect(jsonPath("$.name").value("A book"))
                .andExpect(jsonPath("$.onHand").value(10))
                .andExpect(jsonPath("$.reserved").value(3));
    }

    @Test
    void answersAnUnknownProductWithNotFound() throws Exception {
        when(queryGateway.query(eq(new FindProductQuery(BOOK)), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(Optional.empty()));

        assertProblem(mvc.perform(get("/api/products/{sku}", "BOOK-1")), 404, "product-not-found");
    }

    @Test
    void refusesAMalformedSkuWithoutAsking() throws Exception {
        assertProblem(mvc.perform(get("/api/products/{sku}", "book-1")), 400, "validation-failed")
                .andExpect(onlyInvalidField("sku"));

        verifyNoInteractions(queryGateway);
    }

    @Test
    void registersAProductAndAnswersCreatedWithLocation() throws Exception {
        register("{\"sku\": \"BOOK-1\", \"name\": \"A book\", \"initialStock\": 0}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/products/BOOK-1"))
                .andExpect(jsonPath("$.sku").value("BOOK-1"))
                .andExpect(jsonPath("$.links.restock").value("/api/products/BOOK-1/restock"));

        assertThat(sentCommand()).isEqualTo(new RegisterProductCommand(BOOK, "A book", 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sku          | {\"name\": \"A book\", \"initialStock\": 1}",
        "sku          | {\"sku\": \"book 1\", \"name\": \"A book\", \"initialStock\": 1}",
        "name         | {\"sku\": \"BOOK-1\", \"name\": \" \", \"initialStock\": 1}",
        "initialStock | {\"sku\": \"BOOK-1\", \"name\": \"A book\", \"initialStock\": -1}",
        "initialStock | {\"sku\": \"BOOK-1\", \"name\": \"A book\"}"
    })
    void refusesAnInvalidProductAndSendsNothing(String field, String body) throws Exception {
        assertProblem(register(body), 400, "validation-failed").andExpect(onlyInvalidField(field));

        verifyNoInteractions(commandGateway);
    }

    @Test
    void answersAnExistingProductWithConflict() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(refused(ErrorCode.PRODUCT_ALREADY_EXISTS, "Product BOOK-1 exists"));

        assertProblem(register("{\"sku\": \"BOOK-1\", \"name\": \"A book\", \"initialStock\": 1}"), 409,
                "product-already-exists")
                .andExpect(jsonPath("$.code").value("PRODUCT_ALREADY_EXISTS"));
    }

    @Test
    void answersARaceToRegisterTheSameProductWithConflict() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(new AggregateStreamCreationException("duplicate"));

        assertProblem(register("{\"sku\": \"BOOK-1\", \"name\": \"A book\", \"initialStock\": 1}"), 409,
                "product-already-exists")
                .andExpect(jsonPath("$.code").value("PRODUCT_ALREADY_EXISTS"));
    }

    @Test
    void restocksAProduct() throws Exception {
        restock("BOOK-1", "{\"quantity\": 25}")
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/products/BOOK-1"));

        assertThat(sentCommand()).isEqualTo(new RestockCommand(BOOK, 25));
    }

    @Test
    void answersARestockOfAnUnknownSkuAsUnprocessable() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(refused(ErrorCode.UNKNOWN_SKU, "No product with SKU 'BOOK-1'"));

        assertProblem(restock("BOOK-1", "{\"quantity\": 25}"), 422, "unknown-sku")
                .andExpect(jsonPath("$.code").value("UNKNOWN_SKU"));
    }

    @Test
    void answersARestockTheRepositoryCannotFindAsUnknownSku() throws Exception {
        when(commandGateway.sendAndWait(any(), anyLong(), any(TimeUnit.class)))
                .thenThrow(new AggregateNotFoundException("BOOK-1", "The aggregate was not found"));

        assertProblem(restock("BOOK-1", "{\"quantity\": 25}"), 422, "unknown-sku")
                .andExpect(jsonPath("$.code").value("UNKNOWN_SKU"));
    }

    @Test
    void refusesARestockOfLessThanOneUnit() throws Exception {
        assertProblem(restock("BOOK-1", "{\"quantity\": 0}"), 400, "validation-failed")
                .andExpect(onlyInvalidField("quantity"));
        assertProblem(restock("BOOK-1", "{}"), 400, "validation-failed")
                .andExpect(onlyInvalidField("quantity"));

        verifyNoInteractions(commandGateway);
    }

    @Test
    void refusesARestockOfAMalformedSku() throws Exception {
        assertProblem(restock("-X", "{\"quantity\": 1}"), 400, "validation-failed")
                .andExpect(onlyInvalidField("sku"));

        verifyNoInteractions(commandGateway);
    }

    private ResultActions register(String body) throws Exception {
        return mvc.perform(post("/api/products").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions restock(String sku, String body) throws Exception {
        return mvc.perform(post("/api/products/{sku}/restock", sku).contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private Object sentCommand() {
        ArgumentCaptor<Object> sent = ArgumentCaptor.forClass(Object.class);
        verify(commandGateway).sendAndWait(sent.capture(), anyLong(), any(TimeUnit.class));
        return ((CommandMessage<?>) sent.getValue()).getPayload();
    }

    private static CommandExecutionException refused(ErrorCode code, String message) {
        return new CommandExecutionException(message, null, new BusinessError(code, message));
    }
}
