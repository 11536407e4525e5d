// Waiting helpers: tests wait for events and promises, with a timeout only as an upper bound.

/** Rejects when `promise` has not settled within `ms`. */
export function within(promise, ms = 5000, what = 'the awaited step') {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The detail of the next `type` event on an EventTarget for which `filter(detail)` holds. */
export function nextEvent(target, type, { filter = () => true, ms = 5000 } = {}) {
  let listener;
  const seen = new Promise((resolve) => {
    listener = (event) => {
      const detail = event.detail ?? event;
      if (filter(detail)) resolve(detail);
    };
    target.addEventListener(type, listener);
  });
  return within(seen, ms, `a '${type}' event`).finally(() => target.removeEventListener(type, listener));
}

/** Collects the details of every `type` event on an EventTarget into an array. */
export function record(target, type) {
  const details = [];
  target.addEventListener(type, (event) => details.push(event.detail));
  return details;
}
