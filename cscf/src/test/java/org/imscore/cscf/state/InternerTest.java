package org.imscore.cscf.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InternerTest {

    @Test
    void equalValuesComeBackAsTheFirstInstance() {
        Interner<List<String>> interner = new Interner<>(10);
        List<String> first = List.of(new String("<sip:term@127.0.0.1:5060;lr>"));
        List<String> second = List.of(new String("<sip:term@127.0.0.1:5060;lr>"));

        assertThat(interner.intern(first)).isSameAs(first);
        assertThat(interner.intern(second)).isSameAs(first);
        assertThat(interner.intern(List.of("<sip:other;lr>"))).isNotSameAs(first);
        assertThat(interner.size()).isEqualTo(2);
    }

    @Test
    void beyondCapacityNewValuesAreReturnedAsTheyAreAndNotKept() {
        Interner<String> interner = new Interner<>(2);
        interner.intern("a");
        interner.intern("b");
        String c = new String("c");

        assertThat(interner.intern(c)).isSameAs(c);
        assertThat(interner.intern(new String("c"))).isNotSameAs(c);
        assertThat(interner.size()).isEqualTo(2);
        assertThat(interner.intern(new String("a"))).isSameAs(interner.intern("a"));
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new Interner<String>(0)).hasMessageContaining("at least 1");
    }
}
