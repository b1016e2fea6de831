// Signs a request as a provider sends it, with the provider's own library wherever it has a signer.
//
// stdin:  { "provider": "github" | "stripe" | "standard-webhooks" | "svix" | "slack" | "shopify",
//           "secret": "...", "body": "<the exact body>", "id": "<delivery/message id>", "event": "<event or topic>" }
// stdout: { "headers": { "<name>": "<value>", ... }, "signedWith": "...", "checkedWith": "..." }
//
// "headers" is every header the provider sends with the body (signature, id, event, content type, user agent).
// Before answering, the signed request is checked with the provider's own verifier ("checkedWith"), so a test
// posts only what the provider's library itself accepts.
//
// Each signer imports only its own library: loading all six takes seconds on a busy machine.
import { createHmac } from 'node:crypto';
import { installed, readInput, run, writeOutput } from './io.js';

const signers = {
  // GitHub: https://docs.github.com/en/webhooks/webhook-events-and-payloads#delivery-headers
  async github({ secret, body, id, event }) {
    const { sign: githubSign, verify: githubVerify } = await import('@octokit/webhooks-methods');
    const signature256 = await githubSign(secret, body);
    if (!(await githubVerify(secret, body, signature256))) {
      throw new Error('@octokit/webhooks-methods did not verify its own signature');
    }
    return {
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'GitHub-Hookshot/7b4e1c2',
        'X-GitHub-Event': event,
        'X-GitHub-Delivery': id,
        'X-GitHub-Hook-ID': '512341234',
        'X-GitHub-Hook-Installation-Target-Type': 'repository',
        'X-GitHub-Hook-Installation-Target-ID': '70112233',
        // GitHub still sends the legacy SHA-1 header beside the SHA-256 one; the library signs SHA-256 only.
        'X-Hub-Signature': `sha1=${createHmac('sha1', secret).update(body, 'utf8').digest('hex')}`,
        'X-Hub-Signature-256': signature256,
      },
      signedWith: `${installed('@octokit/webhooks-methods')} sign`,
      checkedWith: `${installed('@octokit/webhooks-methods')} verify`,
    };
  },

  // Stripe: https://docs.stripe.com/webhooks#verify-events
  async stripe({ secret, body }) {
    const { default: Stripe } = await import('stripe');
    const stripe = new Stripe('sk_test_interop');
    const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret });
    stripe.webhooks.constructEvent(body, header, secret); // throws when it does not verify
    return {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'Stripe-Signature': header,
      },
      signedWith: `${installed('stripe')} webhooks.generateTestHeaderString`,
      checkedWith: `${installed('stripe')} webhooks.constructEvent`,
    };
  },

  // Standard Webhooks: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
  async 'standard-webhooks'({ secret, body, id }) {
    const { Webhook: StandardWebhook } = await import('standardwebhooks');
    const webhook = new StandardWebhook(secret);
    const at = wholeSecondsNow();
    const headers = {
      'Content-Type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(at.getTime() / 1000),
      'webhook-signature': webhook.sign(id, at, body),
    };
    webhook.verify(body, lowerCase(headers)); // throws when it does not verify
    return {
      headers,
      signedWith: `${installed('standardwebhooks')} Webhook.sign`,
      checkedWith: `${installed('standardwebhooks')} Webhook.verify`,
    };
  },

  // Svix's default header names (https://docs.svix.com/receiving/verifying-payloads/how-manual).
  async svix({ secret, body, id }) {
    const { Webhook: SvixWebhook } = await import('svix');
    const webhook = new SvixWebhook(secret);
    const at = wholeSecondsNow();
    const headers = {
      'Content-Type': 'application/json',
      'svix-id': id,
      'svix-timestamp': String(at.getTime() / 1000),
      'svix-signature': webhook.sign(id, at, body),
    };
    webhook.verify(body, lowerCase(headers)); // throws when it does not verify
    return {
      headers,
      signedWith: `${installed('svix')} Webhook.sign`,
      checkedWith: `${installed('svix')} Webhook.verify`,
    };
  },

  // Slack: https://api.slack.com/authentication/verifying-requests-from-slack. Slack's libraries verify but do
  // not sign, so the signature is made here exactly as that page says, and Bolt's verifier must accept it.
  async slack({ secret, body }) {
    const { default: bolt } = await import('@slack/bolt');
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`, 'utf8').digest('hex')}`;
    bolt.verifySlackRequest({
      signingSecret: secret,
      body,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
    }); // throws when it does not verify
    return {
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        'X-Slack-Request-Timestamp': String(timestamp),
        'X-Slack-Signature': signature,
      },
      signedWith: "node:crypto, as Slack's 'Verifying requests from Slack' says (Slack's libraries do not sign)",
      checkedWith: `${installed('@slack/bolt')} verifySlackRequest`,
    };
  },

  // Shopify: https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook
  async shopify({ secret, body, id, event }) {
    await import('@shopify/shopify-api/adapters/web-api');
    const { shopifyApi, ApiVersion, LogSeverity } = await import('@shopify/shopify-api');
    const { getHmac } = await import('@shopify/shopify-api/test-helpers');
    const headers = {
      'Content-Type': 'application/json',
      'X-Shopify-Topic': event,
      'X-Shopify-Hmac-Sha256': getHmac(body, secret),
      'X-Shopify-Shop-Domain': 'interop-test.myshopify.com',
      'X-Shopify-API-Version': ApiVersion.July25,
      'X-Shopify-Webhook-Id': id,
      'X-Shopify-Triggered-At': new Date().toISOString(),
      'X-Shopify-Event-Id': `${id}-event`,
    };
    const shopify = shopifyApi({
      apiKey: 'interop-test',
      apiSecretKey: secret,
      scopes: [],
      hostName: 'interop-test.example',
      apiVersion: ApiVersion.July25,
      isEmbeddedApp: false,
      logger: { level: LogSeverity.Error, log: async () => {} },
    });
    const rawRequest = new Request('https://interop-test.example/webhooks', { method: 'POST', headers, body });
    const result = await shopify.webhooks.validate({ rawBody: body, rawRequest });
    if (!result.valid) {
      throw new Error(`@shopify/shopify-api did not validate the request: ${JSON.stringify(result)}`);
    }
    return {
      headers,
      signedWith: `${installed('@shopify/shopify-api')} test-helpers getHmac`,
      checkedWith: `${installed('@shopify/shopify-api')} webhooks.validate`,
    };
  },
};

function wholeSecondsNow() {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

function lowerCase(headers) {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

run(async () => {
  const input = await readInput();
  const signer = signers[input.provider];
  if (!signer) {
    throw new Error(`unknown provider '${input.provider}' (known: ${Object.keys(signers).join(', ')})`);
  }

  writeOutput(await signer(input));
});
