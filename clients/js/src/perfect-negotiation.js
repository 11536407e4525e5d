/**
 * The W3C "perfect negotiation" pattern (WebRTC 1.0, §10.7) between this client and one peer:
 * either side may (re)negotiate at any time, and when both send an offer at once ("glare") the
 * impolite peer ignores the other's offer while the polite one rolls its own back and answers.
 *
 * Signals on the wire: `{kind: 'description', description}` and `{kind: 'candidate', candidate}`.
 *
 * @param client   a connected client (connect())
 * @param peerId   the other user's id
 * @param pc       an RTCPeerConnection (or anything with its methods and events)
 * @param options  `polite`: this side yields on glare (exactly one of the two peers must be polite);
 *                 `onError(err)`: failures of async steps (default console.error);
 *                 `backlog`: `signal` event details from peerId that the app already received, such as
 *                 the offer that made it create `pc` (a listener added while that event is being
 *                 dispatched misses it in browsers, yet gets it in Node: so each is applied once, by id)
 * @returns a function that stops the negotiation (the pc itself is left open)
 */
export function perfectNegotiation(client, peerId, pc, { polite, onError = console.error, backlog = [] } = {}) {
  if (typeof polite !== 'boolean') throw new TypeError('perfectNegotiation needs {polite: true|false}');
  let makingOffer = false;
  let ignoreOffer = false;
  let isSettingRemoteAnswerPending = false;

  // Not awaited where the pattern sends: an ack is "in the log", the negotiation goes on meanwhile.
  const send = (content) => client.send(peerId, content).catch(onError);

  const onNegotiationNeeded = async () => {
    try {
      makingOffer = true;
      await pc.setLocalDescription();
      send({ kind: 'description', description: pc.localDescription });
    } catch (err) {
      onError(err);
    } finally {
      makingOffer = false;
    }
  };

  const onIceCandidate = ({ candidate }) => {
    if (candidate) send({ kind: 'candidate', candidate });
  };

  // Relies on the pc's operations chain for ordering, as the pattern does: no queue of our own.
  const receive = async (content) => {
    try {
      if (content?.kind === 'description') {
        const { description } = content;
        const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || isSettingRemoteAnswerPending);
        const offerCollision = description.type === 'offer' && !readyForOffer;
        ignoreOffer = !polite && offerCollision;
        if (ignoreOffer) return;
        isSettingRemoteAnswerPending = description.type === 'answer';
        await pc.setRemoteDescription(description); // on glare, the polite side's offer is rolled back here
        isSettingRemoteAnswerPending = false;
        if (description.type === 'offer') {
          await pc.setLocalDescription();
          send({ kind: 'description', description: pc.localDescription });
        }
      } else if (content?.kind === 'candidate') {
        try {
          await pc.addIceCandidate(content.candidate);
        } catch (err) {
          if (!ignoreOffer) throw err; // candidates of an offer we ignored are expected to fail
        }
      }
    } catch (err) {
      onError(err);
    }
  };

  const fromBacklog = new Set(backlog.map((signal) => signal.id));
  const onSignal = ({ detail }) => {
    if (detail.from === peerId && !fromBacklog.delete(detail.id)) receive(detail.content);
  };

  pc.addEventListener('negotiationneeded', onNegotiationNeeded);
  pc.addEventListener('icecandidate', onIceCandidate);
  client.addEventListener('signal', onSignal);
  for (const signal of backlog) receive(signal.content);

  return function dispose() {
    pc.removeEventListener('negotiationneeded', onNegotiationNeeded);
    pc.removeEventListener('icecandidate', onIceCandidate);
    client.removeEventListener('signal', onSignal);
  };
}
