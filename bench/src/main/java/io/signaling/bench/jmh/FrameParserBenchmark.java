package io.signaling.bench.jmh;

import io.signaling.bench.signal.Payloads;
import io.signaling.gateway.frame.FrameParser;
import io.signaling.gateway.frame.ParsedFrame;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gateway's validation of one client message ({@code FrameParser}, 64 KiB limit): the
 * valid shapes the platform carries and the invalid ones it must answer cheaply.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameParserBenchmark {

    @Param({ "relay-600", "sdp-offer", "ice-candidate", "not-json", "from-mismatch", "too-large" })
    public String frame;

    private final FrameParser parser = new FrameParser(65536);

    private String text;

    @Setup
    public void setUp() {
        long t = 1_712_345_678_901_234L;
        switch (frame) {
            case "relay-600" -> text = Payloads.relay("bob", "r1." + t, 1, t, 600);
            case "sdp-offer" -> text = Payloads.offer("bob", "o1." + t, 1, 1, t);
            case "ice-candidate" -> text = Payloads.candidate("bob", "i1." + t, 1, 1, t, 3);
            case "not-json" -> text = "{\"to\":\"bob\",\"content\":{\"type\":\"offer\"";
            case "from-mismatch" ->
                text = "{\"from\":\"mallory\"," + Payloads.relay("bob", "r1." + t, 1, t, 600).substring(1);
            case "too-large" -> text = Payloads.relay("bob", "r1." + t, 1, t, 70_000);
            default -> throw new IllegalArgumentException(frame);
        }
        ParsedFrame parsed = parser.parse(text, "alice");
        boolean valid = parsed instanceof ParsedFrame.Valid;
        boolean shouldBeValid = java.util.Set.of("relay-600", "sdp-offer", "ice-candidate").contains(frame);
        if (valid != shouldBeValid) {
            throw new IllegalStateException(frame + " parsed as " + parsed);
        }
    }

    @Benchmark
    public ParsedFrame parse() {
        return parser.parse(text, "alice");
    }

}
