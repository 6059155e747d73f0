// The one loopback stand-in both implementations are measured against. Answers a Graph POST with a wamid and a KMS
// Decrypt (header X-Amz-Target: TrentService.Decrypt) with a made-up 32-byte plaintext; counts requests of each kind
// and TCP connections. Usage: node stub-server.mjs PORT (prints "listening" when ready; SIGUSR2 prints the counts).
// With ACCEPT_LOG=FILE it appends "accepted EPOCH_MICROS" (wall clock, ms resolution) to FILE for every Graph POST,
// after the answer is written, so a harness times "process start to message accepted" on one clock for every side.
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

const PLAINTEXT = Buffer.alloc(32, 7).toString('base64');
let graph = 0;
let kms = 0;
let connections = 0;
const ACCEPT_LOG = process.env.ACCEPT_LOG;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.headers['x-amz-target'] === 'TrentService.Decrypt') {
      kms++;
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ KeyId: 'arn:aws:kms:eu-west-1:111122223333:key/bench', Plaintext: PLAINTEXT,
        EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' }));
      return;
    }
    graph++;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(`{"messaging_product":"whatsapp","messages":[{"id":"wamid.STUB${graph}"}]}`);
    if (ACCEPT_LOG) {
      appendFileSync(ACCEPT_LOG, `accepted ${Date.now() * 1000}\n`);
    }
  });
});
server.on('connection', (socket) => { connections++; socket.setNoDelay(true); });
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2]), '127.0.0.1', () => console.log('listening'));
process.on('SIGUSR2', () => console.error(
  `stub: ${graph} Graph POSTs and ${kms} KMS Decrypts on ${connections} connections`));
