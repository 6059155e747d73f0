// One cold invocation: process start -> message accepted. Usage: node cold.mjs EVENT_FILE
import { readFileSync } from 'node:fs';
import { handler } from './index.mjs';

const id = await handler(JSON.parse(readFileSync(process.argv[2], 'utf8')));
console.log(JSON.stringify({ status: 'sent', messageId: id }));
