package io.signaling.schemas;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.signaling.schemas.delivery.Delivery;
import io.signaling.schemas.delivery.RejectionReason;
import io.signaling.schemas.delivery.SignalDelivery;
import io.signaling.schemas.delivery.SignalReceipt;
import io.signaling.schemas.delivery.SignalRejection;
import io.signaling.schemas.gateway.ConnectionClosed;
import io.signaling.schemas.gateway.ConnectionOpened;
import io.signaling.schemas.gateway.DeliveryFailed;
import io.signaling.schemas.gateway.GatewayHeartbeat;
import io.signaling.schemas.gateway.GatewayReport;
import io.signaling.schemas.json.Json;
import io.signaling.schemas.json.Serdes;
import io.signaling.schemas.session.CreateSession;
import io.signaling.schemas.session.DeleteReason;
import io.signaling.schemas.session.EndSession;
import io.signaling.schemas.session.SessionAcked;
import io.signaling.schemas.session.SessionCommand;
import io.signaling.schemas.session.SessionCreated;
import io.signaling.schemas.session.SessionDeleted;
import io.signaling.schemas.session.SessionEvent;
import io.signaling.schemas.session.SessionExpired;
import io.signaling.schemas.session.SessionRefused;
import io.signaling.schemas.session.SessionState;
import io.signaling.schemas.signal.SignalAccepted;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps {@code src/main/resources/schemas/*.json} and the records in step: a record that
 * gains, loses or retypes a field, or a schema that lists one the record does not have,
 * fails here. Samples are serialized exactly as the serdes do, through their sealed
 * family, so the {@code "type"} discriminator is checked too.
 */
class JsonSchemaSyncTest {

    private static final String BASE = "https://signaling.io/schemas/";

    /**
     * Each schema file and its record, listed by hand: adding one without the other fails
     * below.
     */
    private static final Map<String, Class<? extends Record>> SCHEMAS = Map.ofEntries(
            entry("create-session", CreateSession.class), entry("end-session", EndSession.class),
            entry("session-created", SessionCreated.class), entry("session-refused", SessionRefused.class),
            entry("session-acked", SessionAcked.class), entry("session-deleted", SessionDeleted.class),
            entry("session-expired", SessionExpired.class), entry("session-state", SessionState.class),
            entry("signal-accepted", SignalAccepted.class), entry("connection-opened", ConnectionOpened.class),
            entry("connection-closed", ConnectionClosed.class), entry("delivery-failed", DeliveryFailed.class),
            entry("gateway-heartbeat", GatewayHeartbeat.class), entry("signal-delivery", SignalDelivery.class),
            entry("signal-rejection", SignalRejection.class), entry("signal-receipt", SignalReceipt.class));

    /**
     * The packages whose records are Kafka record values (topic/ holds the registry's own
     * records).
     */
    private static final Set<String> RECORD_PACKAGES = Set.of("io.signaling.schemas.session",
            "io.signaling.schemas.signal", "io.signaling.schemas.gateway", "io.signaling.schemas.delivery");

    private static final List<Class<?>> FAMILIES = List.of(SessionCommand.class, SessionEvent.class,
            GatewayReport.class, Delivery.class);

    // $refs between files resolve by $id to the classpath, never to the network; formats
    // (date-time, uri) are asserted, not just annotations as draft 2020-12 leaves them by
    // default.
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(BASE, "classpath:schemas/"))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    static Stream<Arguments> samples() {
        return SCHEMAS.entrySet()
            .stream()
            .flatMap(schema -> Samples.byType()
                .get(schema.getValue())
                .stream()
                .map(sample -> Arguments.of(schema.getKey(), Named.of(describe(sample), sample))));
    }

    static Stream<Arguments> schemas() {
        return SCHEMAS.entrySet().stream().map(schema -> Arguments.of(schema.getKey(), schema.getValue()));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void serializedSampleIsValidAndHasEveryPropertyOfItsSchema(String name, Record sample) {
        JsonNode json = serialize(sample);

        assertThat(schema(name).validate(json)).as("%s against %s.json", json, name).isEmpty();
        assertThat(json.propertyNames()).as("what the schema lists but the record does not write")
            .containsAll(properties(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void schemaListsExactlyTheRecordComponentsAllRequired(String name, Class<? extends Record> type) {
        List<String> expected = new ArrayList<>();
        if (isFamilyMember(type)) {
            expected.add("type");
        }
        Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(expected::add);

        assertThat(properties(name)).containsExactlyInAnyOrderElementsOf(expected);
        // Every field is always written (Jackson includes nulls), so every one is
        // required.
        assertThat(strings(raw(name).get("required"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(raw(name).get("additionalProperties")).isEqualTo(BooleanNode.FALSE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void typeDiscriminatorIsTheJsonSubTypesName(String name, Class<? extends Record> type) {
        JsonNode typeProperty = raw(name).get("properties").get("type");
        if (!isFamilyMember(type)) {
            assertThat(typeProperty).as("%s is not in a sealed family: no discriminator", type.getSimpleName())
                .isNull();
            return;
        }
        assertThat(typeProperty.get("const").stringValue()).isEqualTo(subTypeName(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void schemaHeaderNamesTheFileAndTheRecord(String name, Class<? extends Record> type) {
        JsonNode schema = raw(name);

        assertThat(schema.get("$schema").stringValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.get("$id").stringValue()).isEqualTo(BASE + name + ".json");
        assertThat(schema.get("title").stringValue()).isEqualTo(type.getSimpleName());
        assertThat(schema.get("description").stringValue()).hasSizeGreaterThan(40);
        assertThat(schema.get("type").stringValue()).isEqualTo("object");
        schema.get("properties").properties().forEach(property -> {
            assertThat(property.getValue().has("description")).as("%s.%s has a description", name, property.getKey())
                .isTrue();
            assertThat(property.getValue().has("type") || property.getValue().has("$ref"))
                .as("%s.%s is typed", name, property.getKey())
                .isTrue();
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void schemaRejectsTheRecordWithAFieldMoreOrLess(String name, Record sample) {
        ObjectNode json = (ObjectNode) serialize(sample);

        ObjectNode gained = json.deepCopy().put("addedToTheRecord", 1);
        assertThat(schema(name).validate(gained)).extracting(Error::getKeyword).contains("additionalProperties");

        for (String property : json.propertyNames()) {
            ObjectNode lost = json.deepCopy();
            lost.remove(property);
            assertThat(schema(name).validate(lost)).as("%s without %s", name, property)
                .extracting(Error::getKeyword)
                .contains("required");
        }
    }

    @Test
    void schemaRejectsWrongTypesFormatsAndDiscriminators() {
        ObjectNode created = (ObjectNode) serialize(Samples.sessionCreated());

        assertThat(schema("session-created").validate(created.deepCopy().put("deliveryPartition", "1"))).isNotEmpty();
        assertThat(schema("session-created").validate(created.deepCopy().put("at", "yesterday"))).isNotEmpty();
        assertThat(schema("session-created").validate(created.deepCopy().put("listeningAddress", "not a uri")))
            .isNotEmpty();
        assertThat(schema("session-created").validate(created.deepCopy().put("type", "session-acked"))).isNotEmpty();
        assertThat(schema("session-created").validate(created.deepCopy().put("userId", "al ice"))).isNotEmpty();
        // A key in clear where its hash belongs is refused: only "sha256:" hashes go to
        // Kafka.
        assertThat(schema("session-created").validate(created.deepCopy().put("keyHash", "k7Jw9lXoQy2w5Yd1")))
            .isNotEmpty();
    }

    @Test
    void deliveryFailedCarriesNoContent() {
        ObjectNode failed = (ObjectNode) serialize(Samples.deliveryFailed());

        assertThat(failed.has("content")).isFalse();
        assertThat(failed.has("delivery")).isFalse();
        // The pre-1.1 shape, the whole delivery nested, is no longer what a gateway may
        // write.
        assertThat(schema("delivery-failed")
            .validate(failed.deepCopy().set("delivery", serialize(Samples.signalDelivery()))))
            .extracting(Error::getKeyword)
            .contains("additionalProperties");
    }

    @Test
    void sessionStateAckedAtIsSetExactlyWhenAcked() {
        ObjectNode acked = (ObjectNode) serialize(Samples.ackedState());
        ObjectNode unacked = (ObjectNode) serialize(Samples.unackedState());

        assertThat(schema("session-state").validate(acked.deepCopy().putNull("ackedAt"))).isNotEmpty();
        assertThat(schema("session-state").validate(unacked.deepCopy().put("ackedAt", "2025-06-01T09:30:01Z")))
            .isNotEmpty();
    }

    @Test
    void enumsListTheCodesTheRecordsCarry() {
        Set<String> reasons = Arrays.stream(DeleteReason.values()).map(DeleteReason::code).collect(Collectors.toSet());

        assertThat(strings(raw("session-deleted").at("/properties/reason/enum")))
            .containsExactlyInAnyOrderElementsOf(reasons);
        assertThat(strings(raw("connection-closed").at("/properties/reason/enum")))
            .containsExactlyInAnyOrderElementsOf(reasons);
        assertThat(strings(raw("session-refused").at("/properties/reason/enum")))
            .containsExactly(SessionRefused.USER_ID_TAKEN);
        // every reason the relay writes; unknown is only ever read (old or newer records)
        assertThat(strings(raw("signal-rejection").at("/properties/reason/enum")))
            .containsExactlyInAnyOrderElementsOf(Arrays.stream(RejectionReason.values())
                .filter(reason -> reason != RejectionReason.UNKNOWN)
                .map(RejectionReason::code)
                .toList());
    }

    @Test
    void everySchemaFileHasARecordAndEveryRecordASchema() throws IOException {
        Path classes = mainClasses();
        Set<String> files;
        try (Stream<Path> list = Files.list(classes.resolve("schemas"))) {
            files = list.map(path -> path.getFileName().toString()).collect(Collectors.toSet());
        }
        Set<Class<?>> records;
        try (Stream<Path> walk = Files.walk(classes)) {
            records = walk.map(classes::relativize)
                .map(Path::toString)
                .filter(file -> file.endsWith(".class") && !file.contains("$"))
                .map(file -> load(file.substring(0, file.length() - ".class".length()).replace('/', '.')))
                .filter(type -> type.isRecord() && RECORD_PACKAGES.contains(type.getPackageName()))
                .collect(Collectors.toSet());
        }
        Set<Class<?>> familyMembers = FAMILIES.stream()
            .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
            .collect(Collectors.toSet());

        List<String> expectedFiles = new ArrayList<>(SCHEMAS.keySet().stream().map(name -> name + ".json").toList());
        expectedFiles.add("timeline-entry.json"); // the audit tool's output line, checked
                                                  // in TimelineEntrySchemaTest
        assertThat(files).containsExactlyInAnyOrderElementsOf(expectedFiles);
        assertThat(records).containsExactlyInAnyOrderElementsOf(SCHEMAS.values());
        assertThat(records).containsAll(familyMembers);
        assertThat(Samples.byType().keySet()).containsExactlyInAnyOrderElementsOf(SCHEMAS.values());
    }

    private static JsonNode serialize(Record sample) {
        byte[] bytes = Serdes.json(Samples.valueType(sample.getClass())).serializer().serialize("schema-sync", sample);
        return Json.mapper().readTree(bytes);
    }

    /**
     * The record's type and, for signals, the shape of its content: record toString would
     * print the content.
     */
    private static String describe(Record sample) {
        String type = sample.getClass().getSimpleName();
        if (sample instanceof SignalAccepted accepted) {
            return type + " with " + accepted.content().toTree().getNodeType() + " content";
        }
        if (sample instanceof SignalDelivery delivery) {
            return type + " with " + delivery.content().toTree().getNodeType() + " content";
        }
        return type;
    }

    private static Schema schema(String name) {
        return REGISTRY.getSchema(SchemaLocation.of(BASE + name + ".json"));
    }

    private static JsonNode raw(String name) {
        return schema(name).getSchemaNode();
    }

    private static List<String> properties(String name) {
        return new ArrayList<>(raw(name).get("properties").propertyNames());
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(node -> strings.add(node.stringValue()));
        return strings;
    }

    private static boolean isFamilyMember(Class<?> type) {
        return Samples.valueType(type) != type;
    }

    private static String subTypeName(Class<?> type) {
        JsonSubTypes subTypes = Samples.valueType(type).getAnnotation(JsonSubTypes.class);
        return Arrays.stream(subTypes.value())
            .filter(subType -> subType.value() == type)
            .map(JsonSubTypes.Type::name)
            .findFirst()
            .orElseThrow();
    }

    private static Path mainClasses() {
        try {
            return Path.of(Json.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

}
