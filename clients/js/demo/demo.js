// The demo page: connect under a name, call another tab, chat over an RTCDataChannel set up
// through the platform, and watch every signaling frame in the timeline.
import { connect, perfectNegotiation } from '/client/signaling-client.js';

const $ = (id) => document.getElementById(id);
const query = new URLSearchParams(location.search);
// The page is served by the session service; ?sessionUrl= points it at another one.
const sessionUrl = query.get('sessionUrl') ?? location.origin;

let client = null;
let call = null; // {peerId, pc, channel, dispose}

$('transport').value = query.get('transport') ?? ''; // the E2E tests force a transport this way

function setStatus(element, state, text) {
  element.dataset.state = state;
  element.textContent = text;
}

function setConnected(connected) {
  $('name').disabled = connected;
  $('token').disabled = connected;
  $('transport').disabled = connected;
  $('connect').disabled = connected;
  $('disconnect').disabled = !connected;
  $('check').disabled = !connected;
  $('call').disabled = !connected;
}

// ---- connecting -------------------------------------------------------------------------------

$('connect-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const transport = $('transport').value;
  setConnected(true);
  setStatus($('status'), 'connecting', 'connecting…');
  try {
    client = await connect({
      sessionUrl,
      userId: $('name').value.trim(),
      // A platform started with --jwt-* wants the user's identity token on every /connect. An app passes its
      // login's token, best as a function (e.g. token: () => auth.getAccessToken()), which the client calls
      // again on each reconnect; this demo reads the field each time.
      token: $('token').value.trim() ? () => $('token').value.trim() : undefined,
      transports: transport ? [transport] : undefined,
    });
  } catch (err) {
    setConnected(false);
    setStatus($('status'), 'error', `could not connect: ${err.code ?? ''} ${err.message}`);
    return;
  }
  setStatus($('status'), 'connected', `connected as ${client.userId}${transport ? ` (${transport})` : ''}`);
  client.on('frame', ({ direction, frame }) => addTimelineRow(direction, frame));
  client.on('signal', onSignal);
  client.on('open', () => setStatus($('status'), 'connected', `connected as ${client.userId} (new session)`));
  client.on('reconnecting', ({ attempt, delayMs }) =>
    setStatus($('status'), 'reconnecting', `connection lost: reconnecting (attempt ${attempt}, in ${delayMs} ms)`));
  client.on('error', ({ id, code }) => addMessage('system', `signal ${id ?? ''}: ${code}`));
  client.on('close', ({ reason }) => {
    setConnected(false);
    setStatus($('status'), 'closed', `disconnected: ${reason}`);
    client = null;
  });
});

$('disconnect').addEventListener('click', () => {
  hangUp(true);
  client?.close();
});

$('check').addEventListener('click', async () => {
  const peerId = $('peer').value.trim();
  const response = await fetch(`${sessionUrl}/sessions/${encodeURIComponent(peerId)}`);
  setStatus($('online'), response.ok ? 'online' : 'offline', response.ok ? `${peerId} is online` : `${peerId} is offline`);
});

// ---- calling ----------------------------------------------------------------------------------

$('call-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const peerId = $('peer').value.trim();
  if (!client || !peerId || call) return;
  startCall(peerId, []);
  // The caller opens the chat channel; adding the first channel fires negotiationneeded.
  useChannel(call.pc.createDataChannel('chat'));
  await addCamera(call.pc);
});

$('hangup').addEventListener('click', () => hangUp(true));

function onSignal(signal) {
  const { from, content } = signal;
  if (content?.kind === 'bye') {
    if (call?.peerId === from) hangUp(false);
  } else if (!call && content?.kind === 'description' && content.description?.type === 'offer') {
    // Someone calls us: answer automatically, handing the offer that started it to the negotiation.
    $('peer').value = from;
    startCall(from, [signal]);
    addCamera(call.pc);
  }
}

function startCall(peerId, backlog) {
  const pc = new RTCPeerConnection({ iceServers: client.iceServers });
  // Either side may call: the roles must differ, so they follow from the names.
  const polite = client.userId < peerId;
  const dispose = perfectNegotiation(client, peerId, pc, {
    polite, backlog, onError: (err) => addMessage('system', `negotiation: ${err.code ?? err.name}: ${err.message}`),
  });
  call = { peerId, pc, channel: null, dispose };
  setStatus($('call-status'), 'calling', `calling ${peerId}…`);
  $('call').disabled = true;
  $('hangup').disabled = false;
  pc.addEventListener('datachannel', ({ channel }) => useChannel(channel));
  pc.addEventListener('track', ({ streams }) => {
    $('remote-video').srcObject = streams[0];
    $('remote-video').hidden = false;
  });
  pc.addEventListener('connectionstatechange', () => {
    if (call?.pc !== pc) return;
    if (pc.connectionState === 'failed') hangUp(true);
    else if (call.channel?.readyState !== 'open') setStatus($('call-status'), pc.connectionState, `${pc.connectionState} (${peerId})`);
  });
}

function useChannel(channel) {
  call.channel = channel;
  channel.addEventListener('open', () => {
    setStatus($('call-status'), 'connected', `connected with ${call.peerId}`);
    $('chat').disabled = false;
    $('send').disabled = false;
  });
  channel.addEventListener('message', ({ data }) => {
    addMessage(call.peerId, data);
    addTimelineRow('received', { type: 'datachannel', from: call.peerId, to: client?.userId, content: { kind: 'chat' } });
  });
  channel.addEventListener('close', () => {
    $('chat').disabled = true;
    $('send').disabled = true;
  });
}

async function addCamera(pc) {
  if (!$('camera').checked) return;
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    $('local-video').srcObject = stream;
    $('local-video').hidden = false;
    stream.getTracks().forEach((track) => pc.addTrack(track, stream));
  } catch (err) {
    addMessage('system', `camera: ${err.message}`);
  }
}

function hangUp(tellPeer) {
  if (!call) return;
  if (tellPeer && client?.connected) client.send(call.peerId, { kind: 'bye' }).catch(() => {});
  call.dispose();
  call.pc.getSenders().forEach((sender) => sender.track?.stop());
  call.pc.close();
  setStatus($('call-status'), 'ended', `call with ${call.peerId} ended`);
  call = null;
  for (const id of ['local-video', 'remote-video']) {
    $(id).srcObject = null;
    $(id).hidden = true;
  }
  $('chat').disabled = true;
  $('send').disabled = true;
  $('call').disabled = !client;
  $('hangup').disabled = true;
}

// ---- chat and timeline ------------------------------------------------------------------------

$('chat-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('chat').value;
  if (!text || call?.channel?.readyState !== 'open') return;
  call.channel.send(text);
  addMessage(client.userId, text);
  addTimelineRow('sent', { type: 'datachannel', from: client.userId, to: call.peerId, content: { kind: 'chat' } });
  $('chat').value = '';
});

function addMessage(from, text) {
  const item = document.createElement('li');
  item.dataset.from = from;
  item.textContent = `${from}: ${text}`;
  $('messages').append(item);
}

/** kind: offer / answer / candidate for perfect negotiation, else the content's own kind. */
function kindOf(content) {
  if (content?.kind === 'description') return content.description?.type ?? 'description';
  return content?.kind ?? '';
}

function addTimelineRow(direction, frame) {
  const sent = direction === 'sent';
  const from = sent ? client?.userId : frame.from;
  const to = sent ? frame.to : (frame.to ?? client?.userId);
  const cells = [
    new Date().toISOString().slice(11, 23),
    sent ? '→' : '←',
    frame.type ?? 'signal',
    frame.type === 'ack' || frame.type === 'error' ? '' : `${from ?? ''} → ${to ?? ''}`,
    frame.id ?? '',
    frame.type === 'error' ? frame.code : kindOf(frame.content),
  ];
  const row = document.createElement('tr');
  row.className = direction;
  row.dataset.type = cells[2];
  row.dataset.kind = cells[5];
  for (const text of cells) row.insertCell().textContent = text;
  const timeline = $('timeline');
  timeline.prepend(row);
  while (timeline.rows.length > 500) timeline.deleteRow(-1); // a long call sends many candidates
}
