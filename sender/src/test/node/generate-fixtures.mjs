// Writes ../resources/crypto/node-esdk-fixtures.json: Cognito-style ciphertexts (suite 0x0378, context userpool-id)
// made by the AWS Encryption SDK for JavaScript with a raw AES keyring, for EncryptionSdkCrossImplementationTest.
// Regenerate: cd sender/src/test/node && npm install && npm run generate
import { writeFileSync } from 'node:fs';
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
} from '@aws-crypto/client-node';

// The same test key as TestCiphertexts: 32 bytes 0x00..0x1f.
const key = Uint8Array.from({ length: 32 }, (_, i) => i);
const keyring = new RawAesKeyringNode({
  keyNamespace: 'otp-local',
  keyName: 'cognito-code-key',
  unencryptedMasterKey: key,
  wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
});
const { encrypt } = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);

const cases = [
  ['eu-west-1_EXAMPLE', '739204'],
  ['eu-west-1_EXAMPLE', '000123'],
  ['eu-west-1_EXAMPLE', 'Tmp&lt;9x&amp;Q2zz'],
  ['us-east-1_AbC123xyz', '98765432'],
];
const fixtures = [];
for (const [userPoolId, plaintext] of cases) {
  const { result } = await encrypt(keyring, Buffer.from(plaintext, 'utf8'), {
    encryptionContext: { 'userpool-id': userPoolId },
    suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384,
  });
  fixtures.push({ userPoolId, plaintext, ciphertext: result.toString('base64') });
}
writeFileSync(new URL('../resources/crypto/node-esdk-fixtures.json', import.meta.url),
  JSON.stringify({ generator: '@aws-crypto/client-node 5.0.2', fixtures }, null, 2) + '\n');
console.log(`wrote ${fixtures.length} fixtures`);
