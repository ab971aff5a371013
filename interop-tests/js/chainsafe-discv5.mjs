// A ChainSafe @chainsafe/discv5 node on loopback, driven by JSON lines, for interop-tests.
//
// Usage: node chainsafe-discv5.mjs [--ip 127.0.0.1] [--port N] [--request-timeout MS]
//   port 0 or absent: a free one; request timeout: ChainSafe's default (1000 ms) if absent
//
// stdout, one JSON object a line:
//   {"event":"started","enr":"enr:...","nodeId":"<hex>","port":N}   once, when listening
//   {"id":ID,"ok":true,"result":{...}}                               a command's result
//   {"id":ID,"ok":false,"error":"..."}                               a command's failure
//   {"event":"fatal","error":"..."}                                  before exiting on a crash
// stdin, one JSON object a line, each with a caller-chosen "id":
//   {"id":1,"cmd":"ping","enr":"enr:..."}                  -> {"enrSeq":"N","ip":"...","port":N}
//   {"id":2,"cmd":"findNode","enr":"enr:...","distances":[256]} -> {"enrs":["enr:..."]}
//   {"id":3,"cmd":"lookup","target":"<64 hex>"}            -> {"enrs":[...]} (iterative lookup)
//   {"id":4,"cmd":"addEnr","enr":"enr:..."}                -> {} (into its routing table)
//   {"id":5,"cmd":"table"}                                 -> {"enrs":[...]} (its routing table)
//   {"id":6,"cmd":"stop"}                                  -> {} then the process exits
// stdout carries only these lines; ChainSafe's own logging (DEBUG=discv5*) goes to stderr.

import { createSocket } from "node:dgram";
import { createInterface } from "node:readline";
import { Discv5 } from "@chainsafe/discv5";
import { ENR, SignableENR } from "@chainsafe/enr";
import { generateKeyPair } from "@libp2p/crypto/keys";
import { multiaddr } from "@multiformats/multiaddr";

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

function emit(obj) {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

// Asks the OS for a free UDP port on ip, then releases it for discv5 to bind.
function freeUdpPort(ip) {
  return new Promise((resolve, reject) => {
    const socket = createSocket(ip.includes(":") ? "udp6" : "udp4");
    socket.once("error", reject);
    socket.bind(0, ip, () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

const ip = option("ip", "127.0.0.1");
const port = Number(option("port", "0")) || (await freeUdpPort(ip));
const ipv6 = ip.includes(":");

const privateKey = await generateKeyPair("secp256k1");
const enr = SignableENR.createFromPrivateKey(privateKey);
if (ipv6) {
  enr.ip6 = ip;
  enr.udp6 = port;
} else {
  enr.ip = ip;
  enr.udp = port;
}
const bindAddr = multiaddr(`/${ipv6 ? "ip6" : "ip4"}/${ip}/udp/${port}`);
const discv5 = Discv5.create({
  enr,
  privateKey,
  bindAddrs: ipv6 ? { ip6: bindAddr } : { ip4: bindAddr },
  config: {
    // On loopback every peer reports the same address: never rewrite our record from votes.
    enrUpdate: false,
    ...(option("request-timeout") ? { requestTimeout: Number(option("request-timeout")) } : {}),
  },
});

const txt = (record) => record.encodeTxt();

async function run(request) {
  switch (request.cmd) {
    case "ping": {
      const pong = await discv5.sendPing(ENR.decodeTxt(request.enr));
      const octets = Array.from(pong.addr.ip.octets);
      const addr =
        pong.addr.ip.type === 4
          ? octets.join(".")
          : octets
              .reduce((groups, b, i) => {
                if (i % 2 === 0) groups.push(((b << 8) | octets[i + 1]).toString(16));
                return groups;
              }, [])
              .join(":");
      return { enrSeq: pong.enrSeq.toString(), ip: addr, port: pong.addr.port };
    }
    case "findNode": {
      const enrs = await discv5.sendFindNode(ENR.decodeTxt(request.enr), request.distances);
      return { enrs: enrs.map(txt) };
    }
    case "lookup":
      return { enrs: (await discv5.findNode(request.target)).map(txt) };
    case "addEnr":
      discv5.addEnr(request.enr);
      return {};
    case "table":
      return { enrs: discv5.kadValues().map(txt) };
    case "stop":
      await discv5.stop();
      return {};
    default:
      throw new Error(`unknown command ${JSON.stringify(request.cmd)}`);
  }
}

function describe(err) {
  if (err instanceof Error) {
    return err.code ? `${err.code}: ${err.message}` : `${err.name}: ${err.message}`;
  }
  return String(err);
}

process.on("uncaughtException", (err) => {
  emit({ event: "fatal", error: describe(err) });
  process.exit(1);
});
process.on("unhandledRejection", (err) => {
  emit({ event: "fatal", error: describe(err) });
  process.exit(1);
});

await discv5.start();
emit({ event: "started", enr: txt(discv5.enr), nodeId: discv5.enr.nodeId, port });

const lines = createInterface({ input: process.stdin });
lines.on("line", async (line) => {
  if (line.trim() === "") return;
  let request;
  try {
    request = JSON.parse(line);
  } catch (err) {
    emit({ id: null, ok: false, error: `not JSON: ${describe(err)}` });
    return;
  }
  try {
    const result = await run(request);
    emit({ id: request.id, ok: true, result });
    if (request.cmd === "stop") process.exit(0);
  } catch (err) {
    emit({ id: request.id, ok: false, error: describe(err) });
  }
});
// The driver went away: stop listening rather than linger as an orphan.
lines.on("close", async () => {
  await discv5.stop();
  process.exit(0);
});
