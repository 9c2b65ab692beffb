package io.orderflow.write.support;

import io.orderflow.api.common.BusinessError;
import io.orderflow.api.common.ErrorCode;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Hamcrest matchers for the {@link BusinessError} details of a refused command. */
public final class BusinessErrorMatchers {

    private BusinessErrorMatchers() {
    }

    /** Matches a {@link BusinessError} with the given code. */
    public static Matcher<Object> businessError(ErrorCode code) {
        return businessError(code, "");
    }

    /** Matches a {@link BusinessError} with the given code whose message contains the given text. */
    public static Matcher<Object> businessError(ErrorCode code, String messagePart) {
        return new TypeSafeMatcher<>(BusinessError.class) {
            @Override
            protected boolean matchesSafely(Object item) {
                BusinessError error = (BusinessError) item;
                return error.code() == code && error.message().contains(messagePart);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a BusinessError " + code + " with a message containing '" + messagePart + "'");
            }
        };
    }
}
