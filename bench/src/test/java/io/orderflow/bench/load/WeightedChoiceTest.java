package io.orderflow.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WeightedChoiceTest {

    @Test
    void picksValuesInProportionToTheirWeights() {
        WeightedChoice choice = WeightedChoice.parse("1:60, 2:30, 3:10");

        assertThat(choice.pick(0.0)).isEqualTo(1);
        assertThat(choice.pick(0.5999)).isEqualTo(1);
        assertThat(choice.pick(0.6)).isEqualTo(2);
        assertThat(choice.pick(0.8999)).isEqualTo(2);
        assertThat(choice.pick(0.9)).isEqualTo(3);
        assertThat(choice.pick(0.99999)).isEqualTo(3);
        assertThat(choice.mean()).isCloseTo(1.5, within(1e-9));
        assertThat(choice.maxValue()).isEqualTo(3);
    }

    @Test
    void readsABareValueAsWeightOne() {
        WeightedChoice choice = WeightedChoice.parse("2");

        assertThat(choice.pick(0.3)).isEqualTo(2);
        assertThat(choice.mean()).isEqualTo(2.0);
    }

    @Test
    void ignoresValuesWithZeroWeight() {
        WeightedChoice choice = WeightedChoice.parse("1:0,5:1");

        assertThat(choice.pick(0.0)).isEqualTo(5);
    }

    @Test
    void rejectsMalformedText() {
        assertThatThrownBy(() -> WeightedChoice.parse("one:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedChoice.parse("1:-2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedChoice.parse("1:0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeightedChoice.parse(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
