package io.signaling.bench.signal;

/**
 * Session descriptions shaped like a browser's (one audio and one video section, bundled,
 * with ICE credentials, a DTLS fingerprint and the usual codecs), so call-setup messages
 * have the size and escaping ({@code \r\n}) of real ones. Addresses are from the
 * documentation ranges.
 */
final class SampleSdp {

    static final String OFFER = String.join("\r\n", "v=0", "o=- 4611731400430051336 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
            "a=group:BUNDLE 0 1", "a=extmap-allow-mixed", "a=msid-semantic: WMS 6f2a0c3e-5f4b-4a53-9d1e-3b1f7f0c2a11",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:sXl0", "a=ice-pwd:dQ3bW8uZ5kP2rT7yV1mN4cX6", "a=ice-options:trickle",
            "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08",
            "a=setup:actpass", "a=mid:0", "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid", "a=sendrecv",
            "a=msid:6f2a0c3e-5f4b-4a53-9d1e-3b1f7f0c2a11 0b7c4d2e-8a9f-4c1d-b2e3-f4a5b6c7d8e9", "a=rtcp-mux",
            "a=rtpmap:111 opus/48000/2", "a=rtcp-fb:111 transport-cc", "a=fmtp:111 minptime=10;useinbandfec=1",
            "a=rtpmap:63 red/48000/2", "a=fmtp:63 111/111", "a=rtpmap:9 G722/8000", "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000", "a=rtpmap:13 CN/8000", "a=rtpmap:110 telephone-event/48000",
            "a=rtpmap:126 telephone-event/8000", "a=ssrc:3735928559 cname:Yq2mW4pL8nR1tV6x",
            "a=ssrc:3735928559 msid:6f2a0c3e-5f4b-4a53-9d1e-3b1f7f0c2a11 0b7c4d2e-8a9f-4c1d-b2e3-f4a5b6c7d8e9",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97 98 99 100 101 45", "c=IN IP4 0.0.0.0", "a=rtcp:9 IN IP4 0.0.0.0",
            "a=ice-ufrag:sXl0", "a=ice-pwd:dQ3bW8uZ5kP2rT7yV1mN4cX6", "a=ice-options:trickle",
            "a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08",
            "a=setup:actpass", "a=mid:1", "a=extmap:14 urn:ietf:params:rtp-hdrext:toffset",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:13 urn:3gpp:video-orientation",
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid", "a=sendrecv",
            "a=msid:6f2a0c3e-5f4b-4a53-9d1e-3b1f7f0c2a11 1c8d5e3f-9b0a-4d2e-c3f4-a5b6c7d8e9f0", "a=rtcp-mux",
            "a=rtcp-rsize", "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 goog-remb", "a=rtcp-fb:96 transport-cc",
            "a=rtcp-fb:96 ccm fir", "a=rtcp-fb:96 nack", "a=rtcp-fb:96 nack pli", "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96", "a=rtpmap:98 VP9/90000", "a=rtcp-fb:98 transport-cc", "a=rtcp-fb:98 nack pli",
            "a=fmtp:98 profile-id=0", "a=rtpmap:99 rtx/90000", "a=fmtp:99 apt=98", "a=rtpmap:100 H264/90000",
            "a=rtcp-fb:100 transport-cc", "a=rtcp-fb:100 nack pli",
            "a=fmtp:100 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
            "a=rtpmap:101 rtx/90000", "a=fmtp:101 apt=100", "a=rtpmap:45 AV1/90000", "a=rtcp-fb:45 transport-cc",
            "a=ssrc-group:FID 2882400001 2882400002", "a=ssrc:2882400001 cname:Yq2mW4pL8nR1tV6x",
            "a=ssrc:2882400002 cname:Yq2mW4pL8nR1tV6x", "");

    static final String ANSWER = OFFER.replace("o=- 4611731400430051336", "o=- 7209384756102938475")
        .replace("a=setup:actpass", "a=setup:active")
        .replace("sXl0", "Pq7z")
        .replace("dQ3bW8uZ5kP2rT7yV1mN4cX6", "hJ2kL9mN3bV5cX8zQ1wE4rT7")
        .replace("a=ice-options:trickle\r\n", "");

    private SampleSdp() {
    }

}
