package io.signaling.gateway.frame;

import static org.assertj.core.api.Assertions.assertThat;
import io.signaling.schemas.json.RawJson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameParserTest {

    private final FrameParser parser = new FrameParser(100);

    @Test
    void acceptsTheSmallestFrame() {
        ClientFrame frame = valid("{\"to\":\"bob\"}");

        assertThat(frame.to()).isEqualTo("bob");
        assertThat(frame.id()).isNull();
        assertThat(frame.content()).isEqualTo(RawJson.NULL);
    }

    @Test
    void acceptsIdContentAndAMatchingFrom() {
        ClientFrame frame = valid(
                "{\"to\":\"bob\",\"id\":\"m-1\",\"from\":\"alice\",\"content\":{\"sdp\":\"v=0\",\"n\":[1,2.5]}}");

        assertThat(frame.id()).isEqualTo("m-1");
        assertThat(frame.content().text()).isEqualTo("{\"sdp\":\"v=0\",\"n\":[1,2.5]}");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"sdp\" : \"v=0\\r\\n\", \"n\":[ 1.50 , 1e400 ]}", "\"a, \\\"quoted\\\" }]\"", "42",
            "-0.0", "[true,null]", "{}", "\"\\u00e9😀\"" })
    void keepsTheContentAsTheClientWroteIt(String content) {
        FrameParser parser = new FrameParser(1000);
        assertThat(valid(parser, "{\"to\":\"bob\",\"content\":" + content + "}").content().text()).isEqualTo(content);
        assertThat(valid(parser, "{\"content\" :\t" + content + " ,\n \"to\":\"bob\"}").content().text())
            .isEqualTo(content);
        assertThat(valid(parser, "{\"content\":" + content + ",\"to\":\"bob\",\"content\":" + content + "}").content()
            .text()).isEqualTo(content);
    }

    @Test
    void acceptsAFrameToTheSenderItself() {
        assertThat(valid("{\"to\":\"alice\",\"content\":\"hi\"}").to()).isEqualTo("alice");
    }

    @Test
    void acceptsContentOfAnyJsonType() {
        assertThat(valid("{\"to\":\"bob\",\"content\":42}").content().toTree().intValue()).isEqualTo(42);
        assertThat(valid("{\"to\":\"bob\",\"content\":[true,null]}").content().toTree().size()).isEqualTo(2);
        assertThat(valid("{\"to\":\"bob\",\"content\":null}").content()).isEqualTo(RawJson.NULL);
        assertThat(valid("{\"to\":\"bob\"}").content()).isEqualTo(RawJson.NULL);
    }

    @Test
    void treatsNullIdAndNullFromAsAbsent() {
        ClientFrame frame = valid("{\"to\":\"bob\",\"id\":null,\"from\":null}");

        assertThat(frame.id()).isNull();
    }

    @Test
    void acceptsAnIdOfSixtyFourCharacters() {
        String id = "i".repeat(64);

        assertThat(new FrameParser(1000).parse("{\"to\":\"bob\",\"id\":\"" + id + "\"}", "alice"))
            .isEqualTo(new ParsedFrame.Valid(new ClientFrame(id, "bob", RawJson.NULL)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = { "not json", "{\"to\":", "[1,2]", "\"bob\"", "42", "null", "", "{\"to\":\"bob\"} trailing" })
    void answersInvalidMessageWithoutIdWhenNotOneJsonObject(String text) {
        assertInvalid(parser.parse(text, "alice"), null, ErrorCode.INVALID_MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"to\":\"bob\",\"id\":5}", "{\"to\":\"bob\",\"id\":\"\"}",
            "{\"to\":\"bob\",\"id\":{\"a\":1}}" })
    void answersInvalidMessageWithoutIdWhenTheIdIsBad(String text) {
        assertInvalid(parser.parse(text, "alice"), null, ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void refusesAnIdOfSixtyFiveCharacters() {
        String text = "{\"to\":\"bob\",\"id\":\"" + "i".repeat(65) + "\"}";

        assertInvalid(new FrameParser(1000).parse(text, "alice"), null, ErrorCode.INVALID_MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"id\":\"m1\"}", "{\"id\":\"m1\",\"to\":7}", "{\"id\":\"m1\",\"to\":\"bad user\"}",
            "{\"id\":\"m1\",\"to\":\"\"}", "{\"id\":\"m1\",\"to\":null}" })
    void answersInvalidMessageWithTheIdWhenToIsBad(String text) {
        assertInvalid(parser.parse(text, "alice"), "m1", ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void refusesATooLongRecipient() {
        String text = "{\"id\":\"m1\",\"to\":\"" + "b".repeat(65) + "\"}";

        assertInvalid(new FrameParser(1000).parse(text, "alice"), "m1", ErrorCode.INVALID_MESSAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"id\":\"m1\",\"to\":\"bob\",\"from\":\"mallory\"}",
            "{\"id\":\"m1\",\"to\":\"bob\",\"from\":1}", "{\"id\":\"m1\",\"to\":\"bob\",\"from\":\"ALICE\"}" })
    void answersFromMismatchWithTheId(String text) {
        assertInvalid(parser.parse(text, "alice"), "m1", ErrorCode.FROM_MISMATCH);
    }

    @Test
    void answersMessageTooLargeWithTheTopLevelId() {
        String text = "{\"content\":{\"id\":\"nested\",\"pad\":\"" + "x".repeat(100)
                + "\"},\"id\":\"big-1\",\"to\":\"bob\"}";

        assertInvalid(parser.parse(text, "alice"), "big-1", ErrorCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void answersMessageTooLargeWithoutIdWhenItCannotBeRead() {
        assertInvalid(parser.parse("x".repeat(101), "alice"), null, ErrorCode.MESSAGE_TOO_LARGE);
        assertInvalid(parser.parse("{\"to\":\"bob\",\"content\":\"" + "x".repeat(100) + "\"}", "alice"), null,
                ErrorCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void countsTheLimitInUtf8BytesNotCharacters() {
        String prefix = "{\"to\":\"bob\",\"content\":\"";
        String suffix = "\"}";
        int room = 100 - prefix.length() - suffix.length();
        String exactlyAtLimit = prefix + "x".repeat(room) + suffix;
        String overInBytesOnly = prefix + "é".repeat(room / 2 + 1) + suffix; // fewer
                                                                             // chars, two
                                                                             // bytes each
        String emoji = prefix + "\uD83D\uDE00".repeat(room / 4 + 1) + suffix; // four
                                                                              // bytes per
                                                                              // pair

        assertThat(parser.parse(exactlyAtLimit, "alice")).isInstanceOf(ParsedFrame.Valid.class);
        assertThat(overInBytesOnly.length()).isLessThanOrEqualTo(100);
        assertInvalid(parser.parse(overInBytesOnly, "alice"), null, ErrorCode.MESSAGE_TOO_LARGE);
        assertInvalid(parser.parse(emoji, "alice"), null, ErrorCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void checksInTheContractOrder() {
        // too large beats everything; a bad id beats a bad recipient; a bad recipient
        // beats from-mismatch
        assertInvalid(parser.parse("[" + "1,".repeat(60) + "1]", "alice"), null, ErrorCode.MESSAGE_TOO_LARGE);
        assertInvalid(parser.parse("{\"id\":7,\"to\":\"bad user\"}", "alice"), null, ErrorCode.INVALID_MESSAGE);
        assertInvalid(parser.parse("{\"id\":\"m\",\"from\":\"eve\"}", "alice"), "m", ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void acceptsContentUpToTheNestingLimit() {
        FrameParser parser = new FrameParser(65536, new ContentLimits(64, 100));
        // the frame's own object is level 1: content may nest 63 more
        String text = "{\"to\":\"bob\",\"id\":\"d63\",\"content\":" + nested(63) + "}";

        assertThat(parser.parse(text, "alice")).isInstanceOf(ParsedFrame.Valid.class);
    }

    @ParameterizedTest
    @ValueSource(ints = { 64, 490, 500, 1000, 20000 })
    void answersInvalidMessageWithTheIdForContentNestedTooDeep(int depth) {
        FrameParser parser = new FrameParser(65536, new ContentLimits(64, 100));

        assertInvalid(parser.parse("{\"to\":\"bob\",\"id\":\"deep\",\"content\":" + nested(depth) + "}", "alice"),
                "deep", ErrorCode.INVALID_MESSAGE);
        // the id after the deep part is still read, by a parser without the limit that
        // builds nothing
        assertInvalid(parser.parse("{\"to\":\"bob\",\"content\":" + nested(depth) + ",\"id\":\"late\"}", "alice"),
                "late", ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void answersInvalidMessageForANumberOverTheLengthLimit() {
        FrameParser parser = new FrameParser(65536, new ContentLimits(64, 100));

        assertThat(parser.parse("{\"to\":\"bob\",\"content\":" + "9".repeat(100) + "}", "alice"))
            .isInstanceOf(ParsedFrame.Valid.class);
        assertInvalid(parser.parse("{\"to\":\"bob\",\"id\":\"n\",\"content\":[" + "9".repeat(101) + "]}", "alice"), "n",
                ErrorCode.INVALID_MESSAGE);
        assertInvalid(parser.parse("{\"to\":\"bob\",\"id\":\"f\",\"content\":0." + "1".repeat(120) + "}", "alice"), "f",
                ErrorCode.INVALID_MESSAGE);
    }

    @Test
    void theErrorMessageNeverCarriesTheContent() {
        FrameParser parser = new FrameParser(65536, new ContentLimits(8, 100));

        ParsedFrame parsed = parser
            .parse("{\"to\":\"bob\",\"content\":" + nested(20).replace("1", "\"secret-sdp\"") + "}", "alice");

        assertThat(((ParsedFrame.Invalid) parsed).message()).doesNotContain("secret");
    }

    private static String nested(int depth) {
        return "[".repeat(depth - 1) + "{\"a\":1}" + "]".repeat(depth - 1);
    }

    private ClientFrame valid(String text) {
        return valid(parser, text);
    }

    private static ClientFrame valid(FrameParser parser, String text) {
        ParsedFrame parsed = parser.parse(text, "alice");
        assertThat(parsed).isInstanceOf(ParsedFrame.Valid.class);
        return ((ParsedFrame.Valid) parsed).frame();
    }

    private static void assertInvalid(ParsedFrame parsed, String id, ErrorCode code) {
        assertThat(parsed).isInstanceOfSatisfying(ParsedFrame.Invalid.class, invalid -> {
            assertThat(invalid.code()).isEqualTo(code);
            assertThat(invalid.id()).isEqualTo(id);
            assertThat(invalid.message()).isNotBlank();
        });
    }

}
