// Entry of dist/signaling-client.js (served at /client/signaling-client.js): the client with
// sockjs-client from npm bundled in, so a page needs nothing else and no CDN.
import SockJS from 'sockjs-client';
import { connect as connectWith } from './signaling-client.js';

export { DEFAULT_RECONNECT, DEFAULT_TRANSPORTS, SignalingError, perfectNegotiation } from './signaling-client.js';
export { SockJS };

export function connect(options) {
  return connectWith({ SockJS, ...options });
}
