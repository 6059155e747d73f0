// The KMS leg of the AWS docs example on its own, in a cold process: the SDK v3 KMS client (what KmsKeyringNode uses)
// sends one Decrypt to AWS_ENDPOINT_URL_KMS. Usage: node kms-cold.mjs. Prints {"status":"sent"} once answered.
import { DecryptCommand, KMSClient } from '@aws-sdk/client-kms';

const kms = new KMSClient({ endpoint: process.env.AWS_ENDPOINT_URL_KMS });
const answer = await kms.send(new DecryptCommand({ CiphertextBlob: new Uint8Array([1, 2, 3]),
  KeyId: 'arn:aws:kms:eu-west-1:111122223333:key/bench' }));
console.log(JSON.stringify({ status: answer.Plaintext.length === 32 ? 'sent' : 'unexpected' }));
process.exit(0);
