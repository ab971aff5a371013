// An @ethereumjs/devp2p RLPx peer on 127.0.0.1 for the interop tests, driven by arguments.
// It prints one JSON object per line on stdout, one per event:
//   {"event":"listening","port":N,"id":HEX,"enode":URL}       (server mode, once bound)
//   {"event":"peer-added","id":HEX,"clientId":S,"protocolVersion":N,
//    "capabilities":["eth/68",...],"shared":["eth/68"],"port":N}
//   {"event":"peer-removed","id":HEX,"reason":N,"reasonName":S,"by":"us"|"them"}
//   {"event":"peer-error","id":HEX|null,"message":S}
//   {"event":"error","message":S}
// With --status, it also runs the ETH protocol's Status exchange on every peer:
//   {"event":"status-sent","id":HEX,"status":STATUS}          (what it announced)
//   {"event":"status","id":HEX,"status":STATUS}               (the peer's, accepted by ethereumjs)
//   {"event":"status-rejected","id":HEX,"message":S}          (the peer's, refused by ethereumjs)
// where STATUS is {"version":N,"networkId":S,"td":S,"bestHash":HEX,"genesis":HEX,
// "forkHash":HEX,"forkNext":S}. ethereumjs disconnects a peer whose Status is missing after 5 s.
// It exits when stdin closes, so a test that dies cannot leave it running.
//
// usage: node rlpx-peer.mjs server [--port N] [--key HEX] [--caps eth/68,snap/1] [STATUS]
//        node rlpx-peer.mjs client --connect enode://ID@HOST:PORT [--key HEX] [--caps ...] [STATUS]
// STATUS: --status [--network mainnet|sepolia] [--hardfork NAME] [--status-delay MS]
// Default capabilities are what ethereumjs itself offers: eth/62..eth/68 and snap/1.
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'

import { Common, Mainnet, Sepolia } from '@ethereumjs/common'
import { DISCONNECT_REASON, DisconnectReasonNames, ETH, RLPx, SNAP } from '@ethereumjs/devp2p'

const CAPABILITIES = {
  'eth/62': ETH.eth62,
  'eth/63': ETH.eth63,
  'eth/64': ETH.eth64,
  'eth/65': ETH.eth65,
  'eth/66': ETH.eth66,
  'eth/67': ETH.eth67,
  'eth/68': ETH.eth68,
  'snap/1': SNAP.snap,
}
const HOST = '127.0.0.1'

// ethereumjs's Common has no genesis hashes: these are the networks' published ones.
const NETWORKS = {
  mainnet: {
    chain: Mainnet,
    genesis: 'd4e56740f876aef8c010b86a40d5f56745a118d0906a34e69aec8c0db1cb8fa3',
  },
  sepolia: {
    chain: Sepolia,
    genesis: '25a5cc106eea7138acab33231d7160d69cb777ee0c2c553fcddf5138993e6dd9',
  },
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string', default: '0' },
    key: { type: 'string' },
    connect: { type: 'string' },
    caps: { type: 'string', default: Object.keys(CAPABILITIES).join(',') },
    status: { type: 'boolean', default: false },
    network: { type: 'string', default: 'mainnet' },
    // The fork the node claims to be at. ethereumjs announces this fork's id and judges the
    // peer's fork id against its fork table from this fork on; bpo2 is mainnet's current fork.
    hardfork: { type: 'string', default: 'bpo2' },
    // Wait this long after Hello before sending Status. ethereumjs judges the peer's Status when
    // both are in, so with a delay it sends its own before judging (and never disconnects for it).
    'status-delay': { type: 'string', default: '0' },
  },
})

function emit(event) {
  process.stdout.write(JSON.stringify(event) + '\n')
}

function fail(message) {
  emit({ event: 'error', message })
  process.exit(2)
}

const hex = (bytes) => Buffer.from(bytes).toString('hex')
const mode = positionals[0]
if (mode !== 'server' && mode !== 'client') fail('first argument must be server or client')

const privateKey = values.key ? Uint8Array.from(Buffer.from(values.key, 'hex')) : randomBytes(32)
const capabilities = values.caps.split(',').map((name) => {
  const c = CAPABILITIES[name]
  if (c === undefined) fail(`unknown capability ${name}`)
  return c
})

const network = NETWORKS[values.network]
if (network === undefined) fail(`unknown network ${values.network}`)
let common
try {
  common = new Common({ chain: network.chain, hardfork: values.hardfork })
} catch (err) {
  fail(`hardfork ${values.hardfork}: ${err.message}`)
}

const rlpx = new RLPx(privateKey, {
  capabilities,
  common,
  // Hello's listenPort: ethereumjs encodes 0 as the byte 0x00, a non-canonical RLP integer that
  // geth's decoder (ErrCanonInt) and ours refuse, so an ephemeral port is announced as none.
  listenPort: mode === 'server' && Number(values.port) > 0 ? Number(values.port) : null,
})

const peerId = (peer) => (peer.getId() ? hex(peer.getId()) : null)

rlpx.events.on('peer:added', (peer) => {
  const hello = peer.getHelloMessage()
  emit({
    event: 'peer-added',
    id: peerId(peer),
    clientId: hello.clientId,
    protocolVersion: hello.protocolVersion,
    capabilities: hello.capabilities.map((c) => `${c.name}/${c.version}`),
    shared: peer.getProtocols().map((p) => `${p.constructor.name.toLowerCase()}/${p.getVersion()}`),
    port: hello.port,
  })
  if (values.status) {
    const eth = peer.getProtocols().find((p) => p instanceof ETH)
    if (eth !== undefined) runStatus(peer, eth)
  }
})

const decimal = (bytes) => (bytes.length === 0 ? 0n : BigInt('0x' + hex(bytes))).toString()
const statusJson = (s) => ({
  version: Number(decimal(s[0])),
  networkId: decimal(s[1]),
  td: decimal(s[2]),
  bestHash: hex(s[3]),
  genesis: hex(s[4]),
  forkHash: hex(s[5][0]),
  forkNext: decimal(s[5][1]),
})

// Status on ethereumjs's ETH protocol (eth/64+: with a fork id from its Common and hardfork).
// td 0 and genesis as the best block, as a node that holds no chain announces.
function runStatus(peer, eth) {
  const id = peerId(peer)
  eth.events.on('status', (s) => {
    const fields = [Uint8Array.of(eth.getVersion()), s.chainId, s.td, s.bestHash, s.genesisHash, s.forkId]
    emit({ event: 'status', id, status: statusJson(fields) })
  })
  setTimeout(() => {
    const genesis = Uint8Array.from(Buffer.from(network.genesis, 'hex'))
    try {
      eth.sendStatus({ td: new Uint8Array(), bestHash: genesis, genesisHash: genesis })
    } catch (err) {
      // sendStatus sends first and then judges the peer's Status if it is already in.
      emit({ event: 'status-rejected', id, message: String(err?.message ?? err) })
    }
    // _status: the fields exactly as ethereumjs encoded them (no public accessor)
    if (eth._status !== null) emit({ event: 'status-sent', id, status: statusJson(eth._status) })
  }, Number(values['status-delay']))
}
rlpx.events.on('peer:removed', (peer, reason, disconnectWe) => {
  emit({
    event: 'peer-removed',
    id: peerId(peer),
    reason: reason ?? null,
    reasonName: reason === undefined ? null : (DisconnectReasonNames[reason] ?? 'UNKNOWN'),
    by: disconnectWe === true ? 'us' : 'them',
  })
})
rlpx.events.on('peer:error', (peer, err) => {
  emit({ event: 'peer-error', id: peerId(peer), message: String(err?.message ?? err) })
})
rlpx.events.on('error', (err) => emit({ event: 'error', message: String(err?.message ?? err) }))

if (mode === 'server') {
  rlpx.events.once('listening', () => {
    const port = rlpx._server.address().port
    const id = hex(rlpx.id)
    emit({ event: 'listening', port, id, enode: `enode://${id}@${HOST}:${port}` })
  })
  rlpx.listen(Number(values.port), HOST)
} else {
  const match = /^enode:\/\/([0-9a-f]{128})@([^:]+):(\d+)/.exec(values.connect ?? '')
  if (match === null) fail('client mode needs --connect enode://ID@HOST:PORT')
  rlpx
    .connect({
      id: Uint8Array.from(Buffer.from(match[1], 'hex')),
      address: match[2],
      tcpPort: Number(match[3]),
    })
    .catch((err) => emit({ event: 'error', message: String(err?.message ?? err) }))
}

function shutdown() {
  for (const peer of rlpx.getPeers()) peer.disconnect(DISCONNECT_REASON.CLIENT_QUITTING)
  // Give the Disconnect a moment to reach the wire before the process goes.
  setTimeout(() => process.exit(0), 100)
}
process.stdin.on('end', shutdown)
process.stdin.resume()
process.on('SIGTERM', shutdown)
