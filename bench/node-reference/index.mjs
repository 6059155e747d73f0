// The Node.js reference: the AWS documentation's custom SMS sender example (decrypt request.code with the AWS
// Encryption SDK, then send), with a raw AES keyring in place of the KMS keyring so it runs locally, and a fetch
// POST to the WhatsApp Cloud API in place of the SMS provider call. Same environment variables as the Java sender.
import { buildClient, CommitmentPolicy, RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/client-node';

const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
const keyring = new RawAesKeyringNode({
  keyNamespace: process.env.OTP_LOCAL_KEY_NAMESPACE,
  keyName: process.env.OTP_LOCAL_KEY_NAME,
  unencryptedMasterKey: new Uint8Array(Buffer.from(process.env.OTP_LOCAL_AES_KEY, 'base64')),
  wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
});
const url = `${process.env.WHATSAPP_API_BASE_URL}/${process.env.WHATSAPP_API_VERSION ?? 'v26.0'}/`
  + `${process.env.WHATSAPP_PHONE_NUMBER_ID}/messages`;

export async function handler(event) {
  const { plaintext } = await decrypt(keyring, Buffer.from(event.request.code, 'base64'));
  const code = plaintext.toString('utf8');
  const response = await fetch(url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.WHATSAPP_ACCESS_TOKEN}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      messaging_product: 'whatsapp', recipient_type: 'individual', to: event.request.userAttributes.phone_number,
      type: 'template', template: { name: 'otp_code', language: { code: 'en_US' }, components: [
        { type: 'body', parameters: [{ type: 'text', text: code }] },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: code }] }] },
    }),
  });
  const body = await response.json();
  if (!response.ok) throw new Error(`Graph answered ${response.status}`);
  return body.messages[0].id;
}
