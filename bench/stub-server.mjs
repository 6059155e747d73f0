// The one loopback Cloud API stand-in both implementations are measured against: answers every POST with a wamid,
// counts requests and TCP connections. Usage: node stub-server.mjs PORT (prints "listening" when ready).
import { createServer } from 'node:http';

let requests = 0;
let connections = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    requests++;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(`{"messaging_product":"whatsapp","messages":[{"id":"wamid.STUB${requests}"}]}`);
  });
});
server.on('connection', (socket) => { connections++; socket.setNoDelay(true); });
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('listening'));
process.on('SIGUSR2', () => console.error(`stub: ${requests} requests on ${connections} connections`));
