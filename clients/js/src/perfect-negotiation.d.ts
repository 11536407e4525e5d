// Types: see signaling-client.d.ts.
export { perfectNegotiation, PerfectNegotiationOptions } from './signaling-client.js';
