package org.imscore.cscf.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OneOrMoreIndexTest {

    @Test
    void valuesComeBackInTheOrderAddedAndTheKeyGoesWithItsLast() {
        OneOrMoreIndex<String, String> index = new OneOrMoreIndex<>();
        index.add("alice", "a1");
        assertThat(index.get("alice")).containsExactly("a1");
        index.add("alice", "a2");
        index.add("alice", "a3");
        index.add("bob", "b1");

        assertThat(index.get("alice")).containsExactly("a1", "a2", "a3");
        assertThat(index.keys()).isEqualTo(2);
        assertThat(index.remove("alice", "a2")).isTrue();
        assertThat(index.get("alice")).containsExactly("a1", "a3");
        assertThat(index.remove("alice", "a9")).isFalse();
        assertThat(index.remove("carol", "a1")).isFalse();
        assertThat(index.remove("alice", "a1")).isTrue();
        assertThat(index.get("alice")).containsExactly("a3");
        assertThat(index.remove("bob", "a3")).isFalse();
        assertThat(index.remove("alice", "a3")).isTrue();
        assertThat(index.containsKey("alice")).isFalse();
        assertThat(index.get("alice")).isEmpty();
        assertThat(index.keys()).isEqualTo(1);
    }
}
