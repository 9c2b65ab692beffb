package io.orderflow.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSqlTest {

    @Test
    void padsInListsToAPowerOfTwoWithTheLastKeySoTheStatementHasFewShapes() {
        assertThat(BatchSql.padded(List.of("a"))).containsExactly("a");
        assertThat(BatchSql.padded(List.of("a", "b"))).containsExactly("a", "b");
        assertThat(BatchSql.padded(List.of("a", "b", "c"))).containsExactly("a", "b", "c", "c");
        assertThat(BatchSql.padded(List.of("a", "b", "c", "d", "e"))).hasSize(8).endsWith("e", "e", "e", "e");
    }
}
