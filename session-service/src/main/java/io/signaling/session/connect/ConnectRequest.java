package io.signaling.session.connect;

/** The JSON form of {@code POST /connect}: {@code {"userId":"alice"}}. */
record ConnectRequest(String userId) {
}
