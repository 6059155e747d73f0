// Writes a Cognito-shaped custom SMS sender event whose code is encrypted as Cognito does (suite 0x0378, context
// userpool-id) under the raw AES key in OTP_LOCAL_*. Usage: node make-event.mjs OUT_FILE
import { writeFileSync } from 'node:fs';
import { AlgorithmSuiteIdentifier, buildClient, CommitmentPolicy, RawAesKeyringNode, RawAesWrappingSuiteIdentifier }
  from '@aws-crypto/client-node';

const { encrypt } = buildClient(CommitmentPolicy.FORBID_ENCRYPT_ALLOW_DECRYPT);
const keyring = new RawAesKeyringNode({
  keyNamespace: process.env.OTP_LOCAL_KEY_NAMESPACE,
  keyName: process.env.OTP_LOCAL_KEY_NAME,
  unencryptedMasterKey: new Uint8Array(Buffer.from(process.env.OTP_LOCAL_AES_KEY, 'base64')),
  wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
});
const pool = 'eu-west-1_BENCH0000';
const { result } = await encrypt(keyring, Buffer.from('482913'), {
  encryptionContext: { 'userpool-id': pool },
  suiteId: AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA384_ECDSA_P384,
});
writeFileSync(process.argv[2], JSON.stringify({
  version: '1', triggerSource: 'CustomSMSSender_Authentication', region: 'eu-west-1', userPoolId: pool,
  userName: 'bench-user', callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'bench' },
  request: { type: 'customSMSSenderRequestV1', code: result.toString('base64'), clientMetadata: null,
    userAttributes: { sub: '00000000-0000-4000-8000-000000000000', phone_number_verified: 'true',
      'cognito:user_status': 'CONFIRMED', phone_number: '+447911123456' } },
  response: {},
}, null, 2));
