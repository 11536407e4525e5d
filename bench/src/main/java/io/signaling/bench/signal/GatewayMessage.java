package io.signaling.bench.signal;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * What the tool needs from one gateway-to-client frame (signaling-v1 §2): its
 * {@code type} ({@code signal}, {@code ack}, {@code error}), {@code id}, {@code from},
 * the error {@code code}, and the bench stamps inside a signal's content
 * ({@link Payloads}). Read by streaming, without building a tree: the tool parses every
 * delivery and every ack, and must stay cheap.
 *
 * @param kind the content's {@code type} (offer, answer, candidate, relay), {@code null}
 * when absent
 * @param call the content's {@code call}, or -1
 * @param seq the content's {@code seq}, or -1
 * @param sentMicros the content's {@code t}: the sender's wall clock in microseconds
 * since the epoch, or -1
 */
public record GatewayMessage(String type, String id, String from, String code, String kind, long call, long seq,
        long sentMicros) {

    public static final String SIGNAL = "signal";

    public static final String ACK = "ack";

    public static final String ERROR = "error";

    private static final JsonFactory FACTORY = new JsonFactory();

    public boolean isSignal() {
        return SIGNAL.equals(type);
    }

    public boolean isAck() {
        return ACK.equals(type);
    }

    public boolean isError() {
        return ERROR.equals(type);
    }

    /**
     * @throws IllegalArgumentException when {@code json} is not a JSON object
     */
    public static GatewayMessage parse(String json) {
        String type = null;
        String id = null;
        String from = null;
        String code = null;
        String kind = null;
        long call = -1;
        long seq = -1;
        long sentMicros = -1;
        try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("gateway frame is not a JSON object");
            }
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT && "content".equals(name)) {
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String field = p.currentName();
                        JsonToken v = p.nextToken();
                        if (v == JsonToken.VALUE_NUMBER_INT) {
                            if ("seq".equals(field)) {
                                seq = p.getLongValue();
                            }
                            else if ("t".equals(field)) {
                                sentMicros = p.getLongValue();
                            }
                            else if ("call".equals(field)) {
                                call = p.getLongValue();
                            }
                        }
                        else if (v == JsonToken.VALUE_STRING && "type".equals(field)) {
                            kind = p.getString();
                        }
                        else {
                            p.skipChildren();
                        }
                    }
                }
                else if (value == JsonToken.VALUE_STRING) {
                    switch (name) {
                        case "type" -> type = p.getString();
                        case "id" -> id = p.getString();
                        case "from" -> from = p.getString();
                        case "code" -> code = p.getString();
                        default -> {
                            // to, message, sentAt: not needed
                        }
                    }
                }
                else {
                    p.skipChildren();
                }
            }
        }
        catch (JacksonException e) {
            throw new IllegalArgumentException("gateway frame is not JSON: " + e.getOriginalMessage());
        }
        return new GatewayMessage(type, id, from, code, kind, call, seq, sentMicros);
    }
}
