package io.orderflow.projections.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the statements the application sends to the database: every {@code execute…} call on a JDBC
 * statement of the context's data source, whoever makes it (Hibernate, {@code JdbcTemplate}); a JDBC batch
 * counts once, as it is one round trip. Test-only: wraps the {@link DataSource} bean in a proxy. Import it
 * and autowire it (the configuration is the counter).
 */
@TestConfiguration(proxyBeanMethods = false)
public class JdbcStatementCounter {

    private final AtomicInteger executions = new AtomicInteger();

    /** How many statements were executed since the last {@link #reset}. */
    public int executions() {
        return executions.get();
    }

    public void reset() {
        executions.set(0);
    }

    @Bean
    static BeanPostProcessor countingDataSource(ObjectProvider<JdbcStatementCounter> counter) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
                    return proxy(DataSource.class, dataSource, (target, method, args) -> {
                        Object result = invoke(target, method, args);
                        return result instanceof Connection connection
                                ? proxy(Connection.class, connection, (connectionTarget, connectionMethod, connectionArgs) ->
                                        statement(counter.getObject(), invoke(connectionTarget, connectionMethod, connectionArgs)))
                                : result;
                    });
                }
                return bean;
            }
        };
    }

    private static Object statement(JdbcStatementCounter counter, Object result) {
        Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                : result instanceof PreparedStatement ? PreparedStatement.class
                : result instanceof Statement ? Statement.class : null;
        if (type == null) {
            return result;
        }
        InvocationHandler counting = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                counter.executions.incrementAndGet();
            }
            return invoke(result, method, args);
        };
        return Proxy.newProxyInstance(JdbcStatementCounter.class.getClassLoader(), new Class<?>[] {type}, counting);
    }

    @FunctionalInterface
    private interface Handler<T> {
        Object handle(T target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler<T> handler) {
        InvocationHandler invocation = (proxy, method, args) -> handler.handle(target, method, args);
        return type.cast(Proxy.newProxyInstance(JdbcStatementCounter.class.getClassLoader(), new Class<?>[] {type}, invocation));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
