// Just enough of RTCPeerConnection's signaling state machine (JSEP) for perfect negotiation:
// operations run one at a time in call order (the "operations chain"), setLocalDescription()
// without arguments makes the right offer or answer, an offer applied in have-local-offer is an
// implicit rollback, and every local description gathers one ICE candidate.

function invalidState(message) {
  return Object.assign(new Error(message), { name: 'InvalidStateError' });
}

export class FakePeerConnection extends EventTarget {
  signalingState = 'stable';
  localDescription = null;
  remoteDescription = null;
  rollbacks = 0;
  addedCandidates = [];
  #chain = Promise.resolve();
  #count = 0;

  constructor(name) {
    super();
    this.name = name;
  }

  /** What a real pc does when a track or the first data channel is added. */
  needNegotiation() {
    this.dispatchEvent(new Event('negotiationneeded'));
  }

  setLocalDescription() {
    return this.#enqueue(() => {
      const type = this.signalingState === 'have-remote-offer' ? 'answer' : 'offer';
      if (type === 'offer' && this.signalingState !== 'stable' && this.signalingState !== 'have-local-offer') {
        throw invalidState(`cannot offer in ${this.signalingState}`);
      }
      this.localDescription = { type, sdp: `${this.name}-${type}-${++this.#count}` };
      this.#setState(type === 'offer' ? 'have-local-offer' : 'stable');
      const candidate = { candidate: `candidate:${this.name}-${this.#count}`, sdpMid: '0' };
      // gathering is a later task in a real pc: the description is always sent before its candidates
      setImmediate(() => this.dispatchEvent(Object.assign(new Event('icecandidate'), { candidate })));
    });
  }

  setRemoteDescription(description) {
    return this.#enqueue(() => {
      if (description.type === 'offer') {
        if (this.signalingState === 'have-local-offer') { // implicit rollback (perfect negotiation relies on it)
          this.rollbacks++;
          this.localDescription = null;
          this.#setState('stable');
        }
        if (this.signalingState !== 'stable') throw invalidState(`cannot apply an offer in ${this.signalingState}`);
        this.remoteDescription = description;
        this.#setState('have-remote-offer');
      } else if (description.type === 'answer') {
        if (this.signalingState !== 'have-local-offer') throw invalidState(`cannot apply an answer in ${this.signalingState}`);
        this.remoteDescription = description;
        this.#setState('stable');
      } else {
        throw new TypeError(`unexpected description type ${description.type}`);
      }
    });
  }

  addIceCandidate(candidate) {
    return this.#enqueue(() => {
      if (!this.remoteDescription) throw invalidState('no remote description');
      this.addedCandidates.push(candidate.candidate);
      this.dispatchEvent(new Event('candidateadded')); // the fake's own, for tests to wait on
    });
  }

  #setState(state) {
    if (state === this.signalingState) return;
    this.signalingState = state;
    this.dispatchEvent(new Event('signalingstatechange'));
  }

  #enqueue(operation) {
    const result = this.#chain.then(operation);
    this.#chain = result.catch(() => {});
    return result;
  }
}
