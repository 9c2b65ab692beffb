package io.orderflow.projections.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KeyedRowsTest {

    /** The table: holds "a" and "c"; remembers what each look-up asked about. */
    private final List<Set<String>> queries = new ArrayList<>();
    private final KeyedRows<String> rows = new KeyedRows<>(this::find);

    private Map<String, String> find(Collection<String> keys) {
        queries.add(new TreeSet<>(keys));
        Map<String, String> stored = Map.of("a", "row a", "c", "row c");
        return keys.stream().filter(stored::containsKey)
                .collect(Collectors.toMap(key -> key, stored::get));
    }

    @Test
    void looksUpTheBatchKeysWithOneQueryAndNoneForNoKeys() {
        rows.lookUp(Set.of());
        rows.lookUp(Set.of("a", "b"));

        assertThat(rows.get("a")).isEqualTo("row a");
        assertThat(rows.get("b")).isNull();
        assertThat(queries).containsExactly(Set.of("a", "b"));
    }

    @Test
    void aKeyTheBatchDidNotBeginWithCostsOneQueryOfItsOwn() {
        rows.lookUp(Set.of("a"));

        assertThat(rows.get("c")).isEqualTo("row c");
        assertThat(rows.get("c")).isEqualTo("row c");
        assertThat(rows.get("d")).isNull();
        assertThat(rows.get("d")).isNull();
        assertThat(queries).containsExactly(Set.of("a"), Set.of("c"), Set.of("d"));
    }

    @Test
    void listsLookedUpAndCreatedRowsInKeyOrder() {
        rows.lookUp(Set.of("c", "a", "b"));
        rows.put("b", "new b");
        rows.put("a", "changed a");

        assertThat(rows.inKeyOrder()).containsExactly("changed a", "new b", "row c");
    }
}
