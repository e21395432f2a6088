package io.tandem.api.queries;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionalQueryFilterTest {
    @Test
    void ifNoneMatchComparesWeaklyAndTakesLists() {
        assertThat(ConditionalQueryFilter.matches("\"3\"", "\"3\"", false)).isTrue();
        assertThat(ConditionalQueryFilter.matches("W/\"3\"", "\"3\"", false)).isTrue();
        assertThat(ConditionalQueryFilter.matches("\"1\", \"3\"", "\"3\"", false)).isTrue();
        assertThat(ConditionalQueryFilter.matches("\"4\"", "\"3\"", false)).isFalse();
        assertThat(ConditionalQueryFilter.matches("3", "\"3\"", false)).isFalse();
    }

    @Test
    void aStarMatchesOnlyAnAnswerKnownToExist() {
        assertThat(ConditionalQueryFilter.matches("*", "\"3\"", true)).isTrue();
        assertThat(ConditionalQueryFilter.matches("*", "\"3\"", false)).isFalse();
    }

    @Test
    void theTagOfAVersionDiffersPerRequest() {
        String board = ConditionalQueryFilter.tag("e.1.2", "t /api/projects/a/board");
        assertThat(board).startsWith("\"e.1.2-").endsWith("\"");
        assertThat(ConditionalQueryFilter.tag("e.1.2", "t /api/projects/b/board")).isNotEqualTo(board);
        assertThat(ConditionalQueryFilter.tag("e.1.3", "t /api/projects/a/board")).isNotEqualTo(board);
    }

    @Test
    void noCacheIsOneDirectiveAmongOthers() {
        assertThat(ConditionalQueryFilter.noCache("no-cache")).isTrue();
        assertThat(ConditionalQueryFilter.noCache("max-age=0, No-Cache")).isTrue();
        assertThat(ConditionalQueryFilter.noCache("no-store")).isFalse();
        assertThat(ConditionalQueryFilter.noCache(null)).isFalse();
    }
}
