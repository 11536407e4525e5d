package io.signaling.schemas.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.json.RawJson;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The jsonl lines of {@code audit replay} and timeline-entry.json cannot drift apart. */
class TimelineEntrySchemaTest {

    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(SchemaLocation.of("classpath:schemas/timeline-entry.json"));

    static Stream<TimelineEntry> entries() {
        Instant at = Instant.parse("2026-01-01T10:00:00.5Z");
        RawJson offer = RawJson.parse("{\"type\":\"offer\",\"sdp\":\"v=0\"}");
        return Stream.of(
                new TimelineEntry(at, "session-created", "signaling.session-events", 3, 17, "alice", "s-1", null, null,
                        null, "gw-a", null, null),
                new TimelineEntry(at, "session-deleted", "signaling.session-events", 3, 18, "alice", "s-1", null, null,
                        null, null, "connection-closed", null),
                new TimelineEntry(at, "signal-accepted", "signaling.signals", 0, 4, null, "s-1", "m-1", "alice", "bob",
                        "gw-a", null, offer),
                new TimelineEntry(at, "signal-accepted", "signaling.signals", 0, 4, null, "s-1", "m-1", "alice", "bob",
                        "gw-a", null, offer)
                    .withoutContent(),
                new TimelineEntry(at, "signal-rejected", "signaling.deliveries", 1, 9, "alice", "s-1", "m-1", "alice",
                        "bob", "gw-a", "recipient-unavailable", null));
    }

    @ParameterizedTest
    @MethodSource("entries")
    void everyKindOfEntryIsValid(TimelineEntry entry) {
        // the line as written, then read: the content is written raw, which a tree
        // conversion would not show
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(entry));

        assertThat(SCHEMA.validate(json)).as(json.toString()).isEmpty();
    }

    @Test
    void theSchemaListsExactlyTheRecordComponents() {
        JsonNode schema = Json.mapper().readTree(getClass().getResourceAsStream("/schemas/timeline-entry.json"));
        List<String> components = Arrays.stream(TimelineEntry.class.getRecordComponents())
            .map(RecordComponent::getName)
            .toList();

        assertThat(schema.get("properties").propertyNames()).containsExactlyInAnyOrderElementsOf(components);
    }

    @Test
    void anUnknownFieldOrKindIsInvalid() {
        var json = Json.mapper().valueToTree(entries().findFirst().orElseThrow());
        ((tools.jackson.databind.node.ObjectNode) json).put("kind", "session-teleported");

        assertThat(SCHEMA.validate(json)).isNotEmpty();
    }

}
