package io.orderflow.write.support;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import io.orderflow.api.inventory.Sku;
import io.orderflow.api.payment.PaymentId;
import io.orderflow.api.shipping.ShipmentId;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns domain errors into data. Wraps every command handler; a {@link DomainException} becomes a
 * {@link CommandExecutionException} whose {@linkplain CommandExecutionException#getDetails() details}
 * are the {@link BusinessError}, and an {@link AggregateNotFoundException} becomes the matching
 * not-found error of the command's bounded context ({@link ErrorCode#UNKNOWN_SKU} for inventory
 * commands, {@link ErrorCode#PAYMENT_NOT_FOUND} for payment, {@link ErrorCode#SHIPMENT_NOT_FOUND} for
 * shipping, {@link ErrorCode#ORDER_NOT_FOUND} otherwise).
 *
 * <p>The converted exception carries no cause: the sender learns the error code and message, never
 * the write side's classes or stack. Every other exception passes through unchanged, so the command
 * gateway can still recognise and retry transient failures such as a
 * {@link org.axonframework.modelling.command.ConcurrencyException}. Conversely, a retry scheduler
 * must treat a {@code CommandExecutionException} with {@code BusinessError} details as final.
 */
public class BusinessErrorInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(BusinessErrorInterceptor.class);

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (DomainException e) {
            throw refused(unitOfWork.getMessage(), e.error());
        } catch (AggregateNotFoundException e) {
            throw refused(unitOfWork.getMessage(), notFound(unitOfWork.getMessage().getPayloadType(), e));
        }
    }

    private static CommandExecutionException refused(CommandMessage<?> command, BusinessError error) {
        log.debug("Command {} refused: {} {}", command.getCommandName(), error.code(), error.message());
        return new CommandExecutionException(error.message(), null, error);
    }

    /**
     * The not-found error for a command of the given type: the command's package names its bounded
     * context.
     */
    static BusinessError notFound(Class<?> commandType, AggregateNotFoundException e) {
        String id = String.valueOf(e.getAggregateIdentifier());
        String context = commandType.getPackageName();
        if (context.equals(Sku.class.getPackageName())) {
            return new BusinessError(ErrorCode.UNKNOWN_SKU, "Unknown SKU " + id);
        }
        if (context.equals(PaymentId.class.getPackageName())) {
            return new BusinessError(ErrorCode.PAYMENT_NOT_FOUND, "Payment " + id + " not found");
        }
        if (context.equals(ShipmentId.class.getPackageName())) {
            return new BusinessError(ErrorCode.SHIPMENT_NOT_FOUND, "Shipment " + id + " not found");
        }
        return new BusinessError(ErrorCode.ORDER_NOT_FOUND, "Order " + id + " not found");
    }
}
