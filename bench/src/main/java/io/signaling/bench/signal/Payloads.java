package io.signaling.bench.signal;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * The client messages the tool sends (signaling-v1 §2,
 * {@code {"to":…,"id":…,"content":…}}). Every content is an object carrying the bench
 * stamps that {@link GatewayMessage} reads back: {@code type}, {@code call}, {@code seq}
 * (per sender→recipient stream) and {@code t}, the sender's wall clock in microseconds.
 * Built by concatenation: the tool writes thousands a second.
 */
public final class Payloads {

    private static final String OFFER_SDP = escape(SampleSdp.OFFER);

    private static final String ANSWER_SDP = escape(SampleSdp.ANSWER);

    private Payloads() {
    }

    /**
     * A relay signal of exactly {@code messageBytes} of UTF-8 (all ASCII), padded with a
     * {@code pad} string like the bulk of an SDP; never shorter than the fields it must
     * carry.
     */
    public static String relay(String to, String id, long seq, long sentMicros, int messageBytes) {
        StringBuilder message = relayWithoutPad(to, id, seq, sentMicros);
        int pad = Math.max(0, messageBytes - message.length() - "\"}}".length());
        message.ensureCapacity(message.length() + pad + 3);
        for (int i = 0; i < pad; i++) {
            message.append('x');
        }
        return message.append("\"}}").toString();
    }

    private static StringBuilder relayWithoutPad(String to, String id, long seq, long sentMicros) {
        return new StringBuilder(640).append("{\"to\":\"")
            .append(to)
            .append("\",\"id\":\"")
            .append(id)
            .append("\",\"content\":{\"type\":\"relay\",\"seq\":")
            .append(seq)
            .append(",\"t\":")
            .append(sentMicros)
            .append(",\"pad\":\"");
    }

    /**
     * A real-shaped SDP offer (audio + video, bundle, ICE and DTLS attributes): about 2.5
     * KB.
     */
    public static String offer(String to, String id, long call, long seq, long sentMicros) {
        return description("offer", OFFER_SDP, to, id, call, seq, sentMicros);
    }

    public static String answer(String to, String id, long call, long seq, long sentMicros) {
        return description("answer", ANSWER_SDP, to, id, call, seq, sentMicros);
    }

    /**
     * One trickled ICE candidate, shaped like a browser's
     * {@code RTCIceCandidate.toJSON()}.
     */
    public static String candidate(String to, String id, long call, long seq, long sentMicros, int index) {
        int port = 40000 + index * 7 + (int) (call % 1000);
        String type = index % 3 == 0 ? "host" : index % 3 == 1 ? "srflx" : "relay";
        return header("candidate", to, id, call, seq, sentMicros).append(",\"candidate\":{\"candidate\":\"candidate:")
            .append(842163049L + index)
            .append(' ')
            .append(1 + index % 2)
            .append(" udp ")
            .append(2122260223L - index * 1000L)
            .append(" 192.0.2.")
            .append(10 + index)
            .append(' ')
            .append(port)
            .append(" typ ")
            .append(type)
            .append(" generation 0 ufrag sXl0 network-id 1 network-cost 10\",\"sdpMid\":\"")
            .append(index % 2)
            .append("\",\"sdpMLineIndex\":")
            .append(index % 2)
            .append(",\"usernameFragment\":\"sXl0\"}}}")
            .toString();
    }

    private static String description(String type, String escapedSdp, String to, String id, long call, long seq,
            long sentMicros) {
        return header(type, to, id, call, seq, sentMicros).append(",\"sdp\":\"")
            .append(escapedSdp)
            .append("\"}}")
            .toString();
    }

    private static StringBuilder header(String type, String to, String id, long call, long seq, long sentMicros) {
        return new StringBuilder(3072).append("{\"to\":\"")
            .append(to)
            .append("\",\"id\":\"")
            .append(id)
            .append("\",\"content\":{\"type\":\"")
            .append(type)
            .append("\",\"call\":")
            .append(call)
            .append(",\"seq\":")
            .append(seq)
            .append(",\"t\":")
            .append(sentMicros);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 256);
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        return out.toString();
    }

}
